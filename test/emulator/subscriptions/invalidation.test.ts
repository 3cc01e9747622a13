/**
 * A deleted ticket ends the subscriptions to it, end to end: an admin's `deleteTicket` over HTTP
 * makes its resolver call `extensions.invalidateSubscriptions` for `onTicketChanged` and
 * `onCommentAdded`, the emulator matches those payloads against the invalidation filters the
 * subscription resolvers set, and each matching subscriber gets `complete` with
 * "Subscription complete." and a clean close of its socket. Subscriptions to other tickets stay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphqlOk, PASSWORD, startTestEmulator } from '../server/support/emulator-fixture.ts';
import { connectSubscriber, isEvent, type RealtimeTarget } from './support/subscriber.ts';

describe('Subscriptions: invalidation by deleteTicket', () => {
  let emulator: RunningEmulator;
  let target: RealtimeTarget;
  let customer: string;
  let agent: string;
  let admin: string;

  async function openTicket(title: string): Promise<string> {
    const data = await graphqlOk(emulator, customer, 'mutation($title: String!) { openTicket(input: { title: $title, body: "To be deleted or kept" }) { id } }', { title });
    return (data.openTicket as { id: string }).id;
  }

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    target = { realtimeUrl: emulator.realtimeUrl, ca: emulator.certificate.cert };
    customer = (await emulator.identityProvider.signIn('customer@example.com', PASSWORD)).idToken;
    agent = (await emulator.identityProvider.signIn('agent@example.com', PASSWORD)).idToken;
    admin = (await emulator.identityProvider.signIn('admin@example.com', PASSWORD)).idToken;
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it("completes the deleted ticket's onTicketChanged and onCommentAdded subscriptions and closes their sockets; another ticket's stays live", async () => {
    // Prepare
    const deletedId = await openTicket('Deleted');
    const keptId = await openTicket('Kept');
    const changed = await connectSubscriber(target, customer);
    const commented = await connectSubscriber(target, agent);
    const kept = await connectSubscriber(target, agent);
    expect(await changed.start('changed', 'subscription($id: ID!) { onTicketChanged(id: $id) { id status } }', { id: deletedId })).toEqual({ type: 'start_ack', id: 'changed' });
    expect(await commented.start('commented', 'subscription($id: ID!) { onCommentAdded(ticketId: $id) { id body } }', { id: deletedId })).toEqual({ type: 'start_ack', id: 'commented' });
    expect(await kept.start('kept', 'subscription($id: ID!) { onTicketChanged(id: $id) { id status } }', { id: keptId })).toEqual({ type: 'start_ack', id: 'kept' });

    try {
      // Act
      const deleted = await graphqlOk(emulator, admin, 'mutation($id: ID!) { deleteTicket(id: $id) { id } }', { id: deletedId });
      const changedClose = await changed.closed;
      const commentedClose = await commented.closed;
      await graphqlOk(emulator, agent, 'mutation($id: ID!) { setTicketStatus(id: $id, status: RESOLVED) { id status } }', { id: keptId });
      await kept.waitFor((frame) => isEvent(frame, 'kept', 'onTicketChanged', (value) => value.status === 'RESOLVED'), 'the kept ticket event');

      // Assess
      expect(deleted.deleteTicket).toEqual({ id: deletedId });
      expect(changed.frames()).toEqual([
        { type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } },
        { type: 'start_ack', id: 'changed' },
        { type: 'complete', id: 'changed', payload: { message: 'Subscription complete.' } },
      ]);
      expect(commented.frames()).toEqual([
        { type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } },
        { type: 'start_ack', id: 'commented' },
        { type: 'complete', id: 'commented', payload: { message: 'Subscription complete.' } },
      ]);
      expect(changedClose.code).toBe(1000);
      expect(commentedClose.code).toBe(1000);
      expect(kept.frames().filter((frame) => frame.type !== 'connection_ack')).toEqual([
        { type: 'start_ack', id: 'kept' },
        { type: 'data', id: 'kept', payload: { data: { onTicketChanged: { id: keptId, status: 'RESOLVED' } } } },
      ]);
    } finally {
      await Promise.all([changed.close(), commented.close(), kept.close()]);
    }
  });

  it('invalidates nothing when the ticket to delete does not exist', async () => {
    // Prepare
    const keptId = await openTicket('Still here');
    const watcher = await connectSubscriber(target, agent);
    expect(await watcher.start('kept', 'subscription($id: ID!) { onTicketChanged(id: $id) { id status } }', { id: keptId })).toEqual({ type: 'start_ack', id: 'kept' });

    try {
      // Act
      const deleted = await graphqlOk(emulator, admin, 'mutation { deleteTicket(id: "never-was") { id } }');
      await graphqlOk(emulator, agent, 'mutation($id: ID!) { setTicketStatus(id: $id, status: CLOSED) { id status } }', { id: keptId });
      await watcher.waitFor((frame) => isEvent(frame, 'kept', 'onTicketChanged', (value) => value.status === 'CLOSED'), 'the event after the delete');

      // Assess
      expect(deleted.deleteTicket).toBeNull();
      expect(watcher.frames().map((frame) => frame.type)).toEqual(['connection_ack', 'start_ack', 'data']);
    } finally {
      await watcher.close();
    }
  });
});
