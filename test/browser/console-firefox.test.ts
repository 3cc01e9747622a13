/**
 * The console in Firefox: a smoke test of the main flow. Steps go through the page's DOM, since
 * this driver has no locators.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from './chromium.ts';
import { startConsoleEnvironment, type ConsoleEnvironment } from './console-environment.ts';
import { launchFirefox, type FirefoxPage } from './firefox.ts';

/** Resolves once `condition` (an expression) is truthy in the page, or fails after 10 s. */
async function until(page: FirefoxPage, condition: string): Promise<void> {
  const ok = await page.evaluate<boolean>(`(async () => {
    for (let tries = 0; tries < 100; tries += 1) {
      if (${condition}) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  })()`);
  if (!ok) throw new Error(`Timed out in Firefox waiting for: ${condition}`);
}

describe('Console: Firefox', () => {
  let environment: ConsoleEnvironment;
  let page: FirefoxPage;

  beforeAll(async () => {
    [environment, page] = await Promise.all([startConsoleEnvironment(), launchFirefox()]);
  });

  afterAll(async () => {
    await page?.close();
    await environment?.close();
  });

  it('signs the agent in, sends the access token and shows the tickets', async () => {
    // Prepare
    const opened = await environment.graphql('customer@example.com', 'mutation { openTicket(input: { title: "In Firefox", body: "Smoke test." }) { id } }');
    const ticketId = (opened.body.data as { openTicket: { id: string } }).openTicket.id;
    await page.setViewport(1280, 800);
    await page.navigate(environment.consoleUrl);
    await until(page, `document.querySelector('form[aria-label="Sign in"] select')`);

    // Act
    await page.evaluate(`(() => {
      const select = document.querySelector('form[aria-label="Sign in"] select');
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(select, 'agent@example.com');
      select.dispatchEvent(new Event('change', { bubbles: true }));
      document.querySelector('form[aria-label="Sign in"] button[type=submit]').click();
    })()`);
    await until(page, `document.querySelector('input[name="token-choice"][value="access"]')`);
    await page.evaluate(`document.querySelector('input[name="token-choice"][value="access"]').click()`);
    await until(page, `document.querySelector('[data-decision-for="access"] [data-testid="denied-fields"]')`);
    await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ tickets { items { id title } } }')`);
    await until(page, `document.querySelector('[role="tab"][aria-selected="true"]')?.textContent === '<untitled>'`);
    await page.evaluate(`document.querySelector('.graphiql-execute-button').click()`);
    await until(page, `document.querySelector('[data-testid="last-answer"]').dataset.answers === '1'`);
    await until(page, `document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue().startsWith('{')`);
    const response = JSON.parse(await page.evaluate<string>(`document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()`)) as {
      data: { tickets: { items: Array<{ id: string; title: string }> } };
    };
    const denied = await page.evaluate<string>(`document.querySelector('[data-testid="denied-fields"]').innerText`);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'firefox-agent-access-token.png'), await page.screenshot());

    // Assess
    expect(denied.split('\n')).toEqual(['Mutation.addComment', 'Mutation.deleteTicket', 'Mutation.openTicket', 'Query.myTickets']);
    expect(response.data.tickets.items).toContainEqual({ id: ticketId, title: 'In Firefox' });
  });
});
