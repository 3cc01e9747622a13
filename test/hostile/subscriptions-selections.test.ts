/**
 * Hostile subscription documents against the emulator's real-time endpoint, over real `wss://`
 * sockets on 127.0.0.1, by a genuine customer signed in through the emulator's Cognito: every
 * way of selecting the staff-only `Ticket.internalNotes` (aliases, inline and named fragments,
 * nesting, the root field in a fragment, another operation) is refused with `Unauthorized`, and
 * arguments that try to widen the filter (another customer's ticket, patterns, lists, objects,
 * extra arguments, mistyped variables) are refused too, as are documents whose one root field a
 * directive leaves out. After each refusal staff publish every
 * subscribed mutation on both customers' tickets, selecting everything: nothing reaches the
 * refused id. Controls show the same documents do deliver the notes to staff, and that a
 * customer's own subscription delivers their ticket's events and no one else's.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signInOverHttp, startHostileEmulator, type HostileEmulator } from './support/hostile-emulator.ts';
import { ackedSocket, emulatorHost, errorTypes, type RealtimeSocket, type ServerFrame } from './support/realtime-client.ts';
import { caseStart, DENIED_SELECTION_CASES, ROOT_SHAPE_CASES, WIDENING_ARGUMENT_CASES, type RefusedStartCase } from './support/subscription-cases.ts';
import { openTicket, publishEverything } from './support/staff-events.ts';

const SECRET = `SECRET-NOTES-${randomUUID()}`;

describe('Hostile subscription documents over the real-time endpoint', () => {
  let target: HostileEmulator;
  let host = '';
  let customer = '';
  let other = '';
  let agent = '';
  let mine = '';
  let theirs = '';
  let customerSocket: RealtimeSocket;
  let agentSocket: RealtimeSocket;

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    target = await startHostileEmulator();
    host = emulatorHost(target.emulator);
    customer = (await signInOverHttp(target.emulator, 'customer@example.com')).idToken;
    other = (await signInOverHttp(target.emulator, 'other@example.com')).idToken;
    agent = (await signInOverHttp(target.emulator, 'agent@example.com')).idToken;
    mine = await openTicket(target.emulator, customer, 'Mine');
    theirs = await openTicket(target.emulator, other, 'Theirs');
    customerSocket = await ackedSocket(target.emulator, customer);
    agentSocket = await ackedSocket(target.emulator, agent);
  });

  afterAll(async () => {
    customerSocket?.close();
    agentSocket?.close();
    await target?.close();
    vi.restoreAllMocks();
  });

  const startOf = (entry: RefusedStartCase, id: string, token: string) => caseStart(entry, id, { Authorization: token, host }, { mine, theirs });

  /** Staff publish every subscribed mutation on both tickets; the frames the socket got meanwhile. */
  async function framesAfterEverything(socket: RealtimeSocket): Promise<ServerFrame[]> {
    await publishEverything(target.emulator, agent, theirs, SECRET);
    await publishEverything(target.emulator, agent, mine, SECRET);
    return socket.barrier();
  }

  const refusedCases = [
    ...DENIED_SELECTION_CASES.map((entry, index) => [`selection: ${entry.name}`, entry, `denied-${index}`] as const),
    ...WIDENING_ARGUMENT_CASES.map((entry, index) => [`arguments: ${entry.name}`, entry, `widening-${index}`] as const),
    ...ROOT_SHAPE_CASES.map((entry, index) => [`root field: ${entry.name}`, entry, `root-${index}`] as const),
  ];

  it.each(refusedCases)('refuses a customer\'s %s, and delivers nothing to it', async (_name, entry, id) => {
    // Act
    customerSocket.send(startOf(entry, id, customer));
    const answer = await customerSocket.next();
    const later = await framesAfterEverything(customerSocket);

    // Assess
    expect(answer).toMatchObject({ type: 'error', id });
    expect(errorTypes(answer)).toEqual([entry.errorType]);
    if (entry.message !== undefined) expect((answer.payload as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(entry.message);
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(later).toEqual([]);
  });

  // Not the case with nested comments: they have their own resolver, so no published payload
  // carries them and that subscription gets `null` with AppSync's non-null error instead.
  const controls = DENIED_SELECTION_CASES.map((entry, index) => [entry.name, entry, index] as const).filter(([, entry]) => !entry.query.includes('comments'));
  it.each(controls)('delivers the notes to staff through the same document (control: %s)', async (_name, entry, index) => {
    // Prepare
    const id = `staff-${index}`;

    // Act
    agentSocket.send(startOf(entry, id, agent));
    const answer = await agentSocket.next();
    const later = await framesAfterEverything(agentSocket);
    agentSocket.send({ type: 'stop', id });
    const stopped = await agentSocket.next();

    // Assess
    expect(answer).toEqual({ type: 'start_ack', id });
    const events = later.filter((frame) => frame.type === 'data' && frame.id === id);
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).toContain(SECRET);
    // onTicketActivity is about every ticket; the others are about the customer's own only.
    if (!entry.query.includes('onTicketActivity')) expect(JSON.stringify(events)).not.toContain(theirs);
    expect(stopped).toEqual({ type: 'complete', id });
  });

  it('delivers a customer\'s own ticket\'s events to their subscription, and never another\'s', async () => {
    // Prepare
    customerSocket.send(startOf({ name: 'own', query: 'subscription ($id: ID!) { onTicketChanged(id: $id) { id title status reporter assignee } }', variables: { id: 'mine' }, errorType: 'Unauthorized' }, 'own', customer));
    customerSocket.send(startOf({ name: 'own comments', query: 'subscription ($id: ID!) { onCommentAdded(ticketId: $id) { id ticketId author body } }', variables: { id: 'mine' }, errorType: 'Unauthorized' }, 'own-comments', customer));
    const acks = [await customerSocket.next(), await customerSocket.next()];

    // Act
    const later = await framesAfterEverything(customerSocket);

    // Assess
    expect(acks).toEqual(expect.arrayContaining([{ type: 'start_ack', id: 'own' }, { type: 'start_ack', id: 'own-comments' }]));
    const ticketEvents = later.filter((frame) => frame.id === 'own');
    const commentEvents = later.filter((frame) => frame.id === 'own-comments');
    // setTicketStatus and assignTicket on the own ticket; addComment on it.
    expect(ticketEvents.map((frame) => (frame.payload as { data: { onTicketChanged: { id: string } } }).data.onTicketChanged.id)).toEqual([mine, mine]);
    expect(commentEvents.map((frame) => (frame.payload as { data: { onCommentAdded: { ticketId: string } } }).data.onCommentAdded.ticketId)).toEqual([mine]);
    expect(later).toHaveLength(3);
    expect(JSON.stringify(later)).not.toContain(SECRET);
    expect(JSON.stringify(later)).not.toContain(theirs);
  });
});
