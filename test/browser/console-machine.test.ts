/**
 * Machine sign-in on the console in headless Chromium: a seeded machine client gets a
 * client-credentials token from the emulator's `/oauth2/token`, and the panel shows what it is
 * (a machine, its scopes), what the authorizer lets it touch, and runs queries with it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { takeRefusedRequestLogs, useConsoleSuite } from './console-suite.ts';
import { deniedFieldsShown, openConsole, runOperation, signInAsMachine, subscribeTo, subscriptionEvents, typeOperation } from './console-ui.ts';

describe('Console: machine sign-in', () => {
  const suite = useConsoleSuite();
  let ticketId: string;

  beforeAll(async () => {
    const opened = await suite.environment.graphql('customer@example.com', 'mutation { openTicket(input: { title: "For the report", body: "Counted." }) { id } }');
    ticketId = (opened.body.data as { openTicket: { id: string } }).openTicket.id;
  });

  it('signs the reporting client in: a machine with its scope, internalNotes denied, tickets readable', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);

    // Act
    await signInAsMachine(page, 'localreportingclient');
    await page.locator('[data-testid="api-identity"][data-status="ready"]').waitFor();
    await page.locator('[data-testid="decision"][data-decision-for="access"]').waitFor();
    const identity = page.getByTestId('api-identity');
    await typeOperation(page, 'query Report {\n  tickets {\n    items {\n      id\n      title\n    }\n  }\n}\n');
    const report = await runOperation(page);

    // Assess
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('Signed in as machine client localreportingclient (helpdesk/tickets.read)');
    expect(await identity.locator('[data-field="kind"]').innerText()).toBe('MACHINE');
    expect(await identity.locator('[data-field="scopes"]').innerText()).toBe('helpdesk/tickets.read');
    expect(await page.getByTestId('token-claims').innerText()).toMatch(/scope\s+helpdesk\/tickets\.read/);
    expect(await page.getByTestId('token-claims').innerText()).toMatch(/token_use\s+access/);
    expect(await deniedFieldsShown(page)).toContain('Ticket.internalNotes');
    expect(await deniedFieldsShown(page)).not.toContain('Query.tickets');
    expect(await page.getByRole('radio', { name: 'ID token' }).count()).toBe(0);
    expect(report.errors).toBeUndefined();
    expect((report.data?.tickets as { items: Array<{ id: string }> }).items.map((item) => item.id)).toContain(ticketId);
  });

  it('lets the reporting client watch ticket activity, without internal notes', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAsMachine(page, 'localreportingclient');
    await page.locator('[data-testid="decision"][data-decision-for="access"]').waitFor();
    const phase = await subscribeTo(page, 'onTicketActivity', null);

    // Act
    const opened = await suite.environment.graphql('other@example.com', 'mutation { openTicket(input: { title: "Watched by a machine", body: "Reported." }) { id title status } }');
    await page.getByTestId('subscription-events').locator('li').first().waitFor();
    const events = await subscriptionEvents(page);
    const operation = await page.getByTestId('subscription-document').inputValue();

    // Assess
    expect(phase).toBe('live');
    expect(operation).not.toContain('internalNotes');
    expect(events).toEqual([expect.objectContaining({ id: (opened.body.data as { openTicket: { id: string } }).openTicket.id })]);
  });

  it('explains a wrong secret', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await page.getByText('Sign in as a machine client (client credentials)').click();
    await page.getByLabel('Seeded machine client').selectOption('localtriageclient');

    // Act
    await page.getByLabel('Client secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Get a machine token' }).click();
    const alert = await page.getByRole('alert').innerText();

    // Assess
    expect(alert).toBe('Machine sign-in failed. The token endpoint answered invalid_client (unknown client, or wrong secret).');
    expect(takeRefusedRequestLogs(suite.session, 401)).toHaveLength(1);
  });
});
