/**
 * The console in headless Chromium against an emulator started here: sign in as seeded users,
 * choose the ID or the access token, run operations, and see what the authorizer allows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useConsoleSuite } from './console-suite.ts';
import { chooseToken, deniedFieldsShown, lastAnswerText, openConsole, runOperation, signInAs, typeOperation } from './console-ui.ts';

describe('Console: personas and tokens', () => {
  const suite = useConsoleSuite();
  let ticketId: string;

  beforeAll(async () => {
    // Prepare: a ticket reported by the customer, with staff-only notes on it.
    const opened = await suite.environment.graphql('customer@example.com', 'mutation { openTicket(input: { title: "Printer on fire", body: "Third floor." }) { id } }');
    ticketId = (opened.body.data as { openTicket: { id: string } }).openTicket.id;
    const noted = await suite.environment.graphql('agent@example.com', `mutation { setInternalNotes(id: "${ticketId}", notes: "Replace the fuser.") { id } }`);
    expect(noted.body.errors).toBeUndefined();
  });

  it('shows the agent every ticket with the access token', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'agent@example.com');

    // Act
    await chooseToken(page, 'Access token');
    await typeOperation(page, 'query AllTickets {\n  tickets {\n    items {\n      id\n      title\n      reporter\n      internalNotes\n    }\n  }\n}\n');
    const response = await runOperation(page);

    // Assess
    expect(await page.getByTestId('token-claims').innerText()).toMatch(/token_use\s+access/);
    expect(await deniedFieldsShown(page)).toContain('Mutation.deleteTicket');
    expect(await deniedFieldsShown(page)).not.toContain('Query.tickets');
    expect(response.errors).toBeUndefined();
    expect((response.data?.tickets as { items: unknown[] }).items).toContainEqual({
      id: ticketId,
      title: 'Printer on fire',
      reporter: 'customer@example.com',
      internalNotes: 'Replace the fuser.',
    });
    expect(await lastAnswerText(page)).toContain('HTTP 200: data, no errors');
  });

  it('shows the customer with the ID token the ticket without its internal notes', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'agent@example.com');
    await signInAs(page, 'customer@example.com');

    // Act
    await chooseToken(page, 'ID token');
    await typeOperation(page, `query OneTicket {\n  ticket(id: "${ticketId}") {\n    id\n    title\n    status\n    reporter\n    internalNotes\n  }\n}\n`);
    const warning = await page.getByTestId('operation-check').innerText();
    const response = await runOperation(page);

    // Assess
    expect(await page.getByTestId('token-claims').innerText()).toMatch(/token_use\s+id/);
    expect(await deniedFieldsShown(page)).toContain('Ticket.internalNotes');
    expect(warning).toContain('Ticket.internalNotes');
    expect(response.data).toEqual({
      ticket: { id: ticketId, title: 'Printer on fire', status: 'OPEN', reporter: 'customer@example.com', internalNotes: null },
    });
    expect(response.errors).toEqual([
      expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access internalNotes on type Ticket', path: ['ticket', 'internalNotes'] }),
    ]);
    expect(await lastAnswerText(page)).toContain('Denied field Ticket.internalNotes');
  });

  it('refuses the customer myTickets with the access token', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'customer@example.com');
    await chooseToken(page, 'ID token');
    await typeOperation(page, 'query Mine {\n  myTickets {\n    items {\n      id\n      title\n    }\n  }\n}\n');
    const withIdToken = await runOperation(page);

    // Act
    await chooseToken(page, 'Access token');
    const withAccessToken = await runOperation(page);

    // Assess
    expect(withIdToken.errors).toBeUndefined();
    expect(await page.getByTestId('token-claims').innerText()).toMatch(/email\s+absent/);
    expect(await deniedFieldsShown(page)).toContain('Query.myTickets');
    expect(await page.getByRole('list', { name: 'Query fields' }).locator('li', { hasText: 'myTickets' }).getAttribute('title')).toBe('denied for this token');
    expect(withAccessToken.data).toBeNull();
    expect(withAccessToken.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized', path: ['myTickets'] })]);
    expect(await lastAnswerText(page)).toContain('Denied field Query.myTickets');
  });
});
