/**
 * Delivery renders an event once for the subscribers whose rendering cannot differ (same
 * document, variables and denied fields), and separately for any that can: each still gets
 * its own subscription id, its own variables' shape and its own denied fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackedClient, startSubscription } from './support/acked-client.ts';
import { startRealtimeFixture, type RealtimeFixture } from './support/realtime-fixture.ts';

const SHAPED = 'subscription Shaped($withTitle: Boolean!) { onTicketUpdated(id: "t-shared") { id title @include(if: $withTitle) } }';
const UPDATE = 'mutation { updateTicket(id: "t-shared", title: "Shared", internalNotes: "refund approved") { id title internalNotes } }';

describe('Realtime: one rendering per kind of subscriber', () => {
  let fixture: RealtimeFixture;

  beforeAll(async () => {
    fixture = await startRealtimeFixture();
  });
  afterAll(async () => {
    await fixture.close();
  });

  it('gives subscribers of the same document and variables the same event, each under its own id', async () => {
    // Prepare
    const agent = fixture.pool.idToken('agent');
    const first = await ackedClient(fixture, agent);
    const second = await ackedClient(fixture, agent);
    await startSubscription(fixture, first, 'a', agent, SHAPED, { withTitle: true });
    await startSubscription(fixture, second, 'b', agent, SHAPED, { withTitle: true });

    // Act
    await fixture.request(agent, UPDATE);

    // Assess
    const data = { onTicketUpdated: { id: 't-shared', title: 'Shared' } };
    expect(await first.next()).toEqual({ type: 'data', id: 'a', payload: { data } });
    expect(await second.next()).toEqual({ type: 'data', id: 'b', payload: { data } });
    first.socket.close();
    second.socket.close();
  });

  it('shapes the event by each subscriber\'s own variables', async () => {
    // Prepare
    const agent = fixture.pool.idToken('agent');
    const client = await ackedClient(fixture, agent);
    await startSubscription(fixture, client, 'with', agent, SHAPED, { withTitle: true });
    await startSubscription(fixture, client, 'without', agent, SHAPED, { withTitle: false });

    // Act
    await fixture.request(agent, UPDATE);

    // Assess
    expect(await client.next()).toEqual({ type: 'data', id: 'with', payload: { data: { onTicketUpdated: { id: 't-shared', title: 'Shared' } } } });
    expect(await client.next()).toEqual({ type: 'data', id: 'without', payload: { data: { onTicketUpdated: { id: 't-shared' } } } });
    client.socket.close();
  });

  it('nulls a field for the subscriber denied it only, whoever subscribed first', async () => {
    // Prepare
    const agent = fixture.pool.idToken('agent');
    const customer = fixture.pool.idToken('customer');
    const reporter = await ackedClient(fixture, customer);
    const staff = await ackedClient(fixture, agent);
    const query = 'subscription { onTicketUpdated(id: "t-shared") { id internalNotes } }';
    await startSubscription(fixture, reporter, 'reporter', customer, query);
    await startSubscription(fixture, staff, 'staff', agent, query);

    // Act
    await fixture.request(agent, UPDATE);

    // Assess
    const seen = await reporter.next();
    expect(seen).toMatchObject({ type: 'data', id: 'reporter', payload: { data: { onTicketUpdated: { id: 't-shared', internalNotes: null } } } });
    expect(seen.payload).toMatchObject({ errors: [{ errorType: 'Unauthorized', path: ['onTicketUpdated', 'internalNotes'] }] });
    expect(await staff.next()).toEqual({ type: 'data', id: 'staff', payload: { data: { onTicketUpdated: { id: 't-shared', internalNotes: 'refund approved' } } } });
    reporter.socket.close();
    staff.socket.close();
  });
});
