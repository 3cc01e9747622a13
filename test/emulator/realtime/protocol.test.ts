/**
 * The `graphql-ws` protocol as AppSync speaks it, message by message: ack, keep-alive, start,
 * data, stop, complete, errors for unreadable frames and refused registrations, the per
 * connection limits, the lifetime, and a clean close when the emulator stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealtimePart } from '../../../emulator/realtime/realtime-part.ts';
import { MAX_FRAME_BYTES, MAX_PAYLOAD_BYTES, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../../emulator/realtime/realtime-limits.ts';
import { ackedClient, startSubscription } from './support/acked-client.ts';
import { startRealtimeFixture, type RealtimeFixture } from './support/realtime-fixture.ts';

const ON_UPDATED = 'subscription OnUpdated($id: ID) { onTicketUpdated(id: $id) { id title } }';
const UPDATE = 'mutation Update($id: ID!, $title: String) { updateTicket(id: $id, title: $title) { id title } }';

describe('Realtime: protocol', () => {
  let fixture: RealtimeFixture;
  let agent: string;

  beforeAll(async () => {
    fixture = await startRealtimeFixture({ keepAliveIntervalMs: 25 });
    agent = fixture.pool.idToken('agent');
  });
  afterAll(async () => {
    await fixture.close();
  });

  it('sends ka keep-alives after the ack', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    const message = await client.next({ keepAlive: true });

    // Assess
    expect(message).toEqual({ type: 'ka' });
    client.socket.close();
  });

  it('acknowledges a start, then delivers a data frame per mutation', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    const ack = await startSubscription(fixture, client, 'sub-1', agent, ON_UPDATED, { id: 't-data' });
    await fixture.request(agent, UPDATE, { id: 't-data', title: 'Printer on fire' });

    // Assess
    expect(ack).toEqual({ type: 'start_ack', id: 'sub-1' });
    expect(await client.next()).toEqual({ type: 'data', id: 'sub-1', payload: { data: { onTicketUpdated: { id: 't-data', title: 'Printer on fire' } } } });
    client.socket.close();
  });

  it('answers stop with complete and delivers nothing more to that id', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);
    await startSubscription(fixture, client, 'gone', agent, ON_UPDATED, { id: 't-stop' });
    await startSubscription(fixture, client, 'kept', agent, ON_UPDATED, { id: 't-stop' });

    // Act
    client.send({ type: 'stop', id: 'gone' });
    const complete = await client.next();
    await fixture.request(agent, UPDATE, { id: 't-stop', title: 'after stop' });

    // Assess
    expect(complete).toEqual({ type: 'complete', id: 'gone' });
    expect(await client.next()).toMatchObject({ type: 'data', id: 'kept' });
    expect(client.pending()).toEqual([]);
    client.socket.close();
  });

  it('ignores a start sent before connection_init, and everything else before the ack', async () => {
    // Prepare
    const client = await fixture.connect({ token: agent });

    // Act
    client.send(fixture.start('early', agent, ON_UPDATED, { id: 't-early' }));
    client.sendRaw('not json');
    client.send({ type: 'connection_init' });
    const first = await client.next();
    await startSubscription(fixture, client, 'late', agent, ON_UPDATED, { id: 't-early' });
    await fixture.request(agent, UPDATE, { id: 't-early', title: 'x' });

    // Assess
    expect(first.type).toBe('connection_ack');
    expect(await client.next()).toMatchObject({ type: 'data', id: 'late' });
    expect(client.pending()).toEqual([]);
    client.socket.close();
  });

  it.each([
    ['text that is not JSON', '{"type":', 'BadRequestException', undefined],
    ['a JSON value that is not an object', '[1]', 'BadRequestException', undefined],
    ['an unknown type', '{"type":"subscribe","id":"u1"}', 'UnsupportedOperation', 'u1'],
    ['a start without an id', JSON.stringify({ type: 'start', payload: { data: '{"query":"subscription { onRefused { id } }"}' } }), 'BadRequestException', undefined],
    ['a stop without an id', '{"type":"stop"}', 'BadRequestException', undefined],
    ['a start whose data is not JSON', JSON.stringify({ type: 'start', id: 'd1', payload: { data: '{' } }), 'BadRequestException', 'd1'],
    ['a start without a query', JSON.stringify({ type: 'start', id: 'd2', payload: { data: '{}' } }), 'BadRequestException', 'd2'],
    ['a frame over 240 KB', JSON.stringify({ type: 'connection_init', pad: 'x'.repeat(MAX_PAYLOAD_BYTES) }), 'LimitExceededException', undefined],
  ])('answers %s with an error frame and keeps the connection', async (_name, frame, errorType, id) => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    client.sendRaw(frame);
    const error = await client.next();
    const ack = await startSubscription(fixture, client, 'after', agent, ON_UPDATED, { id: 't-bad' });

    // Assess
    expect(error).toMatchObject({ type: 'error', payload: { errors: [{ errorType }] } });
    expect(error.id).toBe(id);
    expect(ack).toEqual({ type: 'start_ack', id: 'after' });
    client.socket.close();
  });

  it(`closes the socket with 1009 for a frame over ${MAX_FRAME_BYTES} bytes, unread`, async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    client.sendRaw('x'.repeat(MAX_FRAME_BYTES + 1));

    // Assess
    expect(await client.closed).toBe(1009);
  });

  it('answers a binary frame with an error frame', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    client.sendRaw(Buffer.from('{"type":"connection_init"}'), true);

    // Assess
    expect(await client.next()).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException' }] } });
    client.socket.close();
  });

  it('refuses a start whose id is already in use on the connection', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);
    await startSubscription(fixture, client, 'twice', agent, ON_UPDATED, { id: 't-dup' });

    // Act
    const answer = await startSubscription(fixture, client, 'twice', agent, ON_UPDATED, { id: 't-dup' });
    await fixture.request(agent, UPDATE, { id: 't-dup', title: 'once' });

    // Assess
    expect(answer).toMatchObject({ type: 'error', id: 'twice', payload: { errors: [{ errorType: 'DuplicatedOperationError' }] } });
    expect(await client.next()).toMatchObject({ type: 'data', id: 'twice' });
    expect(client.pending()).toEqual([]);
    client.socket.close();
  });

  it(`refuses subscription ${MAX_SUBSCRIPTIONS_PER_CONNECTION + 1} on one connection`, async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);
    for (let index = 0; index < MAX_SUBSCRIPTIONS_PER_CONNECTION; index += 1) client.send(fixture.start(`s${index}`, agent, ON_UPDATED, { id: 't-many' }));
    const acks = [];
    for (let index = 0; index < MAX_SUBSCRIPTIONS_PER_CONNECTION; index += 1) acks.push(await client.next());

    // Act
    const answer = await startSubscription(fixture, client, 'one-too-many', agent, ON_UPDATED, { id: 't-many' });

    // Assess
    expect(acks.every((ack) => ack.type === 'start_ack')).toBe(true);
    expect(answer).toMatchObject({ type: 'error', id: 'one-too-many', payload: { errors: [{ errorType: 'MaxSubscriptionsReachedError' }] } });
    client.socket.close();
  });

  it('refuses a start whose own authorization header carries a refused token', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);
    const expired = fixture.pool.idToken('agent', { exp: Math.floor(Date.now() / 1000) - 60 });

    // Act
    const answer = await startSubscription(fixture, client, 'expired', expired, ON_UPDATED, { id: 't' });

    // Assess
    expect(answer).toEqual({
      type: 'error',
      id: 'expired',
      payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] },
    });
    client.socket.close();
  });

  it('refuses a start whose authorization header names another host', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    client.send(fixture.start('elsewhere', agent, ON_UPDATED, { id: 't' }, 'evil.example.com'));

    // Assess
    expect(await client.next()).toMatchObject({ type: 'error', id: 'elsewhere', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
    client.socket.close();
  });

  it('authorizes every start with its query, through the cache the HTTP endpoint shares', async () => {
    // Prepare
    const token = fixture.pool.idToken('agent', { jti: 'start-event' });
    const client = await ackedClient(fixture, token);

    // Act
    await startSubscription(fixture, client, 'q', token, ON_UPDATED, { id: 't-q' });

    // Assess
    const asked = fixture.authorizeRequests.filter((request) => request.authorization === token);
    expect(asked.map((request) => [request.operationName, request.queryString, request.variables])).toEqual([
      ['DeepDish:Connect', '', {}],
      [null, ON_UPDATED, { id: 't-q' }],
    ]);
    expect(fixture.authorizerEvents.filter((event) => event.authorizationToken === token)).toHaveLength(1);
    client.socket.close();
  });
});

describe('Realtime: connection lifetime and close', () => {
  it('closes a connection when its lifetime is reached', async () => {
    // Prepare
    const fixture = await startRealtimeFixture({ connectionLifetimeMs: 50 });
    const client = await ackedClient(fixture, fixture.pool.idToken('agent'));

    // Act
    const code = await client.closed;

    // Assess
    expect(code).toBe(1000);
    await fixture.close();
  });

  it('close() sends a clean close frame to every socket', async () => {
    // Prepare
    const fixture = await startRealtimeFixture();
    const token = fixture.pool.idToken('agent');
    const clients = [await ackedClient(fixture, token), await ackedClient(fixture, token)];

    // Act
    await fixture.part.close?.();

    // Assess
    expect(await Promise.all(clients.map((client) => client.closed))).toEqual([1001, 1001]);
    expect(fixture.part.connectionCount()).toBe(0);
    await fixture.close();
  });

  it('refuses new connections once closed', async () => {
    // Prepare
    const fixture = await startRealtimeFixture();
    await fixture.part.close?.();

    // Act
    const attempt = fixture.connect({ token: fixture.pool.idToken('agent') });

    // Assess
    await expect(attempt).rejects.toThrow(/503/);
    await fixture.close();
  });

  it.each([0, -1, 1.5, 2 ** 31])('refuses a keep-alive interval of %s ms', (value) => {
    // Act
    const create = () =>
      createRealtimePart({
        authorize: () => Promise.resolve(null),
        subscribe: () => Promise.resolve({ kind: 'error', errorType: 'Unused', message: 'unused' }),
        acceptedHosts: () => new Set(),
        keepAliveIntervalMs: value,
        log: () => undefined,
      });

    // Assess
    expect(create).toThrow(RangeError);
  });
});
