/**
 * Subscribing and delivery: the subscription resolver runs once at `start` (refusals become the
 * `error` frame), each event is the mutation's own selection, filtered by arguments or by the
 * resolver's filter, shaped by each subscriber's selection with its denied fields nulled, in
 * mutation order; an invalidation ends the subscription and closes its socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../../emulator/realtime/realtime-limits.ts';
import { ackedClient, startSubscription } from './support/acked-client.ts';
import { startRealtimeFixture, type RealtimeFixture } from './support/realtime-fixture.ts';

const UPDATE = `mutation Update($id: ID!, $title: String, $status: String, $reporter: String, $internalNotes: String) {
  updateTicket(id: $id, title: $title, status: $status, reporter: $reporter, internalNotes: $internalNotes) { id title status reporter internalNotes }
}`;

// One endpoint for the whole file: every test opens its own sockets and closes them, and the
// delivery tests mutate tickets of their own ids, so no test sees another's subscriptions.
let fixture: RealtimeFixture;
let agent: string;
let customer: string;

beforeAll(async () => {
  fixture = await startRealtimeFixture();
  agent = fixture.pool.idToken('agent');
  customer = fixture.pool.idToken('customer');
});
afterAll(async () => {
  await fixture.close();
});

describe('Realtime: subscribing', () => {
  it('answers a resolver refusal with an error frame carrying its errorType', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    const answer = await startSubscription(fixture, client, 'closed', agent, 'subscription { onRefused { id } }');

    // Assess
    expect(answer).toEqual({ type: 'error', id: 'closed', payload: { errors: [{ errorType: 'TicketsClosed', message: 'Tickets are closed today.' }] } });
    client.socket.close();
  });

  it('refuses a subscription whose resolver sets a filter the runtime rejects', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    const answer = await startSubscription(fixture, client, 'bad-filter', agent, 'subscription { onBadFilter { id } }');

    // Assess
    expect(answer).toMatchObject({ type: 'error', id: 'bad-filter', payload: { errors: [{ errorType: 'SubscriptionFilterError' }] } });
    client.socket.close();
  });

  it('gives the resolver ctx.info.selectionSetList and ctx.identity, so it can refuse a field the caller may not read', async () => {
    // Prepare
    const client = await ackedClient(fixture, customer);

    // Act
    const refused = await startSubscription(fixture, client, 'notes', customer, 'subscription { onMyTickets { id internalNotes } }');
    const accepted = await startSubscription(fixture, client, 'plain', customer, 'subscription { onMyTickets { id } }');

    // Assess
    expect(refused).toMatchObject({ type: 'error', id: 'notes', payload: { errors: [{ errorType: 'Unauthorized' }] } });
    expect(accepted).toEqual({ type: 'start_ack', id: 'plain' });
    client.socket.close();
  });

  it.each([
    ['a query', 'query { ticket(id: "t1") { id } }'],
    ['two root fields', 'subscription { onTicketUpdated { id } onRefused { id } }'],
    ['an unknown field', 'subscription { onNothing { id } }'],
    ['a syntax error', 'subscription {'],
  ])('refuses %s with an error frame', async (_name, query) => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    const answer = await startSubscription(fixture, client, 'bad', agent, query);

    // Assess
    expect(answer).toMatchObject({ type: 'error', id: 'bad', payload: { errors: [{ errorType: 'ValidationError' }] } });
    client.socket.close();
  });

  it('refuses variables that do not coerce', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);

    // Act
    const answer = await startSubscription(fixture, client, 'vars', agent, 'subscription S($s: String!) { onStatus(status: $s) { id } }', { s: 7 });

    // Assess
    expect(answer).toMatchObject({ type: 'error', id: 'vars', payload: { errors: [{ errorType: 'ValidationError' }] } });
    client.socket.close();
  });
});

describe('Realtime: delivery', () => {
  it('delivers only events whose fields equal the subscription arguments when no filter is set', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);
    await startSubscription(fixture, client, 'a', agent, 'subscription { onTicketUpdated(id: "t-args-a") { id } }');

    // Act
    await fixture.request(agent, UPDATE, { id: 't-args-b' });
    await fixture.request(agent, UPDATE, { id: 't-args-a' });

    // Assess
    expect(await client.next()).toEqual({ type: 'data', id: 'a', payload: { data: { onTicketUpdated: { id: 't-args-a' } } } });
    expect(client.pending()).toEqual([]);
    client.socket.close();
  });

  it('lets the resolver filter decide delivery', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);
    await startSubscription(fixture, client, 'open', agent, 'subscription { onStatus(status: "OPEN") { id status } }');

    // Act
    await fixture.request(agent, UPDATE, { id: 't-f1', status: 'CLOSED' });
    await fixture.request(agent, UPDATE, { id: 't-f2', status: 'OPEN' });

    // Assess
    expect(await client.next()).toEqual({ type: 'data', id: 'open', payload: { data: { onStatus: { id: 't-f2', status: 'OPEN' } } } });
    expect(client.pending()).toEqual([]);
    client.socket.close();
  });

  it('publishes the mutation\'s selection only, shaped by each subscriber\'s own selection and aliases', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);
    await startSubscription(fixture, client, 'wide', agent, 'subscription { onTicketUpdated(id: "t-shape") { id title status } }');
    await startSubscription(fixture, client, 'narrow', agent, 'subscription { onTicketUpdated(id: "t-shape") { ticketId: id } }');

    // Act: the mutation selects id and title, not status.
    await fixture.request(agent, 'mutation { updateTicket(id: "t-shape", title: "T", status: "OPEN") { id title } }');

    // Assess
    expect(await client.next()).toEqual({ type: 'data', id: 'wide', payload: { data: { onTicketUpdated: { id: 't-shape', title: 'T', status: null } } } });
    expect(await client.next()).toEqual({ type: 'data', id: 'narrow', payload: { data: { onTicketUpdated: { ticketId: 't-shape' } } } });
    client.socket.close();
  });

  it('nulls the fields denied to a subscriber, with AppSync\'s Unauthorized error', async () => {
    // Prepare
    const staff = await ackedClient(fixture, agent);
    const reporter = await ackedClient(fixture, customer);
    const query = 'subscription { onTicketUpdated(id: "t-denied") { id internalNotes } }';
    await startSubscription(fixture, staff, 'staff', agent, query);
    await startSubscription(fixture, reporter, 'reporter', customer, query);

    // Act
    await fixture.request(agent, UPDATE, { id: 't-denied', internalNotes: 'refund approved' });

    // Assess
    expect(await staff.next()).toEqual({ type: 'data', id: 'staff', payload: { data: { onTicketUpdated: { id: 't-denied', internalNotes: 'refund approved' } } } });
    const seen = await reporter.next();
    expect(seen).toMatchObject({ type: 'data', id: 'reporter', payload: { data: { onTicketUpdated: { id: 't-denied', internalNotes: null } } } });
    expect(seen.payload).toMatchObject({ errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access internalNotes on type Ticket', path: ['onTicketUpdated', 'internalNotes'] }] });
    staff.socket.close();
    reporter.socket.close();
  });

  it('never publishes a field denied to the caller who mutated', async () => {
    // Prepare
    const staff = await ackedClient(fixture, agent);
    await startSubscription(fixture, staff, 'staff', agent, 'subscription { onTicketUpdated(id: "t-mutator") { id internalNotes } }');

    // Act
    const response = await fixture.request(customer, UPDATE, { id: 't-mutator', internalNotes: 'written by a customer' });

    // Assess
    expect(response.data).toMatchObject({ updateTicket: { id: 't-mutator', internalNotes: null } });
    expect(await staff.next()).toEqual({ type: 'data', id: 'staff', payload: { data: { onTicketUpdated: { id: 't-mutator', internalNotes: null } } } });
    staff.socket.close();
  });

  it('delivers events in mutation order, once each, including several root fields of one request', async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);
    await startSubscription(fixture, client, 'order', agent, 'subscription { onTicketUpdated(id: "t-order") { title } }');

    // Act
    for (const title of ['1', '2', '3']) await fixture.request(agent, UPDATE, { id: 't-order', title });
    await fixture.request(agent, 'mutation { a: updateTicket(id: "t-order", title: "4") { id title } b: updateTicket(id: "t-order", title: "5") { id title } }');

    // Assess
    const titles = [];
    for (let index = 0; index < 5; index += 1) titles.push(((await client.next()).payload as { data: { onTicketUpdated: { title: string } } }).data.onTicketUpdated.title);
    expect(titles).toEqual(['1', '2', '3', '4', '5']);
    expect(client.pending()).toEqual([]);
    client.socket.close();
  });

  it(`does not deliver an event over ${MAX_PAYLOAD_BYTES} bytes, and keeps the subscription`, async () => {
    // Prepare
    const client = await ackedClient(fixture, agent);
    await startSubscription(fixture, client, 'big', agent, 'subscription { onTicketUpdated(id: "t-big") { title } }');

    // Act
    await fixture.request(agent, UPDATE, { id: 't-big', title: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    await fixture.request(agent, UPDATE, { id: 't-big', title: 'small' });

    // Assess
    expect(await client.next()).toEqual({ type: 'data', id: 'big', payload: { data: { onTicketUpdated: { title: 'small' } } } });
    expect(fixture.logs.some((line) => line.includes('not delivered'))).toBe(true);
    client.socket.close();
  });

  it('ends an invalidated subscription with "Subscription complete." and closes its socket, and only that one', async () => {
    // Prepare
    const other = fixture.pool.idToken('other');
    const revoked = await ackedClient(fixture, customer);
    const kept = await ackedClient(fixture, other);
    await startSubscription(fixture, revoked, 'mine', customer, 'subscription { onMyTickets { id reporter } }');
    await startSubscription(fixture, kept, 'mine', other, 'subscription { onMyTickets { id reporter } }');
    await fixture.request(agent, UPDATE, { id: 't-inv', reporter: 'customer@example.com' });
    const before = await revoked.next();

    // Act
    await fixture.request(fixture.pool.idToken('admin'), 'mutation { revokeReporter(reporter: "customer@example.com") { id } }');

    // Assess
    expect(before).toEqual({ type: 'data', id: 'mine', payload: { data: { onMyTickets: { id: 't-inv', reporter: 'customer@example.com' } } } });
    expect(await revoked.next()).toEqual({ type: 'complete', id: 'mine', payload: { message: 'Subscription complete.' } });
    expect(await revoked.closed).toBe(1000);
    await fixture.request(agent, UPDATE, { id: 't-kept', reporter: 'other@example.com' });
    expect(await kept.next()).toEqual({ type: 'data', id: 'mine', payload: { data: { onMyTickets: { id: 't-kept', reporter: 'other@example.com' } } } });
    kept.socket.close();
  });
});
