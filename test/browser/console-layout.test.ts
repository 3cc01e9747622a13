/**
 * The console's presets and its layout on a narrow window.
 */
import { describe, expect, it } from 'vitest';
import { useConsoleSuite } from './console-suite.ts';
import { chooseToken, openConsole, runOperation, signInAs } from './console-ui.ts';

/** Reads the variables editor through its CodeMirror instance. */
function variablesText(): string {
  const wrapper = document.querySelector('.graphiql-editor-tool .CodeMirror') as (Element & { CodeMirror?: { getValue(): string } }) | null;
  return wrapper?.CodeMirror?.getValue() ?? '';
}

describe('Console: examples', () => {
  const suite = useConsoleSuite();

  it('opens examples in tabs, marks the denied ones, and fills in the last ticket id', async () => {
    // Prepare
    const opened = await suite.environment.graphql('customer@example.com', 'mutation { openTicket(input: { title: "Example", body: "For the presets." }) { id } }');
    const ticketId = (opened.body.data as { openTicket: { id: string } }).openTicket.id;
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'agent@example.com');
    await chooseToken(page, 'ID token');

    // Act
    await page.getByRole('button', { name: 'Load example Tickets' }).click();
    await page.getByRole('tab', { selected: true }).filter({ hasText: 'Tickets' }).waitFor();
    const listed = await runOperation(page);
    await page.getByRole('button', { name: 'Load example Ticket', exact: true }).click();
    await page.getByRole('tab', { selected: true }).filter({ hasText: /^Ticket$/ }).waitFor();
    const variables = await page.evaluate(variablesText);
    const read = await runOperation(page);

    // Assess
    expect(await page.getByRole('button', { name: 'Load example DeleteTicket' }).innerText()).toContain('denied: Mutation.deleteTicket');
    expect(await page.getByRole('button', { name: 'Load example Tickets' }).innerText()).toContain('allowed');
    expect((listed.data?.tickets as { items: Array<{ id: string }> }).items.map((item) => item.id)).toContain(ticketId);
    expect(JSON.parse(variables)).toEqual({ id: ticketId });
    expect(read.errors).toBeUndefined();
    expect(read.data?.ticket).toEqual(expect.objectContaining({ id: ticketId, title: 'Example', internalNotes: null }));
  });
});

describe('Console: narrow window', () => {
  const suite = useConsoleSuite({ viewport: { width: 390, height: 844 } });

  it('stacks the panel above GraphiQL, folds it away, and still runs operations', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'customer@example.com');

    // Act
    await page.getByRole('button', { name: 'Hide panel' }).click();
    const response = await runOperation(page);
    const editor = await page.locator('.graphiql-query-editor').boundingBox();
    const result = await page.locator('.graphiql-response').boundingBox();
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);

    // Assess
    expect(await page.getByTestId('denied-fields').isVisible()).toBe(false);
    expect(response.data).toEqual({ me: expect.objectContaining({ email: 'customer@example.com' }) });
    expect(pageWidth).toBeLessThanOrEqual(390);
    expect(editor?.width).toBeGreaterThan(250);
    expect(result?.y).toBeGreaterThan((editor?.y ?? 0) + 100);
  });
});
