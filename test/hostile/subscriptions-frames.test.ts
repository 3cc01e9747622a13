/**
 * Hostile frames against the emulator's real-time endpoint, over real `wss://` sockets on
 * 127.0.0.1: malformed frames (not JSON, binary, unknown type, missing or unusable id,
 * `payload.data` not JSON), oversized frames (over 240 KB: an `error`; over 1 MiB: the socket
 * closed with 1009), frames before `connection_init` (ignored, as AppSync does), and floods
 * (past the 100 subscriptions of a connection, fast repeated start/stop, duplicate ids, many
 * connections, thousands of bad frames). Each gets a clean `error` frame or a close; the
 * connection that survives keeps working, a bystander connection keeps receiving its events,
 * and HTTP keeps answering without a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../emulator/realtime/realtime-limits.ts';
import { postGraphql, signInOverHttp, startHostileEmulator, type HostileEmulator } from './support/hostile-emulator.ts';
import { ackedSocket, emulatorHost, errorTypes, handshakeRealtime, startFrame, type RealtimeSocket, type ServerFrame } from './support/realtime-client.ts';
import { FRAME_CASES } from './support/subscription-cases.ts';
import { openTicket } from './support/staff-events.ts';

const ACTIVITY = 'subscription { onTicketActivity { id title } }';

describe('Hostile frames over the real-time endpoint', () => {
  let target: HostileEmulator;
  let host = '';
  let agent = '';
  let customer = '';
  let bystander: RealtimeSocket;

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    target = await startHostileEmulator();
    host = emulatorHost(target.emulator);
    agent = (await signInOverHttp(target.emulator, 'agent@example.com')).idToken;
    customer = (await signInOverHttp(target.emulator, 'customer@example.com')).idToken;
    bystander = await ackedSocket(target.emulator, agent);
    bystander.send(startFrame('bystander', agent, host, ACTIVITY));
    const ack = await bystander.next();
    if (ack.type !== 'start_ack') throw new Error(`The bystander was not subscribed: ${JSON.stringify(ack)}`);
  });

  afterAll(async () => {
    bystander?.close();
    await target?.close();
    vi.restoreAllMocks();
  });

  /** One event published by a customer over HTTP: it must answer 200, and the bystander must get it. */
  async function expectStillServing(): Promise<void> {
    const answer = await postGraphql(target.emulator.graphqlUrl, customer, { query: 'mutation { openTicket(input: { title: "Still serving", body: "x" }) { id title } }' });
    expect(answer.status).toBe(200);
    const frames = await bystander.barrier();
    // The bystander also got the events the case itself published; this one is the last.
    expect(frames.filter((frame) => frame.type !== 'data' || frame.id !== 'bystander')).toEqual([]);
    expect(frames.at(-1)?.payload).toEqual({ data: { onTicketActivity: (JSON.parse(answer.text) as { data: { openTicket: unknown } }).data.openTicket } });
  }

  /** A start on `socket` of a fresh id is acknowledged, then stopped. */
  async function expectStartsAgain(socket: RealtimeSocket, id: string): Promise<void> {
    socket.send(startFrame(id, agent, host, ACTIVITY));
    expect(await socket.next()).toEqual({ type: 'start_ack', id });
    socket.send({ type: 'stop', id });
    expect(await socket.next()).toEqual({ type: 'complete', id });
  }

  describe('malformed and oversized frames', () => {
    it.each(FRAME_CASES.map((entry) => [`${entry.klass}: ${entry.name}`, entry] as const))('answers %s cleanly, and keeps serving', async (_name, entry) => {
      // Prepare
      const socket = await ackedSocket(target.emulator, agent);

      // Act
      socket.sendRaw(entry.frame({ Authorization: agent, host }), entry.binary === true);
      const answer = await socket.next().catch(() => null);

      // Assess
      if ('close' in entry.expected) {
        expect(answer).toBeNull();
        expect(await socket.closed).toBe(entry.expected.close);
      } else {
        expect(answer).toEqual({
          type: 'error',
          ...(entry.expected.id === null ? {} : { id: entry.expected.id }),
          payload: { errors: [{ errorType: entry.expected.errorType, message: expect.any(String) as string }] },
        });
        await expectStartsAgain(socket, 'after');
        socket.close();
      }
      await expectStillServing();
    });
  });

  describe('frames before connection_init', () => {
    it('ignores a start, a stop, garbage and binary frames before connection_init, then acknowledges it', async () => {
      // Prepare
      const handshake = await handshakeRealtime(target.emulator, { authorization: agent });
      if (handshake.kind !== 'open') throw new Error('handshake refused');
      const socket = handshake.socket;

      // Act
      socket.send(startFrame('early', agent, host, ACTIVITY));
      socket.send({ type: 'stop', id: 'early' });
      socket.sendRaw('not json');
      socket.sendRaw(Buffer.from([1, 2, 3]), true);
      socket.sendRaw(JSON.stringify({ type: 'start', id: 'big', payload: { data: 'x'.repeat(250 * 1024) } }));
      socket.send({ type: 'connection_init' });
      const first = await socket.next();
      await openTicket(target.emulator, customer, 'After the early start');
      const later = await socket.barrier();

      // Assess: the ack is the first frame, and the early start never went live.
      expect(first).toMatchObject({ type: 'connection_ack' });
      expect(later).toEqual([]);
      await expectStartsAgain(socket, 'late');
      socket.close();
      await expectStillServing();
    });

    it('answers a second connection_init with nothing', async () => {
      // Prepare
      const socket = await ackedSocket(target.emulator, agent);

      // Act
      socket.send({ type: 'connection_init' });
      socket.send({ type: 'connection_init', payload: { Authorization: 'forged' } });
      const later = await socket.barrier();

      // Assess
      expect(later).toEqual([]);
      socket.close();
    });

    it('refuses at connection_init a connection without a header object that started early', async () => {
      // Prepare
      const handshake = await handshakeRealtime(target.emulator, { authorization: null });
      if (handshake.kind !== 'open') throw new Error('handshake refused');
      const socket = handshake.socket;

      // Act
      socket.send(startFrame('early', agent, host, ACTIVITY));
      socket.send({ type: 'connection_init' });
      const first = await socket.next();
      const code = await socket.closed;

      // Assess
      expect(first).toMatchObject({ type: 'connection_error' });
      expect(code).toBe(1000);
      await expectStillServing();
    });
  });

  describe('floods', () => {
    it('answers a thousand bad frames in a row, each with an error, and keeps the connection', async () => {
      // Prepare
      const socket = await ackedSocket(target.emulator, agent);
      const bad = Array.from({ length: 1000 }, (_, index) => [index % 3 === 0 ? 'not json' : index % 3 === 1 ? '{"type":"nope"}' : '{"type":"start"}', index % 2 === 0] as const);

      // Act
      for (const [frame, binary] of bad) socket.sendRaw(frame, binary);
      const frames = await socket.barrier();

      // Assess
      expect(frames).toHaveLength(1000);
      expect(frames.every((frame) => frame.type === 'error')).toBe(true);
      await expectStartsAgain(socket, 'after-flood');
      socket.close();
      await expectStillServing();
    });

    it(`acknowledges ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions of a connection and refuses the ones past it`, async () => {
      // Prepare
      const socket = await ackedSocket(target.emulator, agent);
      const starts = MAX_SUBSCRIPTIONS_PER_CONNECTION + 5;

      // Act
      for (let index = 0; index < starts; index += 1) socket.send(startFrame(`s${index}`, agent, host, ACTIVITY));
      const answers: ServerFrame[] = [];
      while (answers.length < starts) answers.push(await socket.next());
      await openTicket(target.emulator, customer, 'To a hundred subscriptions');
      const events = await socket.barrier();

      // Assess
      const acked = answers.filter((frame) => frame.type === 'start_ack');
      const refused = answers.filter((frame) => frame.type === 'error');
      expect(acked).toHaveLength(MAX_SUBSCRIPTIONS_PER_CONNECTION);
      expect(refused).toHaveLength(5);
      for (const frame of refused) expect(errorTypes(frame)).toEqual(['MaxSubscriptionsReachedError']);
      expect(new Set(events.filter((frame) => frame.type === 'data').map((frame) => frame.id))).toEqual(new Set(acked.map((frame) => frame.id)));
      expect(events).toHaveLength(MAX_SUBSCRIPTIONS_PER_CONNECTION);
      socket.send({ type: 'stop', id: acked[0]?.id });
      expect(await socket.next()).toMatchObject({ type: 'complete' });
      await expectStartsAgain(socket, 'one-more');
      socket.close();
      await expectStillServing();
    });

    it('survives fast repeated start/stop of one id: each stop completed, nothing left live', async () => {
      // Prepare
      const socket = await ackedSocket(target.emulator, agent);
      const rounds = 200;

      // Act
      for (let round = 0; round < rounds; round += 1) {
        socket.send(startFrame('churn', agent, host, ACTIVITY));
        socket.send({ type: 'stop', id: 'churn' });
      }
      const frames = await socket.barrier();
      await openTicket(target.emulator, customer, 'After the churn');
      const later = await socket.barrier();

      // Assess
      expect(frames.filter((frame) => frame.type === 'complete' && frame.id === 'churn')).toHaveLength(rounds);
      expect(frames.filter((frame) => frame.type !== 'complete' && frame.type !== 'start_ack')).toEqual([]);
      expect(later).toEqual([]);
      await expectStartsAgain(socket, 'after-churn');
      socket.close();
      await expectStillServing();
    });

    it('refuses a start of an id already live or being started on the connection, and delivers once', async () => {
      // Prepare
      const socket = await ackedSocket(target.emulator, agent);

      // Act: the second start arrives while the first is being started, the third once it is live.
      socket.send(startFrame('dup', agent, host, ACTIVITY));
      socket.send(startFrame('dup', agent, host, 'subscription { onTicketActivity { id title status } }'));
      const answers = [await socket.next(), await socket.next()];
      socket.send(startFrame('dup', customer, host, ACTIVITY));
      answers.push(await socket.next());
      await openTicket(target.emulator, customer, 'Once to dup');
      const events = await socket.barrier();

      // Assess
      expect(answers.filter((frame) => frame.type === 'start_ack')).toEqual([{ type: 'start_ack', id: 'dup' }]);
      const refused = answers.filter((frame) => frame.type === 'error');
      expect(refused.map((frame) => [frame.id, errorTypes(frame)])).toEqual([['dup', ['DuplicatedOperationError']], ['dup', ['DuplicatedOperationError']]]);
      expect(events.map((frame) => [frame.type, frame.id])).toEqual([['data', 'dup']]);
      socket.close();
    });

    it('serves many connections at once, and closing them all at once leaves it serving', async () => {
      // Prepare
      const count = 50;

      // Act
      const sockets = await Promise.all(Array.from({ length: count }, () => ackedSocket(target.emulator, agent)));
      for (const [index, socket] of sockets.entries()) socket.send(startFrame(`m${index}`, agent, host, ACTIVITY));
      const acks = await Promise.all(sockets.map((socket) => socket.next()));
      await openTicket(target.emulator, customer, 'To many connections');
      const events = await Promise.all(sockets.map((socket) => socket.barrier()));
      for (const socket of sockets) socket.close();

      // Assess
      expect(acks.every((frame) => frame.type === 'start_ack')).toBe(true);
      expect(events.map((frames) => frames.length)).toEqual(Array.from({ length: count }, () => 1));
      await expectStillServing();
    });

    it('logged no internal failure and answers HTTP without a 5xx afterwards', async () => {
      // Act
      const answers = await Promise.all([
        postGraphql(target.emulator.graphqlUrl, customer, { query: '{ me { sub } }' }),
        fetch(`${target.emulator.url}/graphql/realtime`),
        fetch(`${target.emulator.url}/graphql/realtime`, { method: 'POST' }),
      ]);

      // Assess
      expect(answers[0].status).toBe(200);
      for (const answer of answers.slice(1)) expect((answer as Response).status).toBeLessThan(500);
      expect(target.logs.filter((line) => /internal failure|subscribe failed|InternalFailure/i.test(line))).toEqual([]);
    });
  });
});
