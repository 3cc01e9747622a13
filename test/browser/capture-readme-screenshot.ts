/**
 * Writes `docs/console.png`, the README's picture of the console: the customer signed in with
 * the ID token, reading their ticket, with the staff-only field denied.
 *
 * Run: `npx tsx test/browser/capture-readme-screenshot.ts` (after `npm run build`).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { buildConsole } from '../../emulator/console/index.ts';
import { PROJECT_ROOT } from '../../emulator/start-emulator.ts';
import { chromiumInstalled, launchChromium, MISSING_CHROMIUM_MESSAGE, openIsolatedPage } from './chromium.ts';
import { startConsoleEnvironment } from './console-environment.ts';
import { chooseToken, openConsole, runOperation, signInAs, typeOperation } from './console-ui.ts';

/** The README asks for at most this many bytes. */
const MAX_BYTES = 200 * 1024;

if (!chromiumInstalled()) {
  console.error(MISSING_CHROMIUM_MESSAGE);
  process.exit(1);
}
await buildConsole();
const environment = await startConsoleEnvironment();
const browser = await launchChromium();
try {
  const opened = await environment.graphql('customer@example.com', 'mutation { openTicket(input: { title: "Printer on fire", body: "Third floor, again." }) { id } }');
  const ticketId = (opened.body.data as { openTicket: { id: string } }).openTicket.id;
  await environment.graphql('agent@example.com', `mutation { setInternalNotes(id: "${ticketId}", notes: "Replace the fuser.") { id } }`);

  const { page } = await openIsolatedPage(browser, { width: 1280, height: 920 });
  await openConsole(page, environment.consoleUrl);
  await signInAs(page, 'customer@example.com');
  await chooseToken(page, 'ID token');
  await typeOperation(page, `query MyTicket {\n  ticket(id: "${ticketId}") {\n    title\n    status\n    reporter\n    internalNotes\n  }\n}\n`);
  await runOperation(page);
  const path = join(PROJECT_ROOT, 'docs', 'console.png');
  await page.screenshot({ path });
  const bytes = statSync(path).size;
  console.log(`wrote ${path} (${Math.round(bytes / 1024)} KB)`);
  if (bytes > MAX_BYTES) {
    console.error(`docs/console.png is larger than ${MAX_BYTES / 1024} KB`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await environment.close();
}
