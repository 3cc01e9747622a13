/**
 * Test setup: the suite may only talk to this machine. Any attempt to open a socket to another
 * host fails loudly instead of silently depending on (or leaking to) the network.
 */
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::']);
const originalConnect = net.Socket.prototype.connect;

function hostOf(rawArgs: unknown[]): string | undefined {
  // net.connect() and tls.connect() pass their already-normalized arguments as one array.
  const args = Array.isArray(rawArgs[0]) ? (rawArgs[0] as unknown[]) : rawArgs;
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    // A `path` without a `port` is a local IPC socket; http(s) options carry the URL's path too.
    const options = first as { host?: string; port?: unknown; path?: string };
    if (options.port === undefined && options.path !== undefined) return 'localhost';
    return options.host ?? 'localhost';
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return 'localhost';
  return typeof second === 'string' ? second : 'localhost';
}

net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== undefined && !LOOPBACK.has(host)) {
    throw new Error(`Tests may only connect to loopback addresses; refused a connection to ${host}`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
