/**
 * Runs once before the browser tests: refuses to start without Chromium and Firefox (one line
 * saying how to install them), then builds what the emulator serves, so the tests drive the
 * current sources.
 */
import { buildConsole } from '../../emulator/console/index.ts';
import { build } from '../../scripts/build.ts';
import { CHROMIUM_PATH, chromiumInstalled } from './chromium.ts';
import { FIREFOX_PATH, firefoxInstalled } from './firefox.ts';

/** The one line printed when a browser is missing. */
export const MISSING_BROWSERS_MESSAGE = `Browser tests need Chromium (${CHROMIUM_PATH}) and Firefox ESR (${FIREFOX_PATH}): install them with \`apt-get install -y chromium firefox-esr\` (or set CHROMIUM_PATH and FIREFOX_PATH), then run \`npm run test:browser\` again.`;

export default async function setup(): Promise<void> {
  if (!chromiumInstalled() || !firefoxInstalled()) {
    process.stderr.write(`${MISSING_BROWSERS_MESSAGE}\n`);
    process.exit(1);
  }
  await build();
  await buildConsole();
}
