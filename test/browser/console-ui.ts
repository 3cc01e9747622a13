/**
 * What a developer does on the console page, as test steps: sign in, choose a token, type and
 * run an operation, read the answer. Selectors follow what the page shows (labels, roles); the
 * GraphiQL 4 ones are its CodeMirror 5 editors (`.graphiql-query-editor .CodeMirror`,
 * `.graphiql-response .CodeMirror`) and its `Execute query` button.
 */
import type { Page } from 'playwright-core';

/** Which token the console sends. */
export type TokenLabel = 'ID token' | 'Access token';

/** Loads the console and waits for the sign-in form. */
export async function openConsole(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

/** Signs in as a seeded user (signing out first when someone is signed in). */
export async function signInAs(page: Page, email: string): Promise<void> {
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible()) await signOut.click();
  await page.getByLabel('Seeded user').selectOption(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').filter({ hasText: email }).waitFor();
}

/** Chooses the token and waits for the authorizer's decision on it. */
export async function chooseToken(page: Page, token: TokenLabel): Promise<void> {
  await page.getByRole('radio', { name: token }).check();
  await page.locator(`[data-testid="decision"][data-decision-for="${token === 'ID token' ? 'id' : 'access'}"]`).waitFor();
}

/** The `deniedFields` the panel lists for the chosen token. */
export async function deniedFieldsShown(page: Page): Promise<string[]> {
  return page.getByTestId('denied-fields').locator('code').allInnerTexts();
}

/** Replaces the operation in the query editor by typing it. */
export async function typeOperation(page: Page, operation: string): Promise<void> {
  await page.locator('.graphiql-query-editor .CodeMirror').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(operation);
  // GraphiQL reads the operation name 100 ms after the last edit; running before that would send
  // the previous one. The active tab's title shows when it has been read.
  const name = /^(?!#).*(?:query|subscription|mutation)\s+([a-zA-Z0-9_]+)/m.exec(operation)?.[1] ?? '<untitled>';
  await page.getByRole('tab', { selected: true }).filter({ hasText: name }).waitFor();
}

/** Runs the operation in the editor and returns the response GraphiQL shows, parsed. */
export async function runOperation(page: Page): Promise<{ data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown>> }> {
  const answers = page.getByTestId('last-answer');
  const before = Number(await answers.getAttribute('data-answers'));
  // Empty the response pane first, so the answer read below cannot be the previous one.
  await page.evaluate(() => {
    const wrapper = document.querySelector('.graphiql-response .CodeMirror') as (Element & { CodeMirror?: { setValue(text: string): void } }) | null;
    wrapper?.CodeMirror?.setValue('');
  });
  await page.getByRole('button', { name: 'Execute query' }).click();
  await page.locator(`[data-testid="last-answer"][data-answers="${before + 1}"]`).waitFor({ state: 'attached' });
  const text = await page.waitForFunction(() => {
    // CodeMirror 5 keeps its instance on the wrapper; its value is the whole response, not
    // only the lines it has rendered.
    const wrapper = document.querySelector('.graphiql-response .CodeMirror') as (Element & { CodeMirror?: { getValue(): string } }) | null;
    const value = wrapper?.CodeMirror?.getValue() ?? '';
    try {
      JSON.parse(value);
      return value;
    } catch {
      return false;
    }
  });
  return JSON.parse(String(await text.jsonValue())) as { data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown>> };
}

/** The readable summary of the last answer. */
export async function lastAnswerText(page: Page): Promise<string> {
  return page.getByTestId('last-answer').innerText();
}

/** Subscribes in the live panel (to `ticketId`'s events when the field takes one) and waits until it is live or ended. */
export async function subscribeTo(page: Page, field: string, ticketId: string | null): Promise<string> {
  await page.getByRole('combobox', { name: 'Subscription' }).selectOption(field);
  if (ticketId !== null) await page.getByLabel('Ticket id').fill(ticketId);
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  const state = page.locator('[data-testid="realtime-state"][data-phase="live"], [data-testid="realtime-state"][data-phase="ended"]');
  await state.waitFor();
  return (await state.getAttribute('data-phase')) ?? '';
}

/** The events the live panel shows, newest first, parsed. */
export async function subscriptionEvents(page: Page): Promise<unknown[]> {
  const texts = await page.getByTestId('subscription-events').locator('li pre:first-of-type').allInnerTexts();
  return texts.map((text) => JSON.parse(text) as unknown);
}

/** Signs in as a seeded machine client through the token endpoint (signing out first when someone is signed in). */
export async function signInAsMachine(page: Page, clientId: string): Promise<void> {
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible()) await signOut.click();
  await page.getByText('Sign in as a machine client (client credentials)').click();
  await page.getByLabel('Seeded machine client').selectOption(clientId);
  await page.getByRole('button', { name: 'Get a machine token' }).click();
  await page.getByTestId('signed-in-as').filter({ hasText: clientId }).waitFor();
}
