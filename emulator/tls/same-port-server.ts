/**
 * One TCP port that answers `http://`, `https://`, `ws://` and `wss://`. Amplify derives its
 * real-time URL from the GraphQL one and always dials `wss://`, so the emulator must speak TLS
 * where it speaks plain HTTP. A connection's first byte tells them apart (0x16 opens a TLS
 * handshake); `@httptoolkit/httpolyglot` does the sniffing and hands both kinds to one HTTP
 * server, so handlers see the same requests and upgrades, told apart only by
 * `req.socket.encrypted`.
 */
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Server as TlsServer } from 'node:tls';
import { createServer as createPolyglotServer } from '@httptoolkit/httpolyglot';

/** What the listener serves and whom it hands requests and upgrades to. */
export interface SamePortServerOptions {
  /** PEM key and certificate, e.g. from `loadOrCreateLocalhostCertificate`. */
  readonly tls: { readonly key: string; readonly cert: string };
  readonly onRequest: (req: IncomingMessage, res: ServerResponse) => void;
  readonly onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

/**
 * A `net.Server` (listen, address, close) with the parts of `http.Server` a graceful close
 * and slow-client limits need. Requests and upgrades arrive only through the options' handlers:
 * `'request'` and `'upgrade'` listeners added to this server are never called.
 */
export interface SamePortServer extends NetServer {
  /** Milliseconds a client has to send a request's headers (as on `http.Server`). */
  headersTimeout: number;
  /** Milliseconds a client has to send a whole request (as on `http.Server`). */
  requestTimeout: number;
  /** Ends connections with no request in flight, plain or TLS, and those still silent. */
  closeIdleConnections(): void;
  /** Ends every connection, whatever it is doing. */
  closeAllConnections(): void;
}

/**
 * A client has this long to finish its TLS handshake (Node's default is two minutes, long
 * enough for a handful of idle sockets to hold the port's connections hostage).
 */
const TLS_HANDSHAKE_TIMEOUT_MS = 20_000;

/**
 * Creates (without listening) a server answering HTTP and HTTPS on one port.
 *
 * @example
 * const server = createSamePortServer({ tls: { key, cert }, onRequest: handle, onUpgrade: upgrade });
 * server.headersTimeout = 20_000;
 * server.listen(4000, '127.0.0.1');
 */
export function createSamePortServer(options: SamePortServerOptions): SamePortServer {
  return new PolyglotServer(options);
}

class PolyglotServer extends NetServer implements SamePortServer {
  readonly #http: HttpServer;
  /** Every accepted TCP connection, until it closes. */
  readonly #connections = new Set<Socket>();
  /** Connections not yet handed to the HTTP or TLS server (they have not said which they speak). */
  readonly #silent = new Map<Socket, NodeJS.Timeout>();

  constructor(options: SamePortServerOptions) {
    super();
    const tlsServer = new TlsServer({
      key: options.tls.key,
      cert: options.tls.cert,
      minVersion: 'TLSv1.2',
      // Offering only HTTP/1.1 keeps browsers off HTTP/2, which has no `upgrade` for WebSockets.
      ALPNProtocols: ['http/1.1'],
      handshakeTimeout: TLS_HANDSHAKE_TIMEOUT_MS,
    });
    const polyglot = createPolyglotServer({ tls: tlsServer }, options.onRequest);
    this.#http = innerHttpServer(polyglot);
    this.#http.on('upgrade', options.onUpgrade);
    this.#http.on('connection', (socket: Socket) => this.#spoke(socket));
    tlsServer.on('connection', (socket: Socket) => this.#spoke(socket));

    // This server, not httpolyglot's, accepts the connections: httpolyglot copies every
    // listener added to it onto its inner servers (a `close` callback would then run when the
    // inner HTTP server closes), and tracking sockets here lets a close end the silent ones.
    this.on('connection', (socket: Socket) => {
      this.#connections.add(socket);
      // A client that never sends a byte never reaches the HTTP server and its timeouts.
      // (Cleartext HTTP/2 with prior knowledge goes to httpolyglot's HTTP/2 server, unheard of
      // here, and so is ended like a silent client: the emulator speaks HTTP/1.1.)
      this.#silent.set(socket, setTimeout(() => socket.destroy(), this.headersTimeout).unref());
      socket.once('close', () => {
        this.#spoke(socket);
        this.#connections.delete(socket);
      });
      polyglot.emit('connection', socket);
    });
    // Node's HTTP server starts tracking connections (for closeIdleConnections and its header
    // and request timeouts) when it hears `listening`; httpolyglot's inner one never listens.
    this.on('listening', () => this.#http.emit('listening'));
    // Stops the inner server's timeout checks; it has no socket of its own to close.
    this.on('close', () => this.#http.close());
  }

  get headersTimeout(): number {
    return this.#http.headersTimeout;
  }

  set headersTimeout(milliseconds: number) {
    this.#http.headersTimeout = milliseconds;
  }

  get requestTimeout(): number {
    return this.#http.requestTimeout;
  }

  set requestTimeout(milliseconds: number) {
    this.#http.requestTimeout = milliseconds;
  }

  closeIdleConnections(): void {
    this.#http.closeIdleConnections();
    for (const socket of this.#silent.keys()) socket.destroy();
  }

  closeAllConnections(): void {
    this.#http.closeAllConnections();
    for (const socket of this.#connections) socket.destroy();
  }

  /** The connection said which protocol it speaks: the HTTP or TLS server's timeouts take over. */
  #spoke(socket: Socket): void {
    const timer = this.#silent.get(socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#silent.delete(socket);
  }
}

/**
 * httpolyglot 3.1 keeps its HTTP/1 server in a private field. It is reached here, with a check,
 * because graceful close and the slow-client timeouts live on it; the dependency is pinned.
 */
function innerHttpServer(polyglot: NetServer): HttpServer {
  const inner = (polyglot as unknown as { _httpServer?: unknown })._httpServer;
  if (!(inner instanceof HttpServer)) {
    throw new Error('@httptoolkit/httpolyglot no longer exposes its HTTP server; check its version.');
  }
  return inner;
}
