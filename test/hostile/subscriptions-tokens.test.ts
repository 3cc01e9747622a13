/**
 * Hostile tokens against the emulator's real-time endpoint (`GET /graphql/realtime`), over real
 * `wss://` sockets on 127.0.0.1: every case of `support/token-cases.ts`, first at connect (the
 * header object on the query string, in a `header-` subprotocol, as plain upgrade headers),
 * then at `start` on a connection a genuine token opened. A refused connect is AppSync's
 * `connection_error` then a close; a refused `start` is an `error` for its id, never a
 * `start_ack` and never an event. A token larger than the HTTP server's header limit is refused
 * by the HTTP layer at the handshake. A header object naming another host is refused both ways.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalTestPool, echoedFragments, postGraphql, startHostileEmulator, type HostileEmulator } from './support/hostile-emulator.ts';
import { ackedSocket, emulatorHost, errorTypes, handshakeRealtime, HEADER_WAYS, startFrame, type RealtimeSocket, type ServerFrame } from './support/realtime-client.ts';
import { hostileTokenCases } from './support/token-cases.ts';

/** AppSync's refusal of a connection, byte for byte. */
const CONNECTION_ERROR_TEXT = '{"type":"connection_error","payload":{"errors":[{"errorType":"UnauthorizedException","message":"You are not authorized to make this call.","errorCode":401}]}}';
const ACTIVITY = 'subscription { onTicketActivity { id title status internalNotes } }';
const OPEN_TICKET = 'mutation { openTicket(input: { title: "Probe", body: "Probe" }) { id title status reporter internalNotes createdAt updatedAt } }';
/** Hosts a header object must not name: another site, another port, no host, a host with a path. */
const WRONG_HOSTS = ['attacker.example', 'localhost:1', '', '127.0.0.1', 'evil.example@127.0.0.1'];

const pool = createLocalTestPool();
const cases = hostileTokenCases({ pool, attackerJwksUrl: 'https://attacker.example/.well-known/jwks.json' });
const regular = cases.filter((entry) => entry.oversized !== true);
const oversized = cases.filter((entry) => entry.oversized === true);

describe('Hostile tokens over the real-time endpoint', () => {
  let target: HostileEmulator;
  let host = '';
  /** The authorizer's own log lines (it writes JSON lines to the console). */
  const authorizerLogs: string[] = [];
  const agent = pool.idToken('agent');
  const customer = pool.idToken('customer');

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      authorizerLogs.push(String(line));
    });
    target = await startHostileEmulator({ plantedKeys: pool });
    host = emulatorHost(target.emulator);
  });

  afterAll(async () => {
    await target?.close();
    vi.restoreAllMocks();
  });

  /** Connects with `authorization` the given way and sends `connection_init`: the frames until the close, and its code. */
  async function connectAndInit(authorization: string | null, way: (typeof HEADER_WAYS)[number], connectHost = host): Promise<{ frames: ServerFrame[]; code: number }> {
    const handshake = await handshakeRealtime(target.emulator, { authorization, way, host: connectHost });
    if (handshake.kind !== 'open') throw new Error(`handshake refused: ${JSON.stringify(handshake)}`);
    handshake.socket.send({ type: 'connection_init' });
    const frames: ServerFrame[] = [];
    const code = await handshake.socket.closed;
    for (;;) {
      const frame = await handshake.socket.next().catch(() => null);
      if (frame === null) break;
      frames.push(frame);
    }
    return { frames, code };
  }

  /** Proves a hostile `start` on `socket` reached nothing: a genuine subscription beside it gets the next event, the hostile id nothing. */
  async function expectNoEventFor(socket: RealtimeSocket, hostileId: string): Promise<void> {
    socket.send(startFrame('control', agent, host, 'subscription { onTicketActivity { id } }'));
    expect(await socket.next()).toEqual({ type: 'start_ack', id: 'control' });
    const opened = await postGraphql(target.emulator.graphqlUrl, customer, { query: OPEN_TICKET });
    expect(opened.status).toBe(200);
    const frames = await socket.barrier();
    expect(frames.filter((frame) => frame.id === hostileId)).toEqual([]);
    expect(frames.filter((frame) => frame.type === 'data' && frame.id === 'control')).toHaveLength(1);
  }

  it.each(HEADER_WAYS)('acknowledges the genuine tokens the cases are forged from (header %s)', async (way) => {
    // Prepare
    const tokens = [agent, customer, pool.accessToken('admin'), pool.machineToken('localreportingclient', ['helpdesk/tickets.read'])];

    // Act
    const answers = await Promise.all(tokens.map(async (token) => {
      const handshake = await handshakeRealtime(target.emulator, { authorization: token, way });
      if (handshake.kind !== 'open') return handshake;
      handshake.socket.send({ type: 'connection_init' });
      const answer = await handshake.socket.next();
      handshake.socket.close();
      return answer;
    }));

    // Assess
    for (const answer of answers) expect(answer).toMatchObject({ type: 'connection_ack' });
  });

  describe('at connect', () => {
    it.each(regular.flatMap((entry) => HEADER_WAYS.map((way) => [`${entry.klass}: ${entry.name} (header ${way})`, entry, way] as const)))(
      'refuses %s with connection_error, then closes',
      async (_name, entry, way) => {
        // Prepare
        const authorization = entry.authorization();
        const logsBefore = target.logs.length;
        const authorizerLogsBefore = authorizerLogs.length;

        // Act
        const { frames, code } = await connectAndInit(authorization, way);

        // Assess
        expect(frames.map((frame) => JSON.stringify(frame))).toEqual([CONNECTION_ERROR_TEXT]);
        expect(code).toBe(1000);
        if (authorization !== null) {
          const seen = [JSON.stringify(frames), ...target.logs.slice(logsBefore), ...authorizerLogs.slice(authorizerLogsBefore)];
          expect(echoedFragments(authorization, seen)).toEqual([]);
        }
      },
    );

    it.each(oversized.flatMap((entry) => HEADER_WAYS.map((way) => [`${entry.klass}: ${entry.name} (header ${way})`, entry, way] as const)))(
      'refuses %s at the HTTP layer (431 or a reset), and keeps serving',
      async (_name, entry, way) => {
        // Prepare
        const authorization = entry.authorization() as string;

        // Act
        const handshake = await handshakeRealtime(target.emulator, { authorization, way });
        const next = await ackedSocket(target.emulator, agent);
        next.close();

        // Assess
        expect(handshake.kind).toBe('refused');
        if (handshake.kind === 'refused') {
          if (handshake.status !== null) expect(handshake.status).toBe(431);
          else expect(handshake.error).toMatch(/ECONNRESET|EPIPE|socket hang up/);
        }
      },
    );
  });

  describe('hosts and header objects at connect', () => {
    // Node's HTTP client writes its own Host header in place of an empty one: no empty Host as a plain header.
    const wrongHostWays = WRONG_HOSTS.flatMap((wrongHost) => HEADER_WAYS.filter((way) => wrongHost !== '' || way !== 'headers').map((way) => [JSON.stringify(wrongHost), way] as const));
    it.each(wrongHostWays)(
      'refuses a genuine token whose header object names host %s (header %s)',
      async (wrongHost, way) => {
        // Act
        const handshake = await handshakeRealtime(target.emulator, { authorization: agent, way, host: JSON.parse(wrongHost) as string });
        const outcome = handshake.kind === 'open' ? await (async () => {
          handshake.socket.send({ type: 'connection_init' });
          const frame = await handshake.socket.next();
          return { frame, code: await handshake.socket.closed };
        })() : handshake;

        // Assess: refused at connection_init, or (a Host header the HTTP server cannot route) at the handshake.
        if ('frame' in outcome) {
          expect(JSON.stringify(outcome.frame)).toBe(CONNECTION_ERROR_TEXT);
          expect(outcome.code).toBe(1000);
        } else {
          expect(way).toBe('headers');
          expect(outcome.status === null || outcome.status < 500).toBe(true);
        }
      },
    );

    const encoded = (value: unknown, encoding: 'base64' | 'base64url') => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(encoding);
    const smuggled: ReadonlyArray<readonly [string, () => Parameters<typeof handshakeRealtime>[1]]> = [
      ['an unreadable ?header= beside a genuine Authorization header', () => ({ authorization: agent, way: 'headers', query: '?header=%%%not-base64&payload=e30=' })],
      ['a ?header= of a JSON array beside a genuine Authorization header', () => ({ authorization: agent, way: 'headers', query: `?header=${encodeURIComponent(encoded([{ Authorization: agent, host }], 'base64'))}` })],
      ['a ?header= whose Authorization is a number beside a genuine Authorization header', () => ({ authorization: agent, way: 'headers', query: `?header=${encodeURIComponent(encoded({ Authorization: 12345, host }, 'base64'))}` })],
      ['a ?header= with a forged token beside a genuine header- subprotocol', () => ({ authorization: agent, way: 'protocol', query: `?header=${encodeURIComponent(encoded({ Authorization: 'forged', host }, 'base64'))}` })],
      ['an unreadable header- subprotocol beside a genuine Authorization header', () => ({ authorization: agent, way: 'headers', protocols: ['header-!!not-base64url!!'] })],
      ['a header- subprotocol of JSON null beside a genuine Authorization header', () => ({ authorization: agent, way: 'headers', protocols: [`header-${encoded('null', 'base64url')}`] })],
      ['a header- subprotocol with a forged token before a genuine one', () => ({ authorization: agent, way: 'protocol', protocols: [`header-${encoded({ Authorization: 'forged', host }, 'base64url')}`] })],
    ];

    it.each(smuggled)('refuses %s (the first header object found wins, unreadable or not)', async (_name, options) => {
      // Act
      const handshake = await handshakeRealtime(target.emulator, options());
      if (handshake.kind !== 'open') throw new Error(`handshake refused: ${JSON.stringify(handshake)}`);
      handshake.socket.send({ type: 'connection_init' });
      const frame = await handshake.socket.next();

      // Assess
      expect(JSON.stringify(frame)).toBe(CONNECTION_ERROR_TEXT);
      expect(await handshake.socket.closed).toBe(1000);
    });

    it('refuses with 400 a handshake that does not offer graphql-ws', async () => {
      // Act
      const handshake = await handshakeRealtime(target.emulator, { authorization: agent, way: 'headers', protocols: [] });

      // Assess
      expect(handshake).toEqual({ kind: 'refused', status: 400, error: null });
    });
  });

  describe('at start, on a connection a genuine token opened', () => {
    let socket: RealtimeSocket;

    beforeAll(async () => {
      socket = await ackedSocket(target.emulator, agent);
    });

    afterAll(() => socket?.close());

    it.each(regular.map((entry, index) => [`${entry.klass}: ${entry.name}`, entry, index] as const))('refuses %s with an error, never a start_ack nor an event', async (_name, entry, index) => {
      // Prepare
      const authorization = entry.authorization();
      const id = `hostile-${index}`;
      const logsBefore = target.logs.length;
      const authorizerLogsBefore = authorizerLogs.length;

      // Act
      socket.send(startFrame(id, authorization, host, ACTIVITY));
      const answer = await socket.next();

      // Assess
      expect(answer).toMatchObject({ type: 'error', id });
      expect(errorTypes(answer)).toEqual(['UnauthorizedException']);
      if (authorization !== null) {
        const seen = [JSON.stringify(answer), ...target.logs.slice(logsBefore), ...authorizerLogs.slice(authorizerLogsBefore)];
        expect(echoedFragments(authorization, seen)).toEqual([]);
      }
      await expectNoEventFor(socket, id);
      socket.send({ type: 'stop', id: 'control' });
      expect(await socket.next()).toEqual({ type: 'complete', id: 'control' });
    });

    it.each(oversized.map((entry, index) => [`${entry.klass}: ${entry.name}`, entry, index] as const))(
      'refuses %s with an error (or, a frame over 1 MiB, closes with 1009), and keeps serving',
      async (_name, entry, index) => {
        // Prepare: a socket of its own, as a 1009 close ends it.
        const own = await ackedSocket(target.emulator, agent);
        const id = `oversized-${index}`;
        const frame = JSON.stringify(startFrame(id, entry.authorization(), host, ACTIVITY));

        // Act
        own.sendRaw(frame);
        const answer = await own.next().catch(() => null);

        // Assess
        if (Buffer.byteLength(frame) > 1024 * 1024) {
          expect(answer).toBeNull();
          expect(await own.closed).toBe(1009);
        } else {
          expect(answer).toMatchObject({ type: 'error' });
          expect(answer?.type).not.toBe('start_ack');
          await expectNoEventFor(own, id);
          own.close();
        }
        const next = await postGraphql(target.emulator.graphqlUrl, customer, { query: '{ me { sub } }' });
        expect(next.status).toBe(200);
      },
    );

    describe('hosts and header objects', () => {
      it.each(WRONG_HOSTS.map((wrongHost) => [JSON.stringify(wrongHost)] as const))('refuses a start whose header object names host %s', async (wrongHost) => {
        // Act
        socket.send(startFrame('wrong-host', agent, JSON.parse(wrongHost) as string, ACTIVITY));
        const answer = await socket.next();

        // Assess
        expect(answer).toMatchObject({ type: 'error', id: 'wrong-host' });
        expect(errorTypes(answer)).toEqual(['UnauthorizedException']);
        await expectNoEventFor(socket, 'wrong-host');
        socket.send({ type: 'stop', id: 'control' });
        expect(await socket.next()).toEqual({ type: 'complete', id: 'control' });
      });

      it('refuses a customer\'s start on a staff connection: each start is authorized by its own header object', async () => {
        // Act
        socket.send(startFrame('lent', customer, host, ACTIVITY));
        const answer = await socket.next();

        // Assess
        expect(answer).toMatchObject({ type: 'error', id: 'lent' });
        expect(errorTypes(answer)).toEqual(['Unauthorized']);
        await expectNoEventFor(socket, 'lent');
        socket.send({ type: 'stop', id: 'control' });
        expect(await socket.next()).toEqual({ type: 'complete', id: 'control' });
      });

      it('refuses a start with no header object at all', async () => {
        // Act
        socket.send({ id: 'no-header', type: 'start', payload: { data: JSON.stringify({ query: ACTIVITY, variables: {} }) } });
        const answer = await socket.next();

        // Assess
        expect(answer).toMatchObject({ type: 'error', id: 'no-header' });
        expect(errorTypes(answer)).toEqual(['UnauthorizedException']);
      });
    });
  });
});
