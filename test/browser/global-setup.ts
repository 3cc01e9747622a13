/**
 * Runs once before the browser tests: refuses to start without Chromium (one line saying how to
 * install it), then builds what the emulator serves, so the tests drive the current sources.
 */
import { buildConsole } from '../../emulator/console/index.ts';
import { build } from '../../scripts/build.ts';
import { chromiumInstalled, MISSING_CHROMIUM_MESSAGE } from './chromium.ts';

export default async function setup(): Promise<void> {
  if (!chromiumInstalled()) {
    process.stderr.write(`${MISSING_CHROMIUM_MESSAGE}\n`);
    process.exit(1);
  }
  await build();
  await buildConsole();
}
