/**
 * The console in Firefox: smoke tests of the main flow, the live subscriptions panel and machine
 * sign-in. Steps go through the page's DOM, since this driver has no locators.
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

/** Sets a `<select>` the way a user's choice does, so React sees the change. */
function chooseOption(selector: string, value: string): string {
  return `(() => {
    const select = document.querySelector(${JSON.stringify(selector)});
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(select, ${JSON.stringify(value)});
    select.dispatchEvent(new Event('change', { bubbles: true }));
  })()`;
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

  it('shows the agent a live event from another client, over the real-time endpoint', async () => {
    // Prepare
    await page.navigate(environment.consoleUrl);
    await until(page, `document.querySelector('form[aria-label="Sign in"] select')`);
    await page.evaluate(chooseOption('form[aria-label="Sign in"] select', 'agent@example.com'));
    await page.evaluate(`document.querySelector('form[aria-label="Sign in"] button[type=submit]').click()`);
    await until(page, `document.querySelector('[data-decision-for="id"] [data-testid="denied-fields"]')`);
    await page.evaluate(chooseOption('form[aria-label="Subscribe"] select', 'onTicketActivity'));
    await page.evaluate(`document.querySelector('form[aria-label="Subscribe"] button[type=submit]').click()`);
    await until(page, `document.querySelector('[data-testid="realtime-state"]').dataset.phase === 'live'`);

    // Act
    const opened = await environment.graphql('customer@example.com', 'mutation { openTicket(input: { title: "Seen live in Firefox", body: "Real time." }) { id title status } }');
    await until(page, `document.querySelector('[data-testid="subscription-events"] li pre')`);
    const event = JSON.parse(await page.evaluate<string>(`document.querySelector('[data-testid="subscription-events"] li pre').textContent`)) as Record<string, unknown>;
    const url = await page.evaluate<string>(`document.querySelector('[data-testid="realtime-state"]').textContent`);

    // Assess
    expect(opened.body.errors).toBeUndefined();
    // onTicketActivity is published by mutations that share only id; the nullable fields ride along.
    expect(event).toEqual({ id: (opened.body.data as { openTicket: { id: string } }).openTicket.id, assignee: null, internalNotes: null });
    expect(url).toContain('Live (start_ack)');
  });

  it('signs a machine client in and shows it as a machine with its scope', async () => {
    // Prepare
    await page.navigate(environment.consoleUrl);
    await until(page, `document.querySelector('form[aria-label="Machine sign-in"] select')`);

    // Act
    await page.evaluate(`document.querySelector('details.hd-machine').open = true`);
    await page.evaluate(chooseOption('form[aria-label="Machine sign-in"] select', 'localreportingclient'));
    await page.evaluate(`document.querySelector('form[aria-label="Machine sign-in"] button[type=submit]').click()`);
    await until(page, `document.querySelector('[data-testid="api-identity"][data-status="ready"]') && document.querySelector('[data-decision-for="access"] [data-testid="denied-fields"]')`);
    const kind = await page.evaluate<string>(`document.querySelector('[data-testid="api-identity"] [data-field="kind"]').textContent`);
    const scopes = await page.evaluate<string>(`document.querySelector('[data-testid="api-identity"] [data-field="scopes"]').textContent`);
    const denied = await page.evaluate<string>(`document.querySelector('[data-testid="denied-fields"]').innerText`);

    // Assess
    expect(kind).toBe('MACHINE');
    expect(scopes).toBe('helpdesk/tickets.read');
    expect(denied.split('\n')).toContain('Ticket.internalNotes');
  });
});
