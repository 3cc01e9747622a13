/**
 * The console's live subscriptions panel in headless Chromium against an emulator started here:
 * subscribe as the signed-in identity with the chosen token over the real-time endpoint, see
 * events arrive from mutations run in the editor or by another client, stop; and a refusal
 * explained in words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useConsoleSuite } from './console-suite.ts';
import { chooseToken, deniedFieldsShown, openConsole, runOperation, signInAs, subscribeTo, subscriptionEvents, typeOperation } from './console-ui.ts';

describe('Console: live subscriptions', () => {
  const suite = useConsoleSuite();
  let ticketId: string;

  beforeAll(async () => {
    // Prepare: a ticket reported by the customer.
    const opened = await suite.environment.graphql('customer@example.com', 'mutation { openTicket(input: { title: "Live", body: "Watch me." }) { id } }');
    ticketId = (opened.body.data as { openTicket: { id: string } }).openTicket.id;
  });

  it('shows the agent the events of a ticket, newest first, from the editor and from another client, then stops', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'agent@example.com');
    await chooseToken(page, 'ID token');
    const phase = await subscribeTo(page, 'onTicketChanged', ticketId);

    // Act: one change from the editor, one from another client.
    await typeOperation(page, `mutation MoveOn {\n  setTicketStatus(id: "${ticketId}", status: IN_PROGRESS) {\n    id\n    status\n  }\n}\n`);
    const moved = await runOperation(page);
    await page.getByTestId('subscription-events').locator('li').first().waitFor();
    const assigned = await suite.environment.graphql('admin@example.com', `mutation { assignTicket(id: "${ticketId}", assignee: "agent@example.com") { id assignee status } }`);
    await page.getByTestId('subscription-events').locator('li').nth(1).waitFor();
    const events = await subscriptionEvents(page);
    const times = await page.getByTestId('subscription-events').locator('.hd-event-time').allInnerTexts();
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('[data-testid="realtime-state"][data-phase="ended"]').waitFor();

    // Assess
    expect(phase).toBe('live');
    expect(moved.errors).toBeUndefined();
    expect(assigned.body.errors).toBeUndefined();
    expect(events).toEqual([
      expect.objectContaining({ id: ticketId, assignee: 'agent@example.com', status: 'IN_PROGRESS' }),
      expect.objectContaining({ id: ticketId, status: 'IN_PROGRESS' }),
    ]);
    expect(times[0]).toMatch(/^#2 · \d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(await page.getByTestId('realtime-state').innerText()).toContain('Stopped (complete)');
  });

  it("refuses the customer's access token onCommentAdded, and says why in words", async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'customer@example.com');
    await chooseToken(page, 'Access token');

    // Act
    const phase = await subscribeTo(page, 'onCommentAdded', ticketId);
    const refusal = await page.getByTestId('subscription-refusal').innerText();

    // Assess
    expect(phase).toBe('ended');
    expect(await deniedFieldsShown(page)).toContain('Subscription.onCommentAdded');
    expect(refusal).toContain('Subscription.onCommentAdded was refused');
    expect(refusal).toContain('Unauthorized: Not Authorized to access onCommentAdded on type Subscription');
    expect(refusal).toContain("Subscription.onCommentAdded is in this token's deniedFields");
    expect(refusal).toContain('this access token holds none of them (it carries no email, no group');
    expect(refusal).toContain('send the ID token instead');
    expect(refusal).toContain("Of the subscriptions, this token's deniedFields name Subscription.onCommentAdded, Subscription.onTicketActivity and Subscription.onTicketChanged.");
  });

  it('lets the customer watch comments on their ticket with the ID token', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'customer@example.com');
    await chooseToken(page, 'ID token');
    const phase = await subscribeTo(page, 'onCommentAdded', ticketId);

    // Act
    const commented = await suite.environment.graphql('agent@example.com', `mutation { addComment(ticketId: "${ticketId}", body: "On it.") { id ticketId author body createdAt } }`);
    await page.getByTestId('subscription-events').locator('li').first().waitFor();
    const events = await subscriptionEvents(page);

    // Assess
    expect(phase).toBe('live');
    expect(commented.body.errors).toBeUndefined();
    expect(events).toEqual([expect.objectContaining({ ticketId, author: 'agent@example.com', body: 'On it.' })]);
  });
});
