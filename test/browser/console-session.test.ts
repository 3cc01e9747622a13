/**
 * The session on the console page: readable refusals, the raw token only on request, and tokens
 * refreshed before they expire.
 */
import { describe, expect, it } from 'vitest';
import { takeRefusedRequestLogs, useConsoleSuite } from './console-suite.ts';
import { lastAnswerText, openConsole, runOperation, signInAs, typeOperation } from './console-ui.ts';

describe('Console: refusals and tokens', () => {
  const suite = useConsoleSuite();

  it('explains a request without a token and a wrong password', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);

    // Act
    const withoutToken = await runOperation(page);
    const refusal = await lastAnswerText(page);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = await page.getByRole('alert').innerText();

    // Assess
    expect(withoutToken.errors).toEqual([{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }]);
    expect(refusal).toContain('HTTP 401: the API refused the token');
    expect(refusal).toContain('No token was sent');
    expect(alert).toMatch(/^Sign-in failed\. NotAuthorizedException: /);
    expect(takeRefusedRequestLogs(suite.session, 401)).toHaveLength(1);
    expect(takeRefusedRequestLogs(suite.session, 400)).toHaveLength(1);
  });

  it('explains an operation that does not match the schema', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'other@example.com');
    await typeOperation(page, '{\n  me {\n    nickname\n  }\n}\n');

    // Act
    const response = await runOperation(page);

    // Assess
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.message).toContain("Field 'nickname' in type 'Identity' is undefined");
    expect(await lastAnswerText(page)).toMatch(/does not match the schema, so nothing ran: .* \(line 3, column 5\)/);
    expect(await page.getByTestId('operation-check').innerText()).toContain('touches no denied field');
  });

  it('shows the decoded claims, and the raw token only on request', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'admin@example.com');
    const rawToken = page.getByRole('textbox', { name: 'Raw token' });
    const hiddenBefore = !(await rawToken.isVisible());
    const claims = await page.getByTestId('token-claims').innerText();

    // Act
    await page.getByText('Show the raw token').click();

    // Assess
    expect(hiddenBefore).toBe(true);
    expect(claims).toMatch(/cognito:groups\s+\["admins"\]/);
    expect(claims).toMatch(/email\s+admin@example\.com/);
    expect(await rawToken.inputValue()).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    expect(await page.getByTestId('token-expiry').innerText()).toMatch(/^expires in (59:5\d|1:00:00)/);
  });
});

describe('Console: short-lived tokens', () => {
  const suite = useConsoleSuite({ emulator: { tokenLifetimeSeconds: 6 } });

  it('refreshes the tokens before they expire and keeps working', async () => {
    // Prepare
    const { page } = suite.session;
    await openConsole(page, suite.environment.consoleUrl);
    await signInAs(page, 'customer@example.com');

    // Act: the refresh is due about a second before the 6-second tokens expire.
    await page.getByTestId('token-expiry').filter({ hasText: 'refreshed 1×' }).waitFor({ timeout: 10_000 });
    const response = await runOperation(page);

    // Assess
    expect(await page.getByTestId('token-expiry').innerText()).toMatch(/^expires in 0:0[2-6]/);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ me: expect.objectContaining({ email: 'customer@example.com', tokenUse: 'ID' }) });
  });
});
