/**
 * The handshake and connect-time authorization: the header object three ways, the selected
 * subprotocol, the host check, and refusals as `connection_error` (which Amplify treats as final).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECT_OPERATION_NAME } from '../../../emulator/realtime/realtime-connection.ts';
import { startRealtimeFixture, type HeaderMethod, type RealtimeFixture } from './support/realtime-fixture.ts';

const REFUSED = {
  type: 'connection_error',
  payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] },
};

describe('Realtime: handshake and connection authorization', () => {
  let fixture: RealtimeFixture;

  beforeAll(async () => {
    fixture = await startRealtimeFixture();
  });
  afterAll(async () => {
    await fixture.close();
  });

  it.each<HeaderMethod>(['protocol', 'query', 'headers'])('acknowledges a connection whose header object comes by %s', async (method) => {
    // Prepare
    const client = await fixture.connect({ token: fixture.pool.idToken('agent'), method });

    // Act
    client.send({ type: 'connection_init' });

    // Assess
    expect(await client.next()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } });
    expect(client.protocol).toBe('graphql-ws');
    client.socket.close();
  });

  it('invokes the real authorizer with the connect event: DeepDish:Connect, empty query and variables', async () => {
    // Prepare
    const token = fixture.pool.idToken('customer');
    const client = await fixture.connect({ token });

    // Act
    client.send({ type: 'connection_init' });
    await client.next();

    // Assess
    const event = fixture.authorizerEvents.find((entry) => entry.authorizationToken === token);
    expect(event?.requestContext).toMatchObject({ operationName: CONNECT_OPERATION_NAME, queryString: '', variables: {} });
    client.socket.close();
  });

  it.each([
    ['the emulator\'s own localhost form', (port: number) => `localhost:${port}`],
    ['the emulator\'s own 127.0.0.1 form', (port: number) => `127.0.0.1:${port}`],
    ['the emulator\'s own [::1] form', (port: number) => `[::1]:${port}`],
  ])('accepts %s as host', async (_name, host) => {
    // Prepare
    const client = await fixture.connect({ token: fixture.pool.idToken('agent'), host: host(fixture.port) });

    // Act
    client.send({ type: 'connection_init' });

    // Assess
    expect((await client.next()).type).toBe('connection_ack');
    client.socket.close();
  });

  it('refuses a header object naming another host, without invoking the authorizer', async () => {
    // Prepare
    const token = fixture.pool.idToken('agent', { jti: 'wrong-host' });
    const client = await fixture.connect({ token, host: 'evil.example.com' });

    // Act
    client.send({ type: 'connection_init' });

    // Assess
    expect(await client.next()).toEqual(REFUSED);
    expect(await client.closed).toBe(1000);
    expect(fixture.authorizerEvents.some((event) => event.authorizationToken === token)).toBe(false);
  });

  it('refuses a connection with no header object at all', async () => {
    // Prepare
    const client = await fixture.connect({ token: null });

    // Act
    client.send({ type: 'connection_init' });

    // Assess
    expect(await client.next()).toEqual(REFUSED);
    expect(await client.closed).toBe(1000);
  });

  it.each([
    ['an undecodable header- subprotocol', { protocols: ['graphql-ws', 'header-!!!'] }],
    ['a header- subprotocol that is not a JSON object', { protocols: ['graphql-ws', `header-${Buffer.from('[1,2]').toString('base64url')}`] }],
  ])('refuses %s', async (_name, options) => {
    // Prepare
    const client = await fixture.connect({ token: null, ...options });

    // Act
    client.send({ type: 'connection_init' });

    // Assess
    expect(await client.next()).toEqual(REFUSED);
    expect(await client.closed).toBe(1000);
  });

  it.each([
    ['an expired token', () => fixture.pool.idToken('agent', { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['a token that is not a JWT', () => 'not-a-token'],
    ['a token signed by another key', () => fixture.pool.idToken('agent').replace(/\.[^.]+$/, '.c2lnbmF0dXJl')],
  ])('refuses %s with UnauthorizedException 401 and closes', async (_name, token) => {
    // Prepare
    const client = await fixture.connect({ token: token() });

    // Act
    client.send({ type: 'connection_init' });

    // Assess
    expect(await client.next()).toEqual(REFUSED);
    expect(await client.closed).toBe(1000);
  });

  it('refuses a handshake that does not offer graphql-ws', async () => {
    // Act
    const attempt = fixture.connect({ token: fixture.pool.idToken('agent'), protocols: ['graphql-transport-ws'] });

    // Assess
    await expect(attempt).rejects.toThrow(/400/);
  });
});
