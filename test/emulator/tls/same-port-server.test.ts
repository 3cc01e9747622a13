/**
 * The emulator's one port answers plain HTTP, HTTPS, ws:// and wss:// with one certificate for
 * localhost, hands all of them to the same handlers, refuses clients that do not trust the
 * certificate, and survives bytes that are neither.
 */
import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { loadOrCreateLocalhostCertificate, type LocalhostCertificate } from '../../../emulator/tls/localhost-certificate.ts';
import { createSamePortServer, type SamePortServer } from '../../../emulator/tls/same-port-server.ts';

interface Answer {
  status: number;
  body: unknown;
}

/** What the test handlers saw of a request: the only field allowed to differ is `encrypted`. */
interface Seen {
  method: string | undefined;
  url: string | undefined;
  host: string | undefined;
  encrypted: boolean;
}

function seen(req: IncomingMessage): Seen {
  return { method: req.method, url: req.url, host: req.headers.host, encrypted: (req.socket as TLSSocket).encrypted === true };
}

function readAnswer(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => { text += chunk; });
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    res.on('error', reject);
  });
}

function get(scheme: 'http' | 'https', port: number, path: string, tls: RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const send = scheme === 'https' ? httpsRequest : httpRequest;
    const req = send({ host: '127.0.0.1', port, path, agent: false, ...tls }, (res) => { readAnswer(res).then(resolve, reject); });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket, sends one message, and returns the server's answer to it. */
async function echo(url: string, options: { ca?: string } = {}): Promise<unknown> {
  const socket = new WebSocket(url, options);
  try {
    await once(socket, 'open');
    socket.send('hello');
    const [data] = (await once(socket, 'message')) as [Buffer];
    return JSON.parse(data.toString('utf8')) as unknown;
  } finally {
    socket.terminate();
  }
}

/** Resolves when the socket has closed, however it ended (a reset included). */
function closed(socket: Socket): Promise<void> {
  socket.on('error', () => {});
  return socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}

describe('TLS: same port', () => {
  let certificate: LocalhostCertificate;
  let server: SamePortServer;
  let port: number;
  const requests: Seen[] = [];
  /** Answers to `/held` requests, sent when the test calls them. */
  const held: (() => void)[] = [];
  const webSockets = new WebSocketServer({ noServer: true });

  beforeAll(async () => {
    certificate = await loadOrCreateLocalhostCertificate(null);
    server = createSamePortServer({
      tls: certificate,
      onRequest(req, res) {
        requests.push(seen(req));
        res.setHeader('content-type', 'application/json');
        if (req.url === '/held') held.push(() => res.end(JSON.stringify(seen(req))));
        else res.end(JSON.stringify(seen(req)));
      },
      onUpgrade(req, socket, head) {
        const upgrade = seen(req);
        webSockets.handleUpgrade(req, socket, head, (webSocket) => {
          webSocket.on('message', (data: Buffer) => webSocket.send(JSON.stringify({ ...upgrade, message: data.toString('utf8') })));
        });
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    ({ port } = server.address() as AddressInfo);
  });

  afterAll(async () => {
    webSockets.close();
    if (server === undefined) return;
    const closing = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closing;
  });

  it('answers plain http:// as before', async () => {
    // Act
    const answer = await get('http', port, '/graphql?plain');

    // Assess
    expect(answer).toEqual({ status: 200, body: { method: 'GET', url: '/graphql?plain', host: `127.0.0.1:${port}`, encrypted: false } });
  });

  it('answers https:// on the same port to a client that trusts the certificate', async () => {
    // Act
    const answer = await get('https', port, '/graphql?tls', { ca: certificate.cert });

    // Assess
    expect(answer).toEqual({ status: 200, body: { method: 'GET', url: '/graphql?tls', host: `127.0.0.1:${port}`, encrypted: true } });
  });

  it('upgrades ws:// and wss:// on the same port', async () => {
    // Act
    const plain = await echo(`ws://127.0.0.1:${port}/graphql/realtime`);
    const encrypted = await echo(`wss://127.0.0.1:${port}/graphql/realtime`, { ca: certificate.cert });

    // Assess
    const expected = { method: 'GET', url: '/graphql/realtime', host: `127.0.0.1:${port}`, message: 'hello' };
    expect(plain).toEqual({ ...expected, encrypted: false });
    expect(encrypted).toEqual({ ...expected, encrypted: true });
  });

  it('refuses an https:// or wss:// client that does not trust the certificate', async () => {
    // Prepare
    const before = requests.length;

    // Act
    const https = get('https', port, '/graphql?untrusted');
    const wss = echo(`wss://127.0.0.1:${port}/graphql/realtime`);

    // Assess
    await expect(https).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    await expect(wss).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(requests.length).toBe(before);
  });

  it('refuses a client that trusts the certificate but asks for another host', async () => {
    // Act
    const answer = get('https', port, '/graphql?elsewhere', { ca: certificate.cert, servername: 'example.com' });

    // Assess
    await expect(answer).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('answers garbage that is neither HTTP nor TLS with 400 and keeps serving', async () => {
    // Prepare
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let reply = '';
    socket.on('data', (chunk: Buffer) => { reply += chunk.toString('latin1'); });

    // Act
    socket.end(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a]));
    await closed(socket);
    const after = await get('https', port, '/graphql?after', { ca: certificate.cert });

    // Assess
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(after.status).toBe(200);
  });

  it('ends idle keep-alive connections, plain and TLS, and silent ones on closeIdleConnections', async () => {
    // Prepare
    const plain = connect(port, '127.0.0.1');
    plain.write('GET /idle HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await once(plain, 'data');
    const encrypted = connectTls({ host: '127.0.0.1', port, ca: certificate.cert });
    encrypted.write('GET /idle HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await once(encrypted, 'data');
    const silent = connect(port, '127.0.0.1');
    await once(silent, 'connect');

    // Act
    server.closeIdleConnections();

    // Assess
    await Promise.all([closed(plain), closed(encrypted), closed(silent)]);
    expect([plain.destroyed, encrypted.destroyed, silent.destroyed]).toEqual([true, true, true]);
  });

  it('keeps a connection with a request in flight through closeIdleConnections', async () => {
    // Prepare
    const busy = connectTls({ host: '127.0.0.1', port, ca: certificate.cert });
    let reply = '';
    busy.on('data', (chunk: Buffer) => { reply += chunk.toString('utf8'); });
    busy.write('GET /held HTTP/1.1\r\nHost: localhost\r\n\r\n');
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));

    // Act
    server.closeIdleConnections();
    held.shift()?.();
    await once(busy, 'data');

    // Assess
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(reply).toContain('"encrypted":true');
    busy.destroy();
  });

  it('ends a TLS handshake under way on closeAllConnections', async () => {
    // Prepare: a TLS record header and nothing more, so the handshake never completes.
    const handshaking = connect(port, '127.0.0.1');
    await once(handshaking, 'connect');
    handshaking.write(Buffer.from([0x16, 0x03, 0x01]));

    // Act
    server.closeAllConnections();

    // Assess
    await closed(handshaking);
    expect(handshaking.destroyed).toBe(true);
  });

  it('ends a connection that stays silent past headersTimeout', async () => {
    // Prepare
    const strict = createSamePortServer({ tls: certificate, onRequest: (_req, res) => res.end(), onUpgrade: (_req, socket) => socket.destroy() });
    strict.headersTimeout = 100;
    strict.listen(0, '127.0.0.1');
    await once(strict, 'listening');
    const silent = connect((strict.address() as AddressInfo).port, '127.0.0.1');
    await once(silent, 'connect');

    // Act
    await closed(silent);
    const stopped = new Promise<void>((resolve) => strict.close(() => resolve()));

    // Assess
    await expect(stopped).resolves.toBeUndefined();
    expect(silent.destroyed).toBe(true);
  });
});
