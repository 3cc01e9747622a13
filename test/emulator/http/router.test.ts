/**
 * The emulator's router and server over real HTTP on 127.0.0.1: what it answers around the
 * routes parts claim (404, 405 with Allow, OPTIONS, HEAD, CORS once, a bad URL, a failing
 * route), which claims it refuses to start with, how it dispatches upgrades, and how it closes.
 */
import { once } from 'node:events';
import { request, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { corsHeaders } from '../../../emulator/http/cors.ts';
import type { EmulatorPart } from '../../../emulator/http/emulator-part.ts';
import { startServer, type EmulatorServer } from '../../../emulator/http/emulator-server.ts';
import { createPlainListener, type CreateListener } from '../../../emulator/http/listener.ts';
import { createRouter, RouteClaimError } from '../../../emulator/http/router.ts';
import { sendBody, sendJson } from '../../../emulator/http/send-json.ts';

const LOOPBACK_ORIGIN = 'http://localhost:5173';

interface Served {
  readonly server: EmulatorServer;
  readonly url: string;
  readonly errors: unknown[];
}

const running: EmulatorServer[] = [];

async function serve(parts: readonly EmulatorPart[], createListener: CreateListener = createPlainListener): Promise<Served> {
  const errors: unknown[] = [];
  const server = await startServer(createRouter(parts, { logError: (error) => errors.push(error) }), { host: '127.0.0.1', port: 0 }, { createListener });
  running.push(server);
  return { server, url: `http://127.0.0.1:${server.port}`, errors };
}

/** A raw request, so the path goes out as written and repeated headers stay visible. */
function rawRequest(url: string, options: { method?: string; path: string; headers?: Record<string, string> }): Promise<{ status: number; headers: IncomingHttpHeaders; rawHeaders: string[]; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends an upgrade request on a bare socket and reads everything until the server hangs up. */
async function rawUpgrade(url: string, path: string): Promise<string> {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'close');
  return Buffer.concat(chunks).toString('utf8');
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => { resolve = done; });
  return { promise, resolve };
}

const ITEMS_PART: EmulatorPart = {
  name: 'items',
  routes: [
    { method: 'GET', path: '/items', handle: (_req, res) => sendJson(res, 200, { items: [] }) },
    { method: 'POST', path: '/items', handle: (_req, res) => sendJson(res, 201, { created: true }) },
    // A route that names the CORS headers itself, as the Cognito adapter does.
    { method: 'GET', path: '/self-cors', handle: (req, res) => sendBody(res, 200, 'ok', { ...corsHeaders(req.headers.origin), 'content-type': 'text/plain' }) },
    { method: 'GET', path: '/files/*', handle: (_req, res, url) => sendJson(res, 200, { file: url.pathname }) },
    { method: 'POST', path: '/files/upload', handle: (_req, res) => sendJson(res, 200, { uploaded: true }) },
    { method: 'GET', path: '/broken', handle: () => { throw new Error('secret internals'); } },
  ],
};

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

describe('Router: answers', () => {
  it('answers a claimed route with the loopback CORS grant exactly once', async () => {
    // Prepare
    const { url } = await serve([ITEMS_PART]);

    // Act
    const plain = await rawRequest(url, { path: '/items', headers: { origin: LOOPBACK_ORIGIN } });
    const selfCors = await rawRequest(url, { path: '/self-cors', headers: { origin: LOOPBACK_ORIGIN } });

    // Assess
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body)).toEqual({ items: [] });
    for (const answer of [plain, selfCors]) {
      const names = answer.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase());
      expect(names.filter((name) => name === 'access-control-allow-origin')).toHaveLength(1);
      expect(names.filter((name) => name === 'vary')).toHaveLength(1);
      expect(answer.headers['access-control-allow-origin']).toBe(LOOPBACK_ORIGIN);
    }
  });

  it('grants nothing to a page served from elsewhere', async () => {
    // Prepare
    const { url } = await serve([ITEMS_PART]);

    // Act
    const answer = await fetch(`${url}/items`, { headers: { origin: 'https://evil.example' } });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('vary')).toBe('Origin');
  });

  it('answers an unknown path with a JSON 404', async () => {
    // Prepare
    const { url } = await serve([ITEMS_PART]);

    // Act
    const answer = await fetch(`${url}/nowhere`, { method: 'POST', body: 'ignored' });

    // Assess
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ errors: [{ errorType: 'NotFoundException', message: 'No route for POST /nowhere.' }] });
  });

  it('answers a known path asked with another method with 405 and Allow', async () => {
    // Prepare
    const { url } = await serve([ITEMS_PART]);

    // Act
    const answer = await fetch(`${url}/items`, { method: 'DELETE' });

    // Assess
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(await answer.json()).toEqual({ errors: [{ errorType: 'MethodNotAllowedException', message: 'DELETE is not allowed on /items.' }] });
  });

  it('answers a preflight of a known path itself, with Allow and the CORS grant', async () => {
    // Prepare
    let handled = 0;
    const { url } = await serve([{ name: 'counted', routes: [{ method: 'POST', path: '/graphql', handle: (_req, res) => { handled += 1; sendJson(res, 200, {}); } }] }]);

    // Act
    const answer = await fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin: LOOPBACK_ORIGIN, 'access-control-request-method': 'POST' } });

    // Assess
    expect(answer.status).toBe(204);
    expect(answer.headers.get('allow')).toBe('OPTIONS, POST');
    expect(answer.headers.get('access-control-allow-origin')).toBe(LOOPBACK_ORIGIN);
    expect(answer.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(handled).toBe(0);
  });

  it('answers HEAD with the GET route, without a body', async () => {
    // Prepare
    const { url } = await serve([ITEMS_PART]);

    // Act
    const answer = await rawRequest(url, { method: 'HEAD', path: '/items' });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe(String(JSON.stringify({ items: [] }).length));
    expect(answer.body).toBe('');
  });

  it('lets an exact path win over a prefix, and a prefix serve what is under it', async () => {
    // Prepare
    const { url } = await serve([ITEMS_PART]);

    // Act
    const underPrefix = await fetch(`${url}/files/notes.txt`);
    const exactOtherMethod = await fetch(`${url}/files/upload`);
    const exact = await fetch(`${url}/files/upload`, { method: 'POST' });

    // Assess
    expect(await underPrefix.json()).toEqual({ file: '/files/notes.txt' });
    expect(exactOtherMethod.status).toBe(405);
    expect(exactOtherMethod.headers.get('allow')).toBe('OPTIONS, POST');
    expect(await exact.json()).toEqual({ uploaded: true });
  });

  it('refuses a request URL it cannot parse with 400', async () => {
    // Prepare
    const { url } = await serve([ITEMS_PART]);

    // Act
    const answer = await rawRequest(url, { path: '//' });

    // Assess
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: 'Invalid request URL.' }] });
  });

  it('answers a failing route with a 500 that tells nothing, and logs the failure', async () => {
    // Prepare
    const { url, errors } = await serve([ITEMS_PART]);

    // Act
    const answer = await fetch(`${url}/broken`);
    const text = await answer.text();

    // Assess
    expect(answer.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ errors: [{ errorType: 'InternalFailureException', message: 'An internal failure occurred.' }] });
    expect(text).not.toContain('secret internals');
    expect(errors).toEqual([new Error('secret internals')]);
  });
});

describe('Router: claims', () => {
  const route = { method: 'GET', path: '/', handle: () => undefined } as const;

  it('refuses to start when two parts claim the same method and path', () => {
    // Act
    const build = (): unknown => createRouter([{ name: 'console', routes: [route] }, { name: 'other', routes: [route] }], { logError: () => undefined });

    // Assess
    expect(build).toThrow(RouteClaimError);
    expect(build).toThrow('console and other both claim GET /.');
  });

  it('refuses to start when two parts claim the same upgrade path', () => {
    // Prepare
    const upgrade = { path: '/graphql/realtime', handle: () => undefined };

    // Act
    const build = (): unknown => createRouter([{ name: 'realtime', upgrades: [upgrade] }, { name: 'copy', upgrades: [upgrade] }], { logError: () => undefined });

    // Assess
    expect(build).toThrow('realtime and copy both claim the upgrade path /graphql/realtime.');
  });

  it('refuses a path the router cannot match', () => {
    // Act
    const build = (): unknown => createRouter([{ name: 'odd', routes: [{ ...route, path: '/a/*/b' }] }], { logError: () => undefined });

    // Assess
    expect(build).toThrow(RouteClaimError);
  });

  it('lets two parts share a path with different methods, whatever their order', async () => {
    // Prepare
    const reader: EmulatorPart = { name: 'reader', routes: [{ method: 'GET', path: '/', handle: (_req, res) => sendJson(res, 200, { by: 'reader' }) }] };
    const writer: EmulatorPart = { name: 'writer', routes: [{ method: 'POST', path: '/', handle: (_req, res) => sendJson(res, 200, { by: 'writer' }) }] };
    const first = await serve([reader, writer]);
    const second = await serve([writer, reader]);

    // Act
    const answers = await Promise.all([first.url, second.url].flatMap((url) => [fetch(url), fetch(url, { method: 'POST' })]).map(async (answer) => (await answer).json()));

    // Assess
    expect(answers).toEqual([{ by: 'reader' }, { by: 'writer' }, { by: 'reader' }, { by: 'writer' }]);
  });
});

describe('Router: upgrades', () => {
  function echoPart(): { part: EmulatorPart; sockets: WebSocketServer } {
    const sockets = new WebSocketServer({ noServer: true });
    const part: EmulatorPart = {
      name: 'echo',
      upgrades: [
        {
          path: '/echo',
          handle: (req, socket, head) => sockets.handleUpgrade(req, socket, head, (ws) => ws.on('message', (data) => ws.send(`echo ${String(data)}`))),
        },
        { path: '/other', handle: (req, socket, head) => sockets.handleUpgrade(req, socket, head, (ws) => ws.send('other')) },
      ],
      close: () => {
        for (const client of sockets.clients) client.close(1001, 'going away');
      },
    };
    return { part, sockets };
  }

  it('hands an upgrade to the part that claimed its path', async () => {
    // Prepare
    const { part } = echoPart();
    const { url } = await serve([part]);
    const ws = new WebSocket(`${url.replace('http', 'ws')}/echo?header=abc`);
    await once(ws, 'open');

    // Act
    ws.send('hello');
    const [reply] = (await once(ws, 'message')) as [Buffer];

    // Assess
    expect(String(reply)).toBe('echo hello');
    ws.close();
  });

  it('refuses an upgrade of an unknown path with a complete 404, then hangs up', async () => {
    // Prepare
    const { part } = echoPart();
    const { url } = await serve([part]);

    // Act
    const answer = await rawUpgrade(url, '/nowhere');

    // Assess
    expect(answer).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toEqual({ errors: [{ errorType: 'NotFoundException', message: 'No upgrade endpoint at /nowhere.' }] });
  });

  it('closes the parts before ending connections, so a WebSocket ends cleanly', async () => {
    // Prepare
    const { part } = echoPart();
    const { url, server } = await serve([part]);
    const ws = new WebSocket(`${url.replace('http', 'ws')}/other`);
    await once(ws, 'message');
    const closed = once(ws, 'close');

    // Act
    await server.close();
    const [code] = (await closed) as [number];

    // Assess
    expect(code).toBe(1001);
  });
});

describe('Emulator server: close', () => {
  it('stops accepting, finishes the request in flight, then closes the parts', async () => {
    // Prepare
    const events: string[] = [];
    const entered = deferred();
    const release = deferred();
    const { url, server } = await serve([
      {
        name: 'slow',
        routes: [{
          method: 'POST',
          path: '/write',
          handle: async (_req, res) => {
            entered.resolve();
            await release.promise;
            events.push('written');
            sendJson(res, 200, { written: true });
          },
        }],
        close: () => { events.push('part closed'); },
      },
    ]);
    const inFlight = fetch(`${url}/write`, { method: 'POST', body: '{}' });
    await entered.promise;

    // Act
    let settled = false;
    const closing = server.close().then(() => { settled = true; });
    const refused = await fetch(`${url}/write`, { method: 'POST', body: '{}' }).then(() => 'answered', (error: unknown) => (error as Error).name);
    const settledBeforeRelease = settled;
    release.resolve();
    const answer = await inFlight;
    const body = await answer.json();
    await closing;

    // Assess
    expect(refused).toBe('TypeError');
    expect(settledBeforeRelease).toBe(false);
    expect(answer.status).toBe(200);
    expect(body).toEqual({ written: true });
    expect(events).toEqual(['written', 'part closed']);
  });

  it('refuses an upgrade that arrives once closing has begun with a 503', async () => {
    // Prepare: a request in flight holds the drain open; a second connection has begun an
    // upgrade request (so it is not idle) and finishes it after closing began.
    const entered = deferred();
    const release = deferred();
    let upgraded = 0;
    const { url, server } = await serve([{
      name: 'held',
      routes: [{ method: 'GET', path: '/hold', handle: async (_req, res) => { entered.resolve(); await release.promise; sendJson(res, 200, {}); } }],
      upgrades: [{ path: '/ws', handle: (_req, socket) => { upgraded += 1; socket.destroy(); } }],
    }]);
    const held = fetch(`${url}/hold`);
    await entered.promise;
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const hungUp = once(socket, 'close');

    // Act
    const closing = server.close();
    socket.write('Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
    await hungUp;
    release.resolve();
    await (await held).arrayBuffer();
    await closing;

    // Assess
    expect(Buffer.concat(chunks).toString('utf8')).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(upgraded).toBe(0);
  });

  it('listens through the listener it is given, with the emulator\'s slow-client limits', async () => {
    // Prepare
    const seen: string[] = [];
    const recording: CreateListener = (handlers) => createPlainListener({
      onRequest: (req, res) => { seen.push(`request ${req.url ?? ''}`); handlers.onRequest(req, res); },
      onUpgrade: (req, socket, head) => { seen.push(`upgrade ${req.url ?? ''}`); handlers.onUpgrade(req, socket, head); },
    });
    const { url, server } = await serve([ITEMS_PART], recording);

    // Act
    const answer = await fetch(`${url}/items`);
    await rawUpgrade(url, '/nowhere');

    // Assess
    expect(answer.status).toBe(200);
    expect(seen).toEqual(['request /items', 'upgrade /nowhere']);
    // The slow-client limits are the emulator's, whichever listener it is given.
    expect((server.server as HttpServer).headersTimeout).toBe(20_000);
    expect((server.server as HttpServer).requestTimeout).toBe(60_000);
  });
});
