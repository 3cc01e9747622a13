/**
 * Debian's Chromium driven by playwright-core: headless, no background networking, and no
 * name resolution except `localhost`, so a page can only reach this machine.
 */
import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; `CHROMIUM_PATH` overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The one line printed when the browser is missing. */
export const MISSING_CHROMIUM_MESSAGE = `Browser tests need Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH), then run \`npm run test:browser\` again.`;

/** Where each test's screenshot goes (git-ignored). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'browser');

/** Whether the browser is installed. */
export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * @example
 * const browser = await launchChromium();
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--disable-sync',
      '--no-first-run',
      '--no-pings',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/** A fresh context (no storage shared with other tests) that refuses every non-loopback request. */
export interface IsolatedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests the page tried to send off this machine (refused). */
  readonly offMachineRequests: string[];
  /** Errors the page threw or logged (a failed load, a CSP violation). */
  readonly pageErrors: string[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * @example
 * const { page } = await openIsolatedPage(browser, { width: 1280, height: 800 });
 */
export async function openIsolatedPage(browser: Browser, viewport: { width: number; height: number }): Promise<IsolatedPage> {
  const context = await browser.newContext({ viewport, colorScheme: 'light', locale: 'en-US', timezoneId: 'UTC' });
  const offMachineRequests: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || LOOPBACK_HOSTS.has(url.hostname)) return route.continue();
    offMachineRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return { context, page, offMachineRequests, pageErrors };
}

/** Saves a screenshot of `page` as `test-results/browser/<name>.png`. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
