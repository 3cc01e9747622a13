// The loopback-only guard, in plain JavaScript so that every Node process the tests start can
// load it with `--import` (see loopback-only.ts, which puts it in NODE_OPTIONS).
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::']);
const originalConnect = net.Socket.prototype.connect;

/** The host a `Socket#connect` call targets, in any of its argument forms. */
function hostOf(rawArgs) {
  // net.connect() and tls.connect() pass their already-normalized arguments as one array.
  const args = Array.isArray(rawArgs[0]) ? rawArgs[0] : rawArgs;
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    // A `path` without a `port` is a local IPC socket; http(s) options carry the URL's path too.
    if (first.port === undefined && first.path !== undefined) return 'localhost';
    return first.host ?? 'localhost';
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return 'localhost';
  return typeof second === 'string' ? second : 'localhost';
}

net.Socket.prototype.connect = function connect(...args) {
  const host = hostOf(args);
  if (!LOOPBACK.has(host)) {
    throw new Error(`Tests may only connect to loopback addresses; refused a connection to ${host}`);
  }
  return originalConnect.apply(this, args);
};
