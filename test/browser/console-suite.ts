/**
 * The hooks every console test file shares: one emulator and one browser per file, a fresh
 * browser context per test, a screenshot after each test, and the checks that the page neither
 * left this machine nor logged an error.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import type { EmulatorOptions } from '../../emulator/start-emulator.ts';
import { launchChromium, openIsolatedPage, saveScreenshot, type IsolatedPage } from './chromium.ts';
import { startConsoleEnvironment, type ConsoleEnvironment } from './console-environment.ts';

/** The desktop size the issue names. */
export const DESKTOP = { width: 1280, height: 800 } as const;

/** What a test reads; filled in by the hooks. */
export interface ConsoleSuite {
  environment: ConsoleEnvironment;
  browser: Browser;
  session: IsolatedPage;
}

/** Options of {@link useConsoleSuite}. */
export interface ConsoleSuiteOptions {
  readonly emulator?: EmulatorOptions;
  readonly viewport?: { readonly width: number; readonly height: number };
}

/**
 * Registers the hooks in the calling `describe` and returns the state they fill in.
 *
 * @example
 * const suite = useConsoleSuite();
 * it('...', async () => { await suite.session.page.goto(suite.environment.consoleUrl); });
 */
export function useConsoleSuite(options: ConsoleSuiteOptions = {}): ConsoleSuite {
  const suite = {} as ConsoleSuite;
  beforeAll(async () => {
    [suite.environment, suite.browser] = await Promise.all([startConsoleEnvironment(options.emulator), launchChromium()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.environment?.close();
  });
  beforeEach(async () => {
    suite.session = await openIsolatedPage(suite.browser, options.viewport ?? DESKTOP);
  });
  afterEach(async (context) => {
    await saveScreenshot(suite.session.page, context.task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
    await suite.session.context.close();
    expect(suite.session.offMachineRequests).toEqual([]);
    expect(suite.session.pageErrors).toEqual([]);
  });
  return suite;
}

/** Removes the page's logs of refused requests with `status` (expected by the test) and returns them. */
export function takeRefusedRequestLogs(session: IsolatedPage, status: number): string[] {
  const refused = session.pageErrors.filter((text) => text.includes(`status of ${status}`));
  session.pageErrors.splice(0, session.pageErrors.length, ...session.pageErrors.filter((text) => !text.includes(`status of ${status}`)));
  return refused;
}
