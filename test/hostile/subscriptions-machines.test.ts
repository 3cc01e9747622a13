/**
 * Machine callers on the emulator's real-time endpoint, over real `wss://` sockets on
 * 127.0.0.1, with access tokens from the emulator's real `POST /oauth2/token`
 * (client credentials): the reporting client (scope `helpdesk/tickets.read`) may subscribe to
 * `onTicketActivity` and receives tickets, never the staff-only notes (a selection naming them is
 * refused); no machine may hold `onTicketChanged` or `onCommentAdded`, which are for a ticket's
 * reporter and staff; a machine token without the read scope may subscribe to nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientCredentialsToken, createLocalTestPool, signInOverHttp, startHostileEmulator, type HostileEmulator } from './support/hostile-emulator.ts';
import { ackedSocket, emulatorHost, errorTypes, type RealtimeSocket } from './support/realtime-client.ts';
import { caseStart, MACHINE_DENIED_FIELD_CASES, MACHINE_DENIED_SELECTION_CASES, type RefusedStartCase } from './support/subscription-cases.ts';
import { openTicket, publishEverything } from './support/staff-events.ts';

const SECRET = `SECRET-NOTES-${randomUUID()}`;
const pool = createLocalTestPool();
/** The seeded machine clients (`emulator/seed-users.json`). */
const MACHINES = [
  ['the reporting client (read)', 'localreportingclient', 'reporting-secret'],
  ['the triage client (read and triage)', 'localtriageclient', 'triage-secret'],
] as const;

describe('Machine callers over the real-time endpoint', () => {
  let target: HostileEmulator;
  let host = '';
  let customer = '';
  let agent = '';
  let mine = '';
  const machineTokens = new Map<string, string>();
  const sockets = new Map<string, RealtimeSocket>();

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    target = await startHostileEmulator({ plantedKeys: pool });
    host = emulatorHost(target.emulator);
    customer = (await signInOverHttp(target.emulator, 'customer@example.com')).idToken;
    agent = (await signInOverHttp(target.emulator, 'agent@example.com')).idToken;
    mine = await openTicket(target.emulator, customer, 'Watched by machines');
    for (const [, clientId, secret] of MACHINES) {
      const token = await clientCredentialsToken(target.emulator, clientId, secret);
      machineTokens.set(clientId, token);
      sockets.set(clientId, await ackedSocket(target.emulator, token));
    }
  });

  afterAll(async () => {
    for (const socket of sockets.values()) socket.close();
    await target?.close();
    vi.restoreAllMocks();
  });

  const startOf = (entry: RefusedStartCase, id: string, token: string) => caseStart(entry, id, { Authorization: token, host }, { mine, theirs: mine });

  it.each(MACHINES)('subscribes %s to onTicketActivity: tickets opened and changed arrive, the notes never', async (_name, clientId) => {
    // Prepare
    const socket = sockets.get(clientId)!;
    const token = machineTokens.get(clientId)!;
    const id = `activity-${clientId}`;
    socket.send(startOf({ name: 'activity', query: 'subscription { onTicketActivity { __typename id title status reporter assignee updatedAt } }', variables: {}, errorType: 'Unauthorized' }, id, token));
    const answer = await socket.next();

    // Act
    const opened = await openTicket(target.emulator, customer, 'Opened while watched');
    await publishEverything(target.emulator, agent, opened, SECRET);
    const frames = await socket.barrier();
    socket.send({ type: 'stop', id });
    const stopped = await socket.next();

    // Assess: openTicket, then setInternalNotes, setTicketStatus and assignTicket of that ticket.
    expect(answer).toEqual({ type: 'start_ack', id });
    expect(frames.map((frame) => [frame.type, frame.id])).toEqual(Array.from({ length: 4 }, () => ['data', id]));
    for (const frame of frames) expect(frame.payload).toMatchObject({ data: { onTicketActivity: { __typename: 'Ticket', id: opened } } });
    expect(frames.map((frame) => (frame.payload as { errors?: unknown }).errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(JSON.stringify(frames)).not.toContain(SECRET);
    expect(stopped).toEqual({ type: 'complete', id });
  });

  const refused = MACHINES.flatMap(([name, clientId]) => [
    ...MACHINE_DENIED_SELECTION_CASES.map((entry, index) => [`${name}: onTicketActivity with ${entry.name}`, clientId, entry, `notes-${index}`] as const),
    ...MACHINE_DENIED_FIELD_CASES.map((entry, index) => [`${name}: ${entry.name}`, clientId, entry, `field-${index}`] as const),
  ]);

  it.each(refused)('refuses %s with Unauthorized, and delivers nothing to it', async (_name, clientId, entry, id) => {
    // Prepare
    const socket = sockets.get(clientId)!;

    // Act
    socket.send(startOf(entry, id, machineTokens.get(clientId)!));
    const answer = await socket.next();
    await publishEverything(target.emulator, agent, mine, SECRET);
    await openTicket(target.emulator, customer, 'After a refused machine start');
    const later = await socket.barrier();

    // Assess
    expect(answer).toMatchObject({ type: 'error', id });
    expect(errorTypes(answer)).toEqual([entry.errorType]);
    expect(later).toEqual([]);
  });

  it('refuses every subscription to a machine token without the read scope', async () => {
    // Prepare: a genuine signature by the pool's key, for a known machine client, with the triage scope only.
    const token = pool.machineToken('localtriageclient', ['helpdesk/tickets.triage']);
    const socket = await ackedSocket(target.emulator, token);
    const documents = ['subscription { onTicketActivity { id } }', ...MACHINE_DENIED_FIELD_CASES.map((entry) => entry.query)];

    // Act
    const answers = [];
    for (const [index, query] of documents.entries()) {
      socket.send(startOf({ name: 'no read scope', query, variables: query.includes('$id') ? { id: 'mine' } : {}, errorType: 'Unauthorized' }, `q${index}`, token));
      answers.push(await socket.next());
    }
    await openTicket(target.emulator, customer, 'Unseen by the triage-only token');
    const later = await socket.barrier();
    socket.close();

    // Assess
    expect(answers.map((frame) => [frame.type, errorTypes(frame)])).toEqual(documents.map(() => ['error', ['Unauthorized']]));
    expect(later).toEqual([]);
  });
});
