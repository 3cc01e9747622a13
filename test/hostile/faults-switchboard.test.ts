/**
 * The fault switchboard itself (`emulator/faults/`): the `--jwks-fault` spec, the JWKS a rotation
 * publishes, the scoped interception of `https.request`, and the Cognito API keeping working with
 * rotated tokens.
 */
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JwksFaultSpecError, parseJwksFaultSpec, registerJwksHost, createJwksFaults } from '../../emulator/faults/index.ts';
import { getThroughHttps } from '../helpers/get-through-https.ts';
import { signInOverHttp, startHostileEmulator, type HostileEmulator } from './support/hostile-emulator.ts';

describe('JWKS fault switchboard', () => {
  it('reads --jwks-fault specs and refuses unknown parts', () => {
    // Act
    const slow = parseJwksFaultSpec('delay=4000');
    const failing = parseJwksFaultSpec('status=503, rotate');
    const act = () => parseJwksFaultSpec('delay=-1');

    // Assess
    expect(slow.behavior()).toEqual({ delayMs: 4000, status: null });
    expect(failing.behavior()).toEqual({ delayMs: 0, status: 503 });
    expect(failing.rotatedKeys()).not.toBeNull();
    expect(failing.oldKeysPublished()).toBe(false);
    expect(act).toThrow(JwksFaultSpecError);
  });

  it('answers only the registered URL in process, with the switchboard\'s status, and restores https.request after', async () => {
    // Prepare
    const original = https.request;
    const faults = createJwksFaults();
    const url = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_switchboard/.well-known/jwks.json';
    const host = registerJwksHost(url, { jwks: () => ({ keys: ['k'] }), faults });

    // Act
    const served = await getThroughHttps(`${url}?x=1`);
    faults.set({ status: 500 });
    const failed = await getThroughHttps(url);
    const elsewhere = await getThroughHttps('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other/.well-known/jwks.json').then(() => 'answered', (error: Error) => error.message);
    host.remove();

    // Assess
    expect(served).toEqual({ status: 200, body: '{"keys":["k"]}' });
    expect(failed.status).toBe(500);
    expect(faults.fetchCount()).toBe(2);
    // Not registered: the real https.request, which the loopback-only test setup refuses.
    expect(elsewhere).toMatch(/loopback/);
    expect(https.request).toBe(original);
  });

  describe('with an emulator', () => {
    let target: HostileEmulator;

    beforeAll(async () => {
      vi.spyOn(console, 'log').mockImplementation(() => undefined);
      target = await startHostileEmulator();
    });

    afterAll(async () => {
      await target?.close();
      vi.restoreAllMocks();
    });

    it('publishes the rotated keys (both while keeping the old) and keeps GetUser working with rotated tokens', async () => {
      // Prepare
      const jwksUrl = target.emulator.jwksUrl;
      const before = (await (await fetch(jwksUrl)).json()) as { keys: Array<{ kid: string }> };
      const keys = target.faults.rotate({ keepOld: true });

      // Act
      const overlapping = (await (await fetch(jwksUrl)).json()) as { keys: Array<{ kid: string }> };
      target.faults.retireOldKeys();
      const retired = (await (await fetch(jwksUrl)).json()) as { keys: Array<{ kid: string }> };
      const rotated = await signInOverHttp(target.emulator, 'customer@example.com');
      const user = await fetch(target.emulator.cognitoEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' },
        body: JSON.stringify({ AccessToken: rotated.accessToken }),
      });

      // Assess
      const kids = (jwks: { keys: Array<{ kid: string }> }) => jwks.keys.map((key) => key.kid);
      expect(kids(overlapping)).toEqual([...kids(before), keys.id.kid, keys.access.kid]);
      expect(kids(retired)).toEqual([keys.id.kid, keys.access.kid]);
      expect(JSON.parse(Buffer.from(rotated.idToken.split('.')[0]!, 'base64url').toString('utf8'))).toEqual({ kid: keys.id.kid, alg: 'RS256' });
      expect(user.status).toBe(200);
    });
  });
});
