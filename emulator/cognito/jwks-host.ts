/**
 * The pool serves its own keys at Cognito's JWKS URL. The real authorizer bundle, loaded in this
 * process, fetches `https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/jwks.json`
 * with `https.request` when it meets an unknown `kid`. This module intercepts `https.request`
 * for exactly those URLs (host and path; anything else goes to the real function untouched) and
 * answers in process from the pool's JWKS, at once unless the source says otherwise (the fault
 * switchboard of `emulator/faults/` plugs in a delay or an error status). No socket is opened, so
 * offline runs and loopback-only tests work.
 *
 * Several emulators in one process each register their URL (for the same URL, the newest
 * answers); the original `https.request` is put back when the last one is removed.
 */
import https from 'node:https';
import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { Readable, Writable } from 'node:stream';
/** How one fetch is answered. */
export interface JwksFetchAnswer {
  /** Milliseconds before the answer starts; 0 answers at once. */
  readonly delayMs: number;
  /** An HTTP status to answer instead of the JWKS (e.g. 500, 503), or `null` to serve it. */
  readonly status: number | null;
}

/** What a registered URL answers with. */
export interface InProcessJwksSource {
  /** The JWKS document, read at the time of each fetch. */
  readonly jwks: () => unknown;
  /** How to answer the next fetch; default: at once, with the JWKS. */
  readonly answer?: () => JwksFetchAnswer;
  /** Called for every fetch answered (or refused). */
  readonly onFetch?: () => void;
}

/** A registration; `remove()` is idempotent. */
export interface JwksHostRegistration {
  readonly url: string;
  remove(): void;
}

type RequestFunction = typeof https.request;

/**
 * Process-wide state, kept on a global symbol: test runners may load this module more than once
 * in one process, and every instance must share one interception.
 */
interface HostState {
  /** Per URL, the sources registered for it; the last one answers. */
  readonly sources: Map<string, InProcessJwksSource[]>;
  original: RequestFunction | null;
  intercepted: RequestFunction | null;
}
// The key predates the module's move from faults/ to cognito/; kept so every copy agrees.
const STATE_KEY = Symbol.for('helpdesk-emulator.faults.jwks-host');
const state: HostState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] as HostState | undefined) ??
  ((globalThis as Record<symbol, unknown>)[STATE_KEY] = { sources: new Map(), original: null, intercepted: null } as HostState) as HostState;

/** `https://host/path` of a request's arguments, without port, query or fragment; `null` if unknown. */
function targetOf(args: unknown[]): string | null {
  const [first] = args;
  try {
    if (typeof first === 'string' || first instanceof URL) {
      const url = new URL(first);
      return url.protocol === 'https:' && (url.port === '' || url.port === '443') ? `https://${url.hostname}${url.pathname}` : null;
    }
    if (first !== null && typeof first === 'object') {
      const options = first as { hostname?: string; host?: string; path?: string; port?: unknown; protocol?: string };
      const host = options.hostname ?? options.host;
      if (host === undefined || (options.port !== undefined && String(options.port) !== '443')) return null;
      return `https://${host}${(options.path ?? '/').split('?')[0]}`;
    }
  } catch {
    return null;
  }
  return null;
}

const PROMPTLY: JwksFetchAnswer = Object.freeze({ delayMs: 0, status: null });

/** A stand-in for `ClientRequest` that answers from `source` once the request is ended. */
function answerInProcess(source: InProcessJwksSource, callback: ((response: Readable) => void) | undefined): ClientRequest {
  let timer: NodeJS.Timeout | undefined;
  const request = new Writable({
    // Ended is not done: the answer is still to come, and only an explicit destroy() cancels it.
    autoDestroy: false,
    write(_chunk, _encoding, done) {
      done();
    },
    final(done) {
      done();
      const { delayMs, status } = source.answer?.() ?? PROMPTLY;
      const respond = (): void => {
        if (request.destroyed) return;
        source.onFetch?.();
        const statusCode = status ?? 200;
        const body = status === null ? JSON.stringify(source.jwks()) : `{"message":"JWKS answered with status ${statusCode}"}`;
        const response = Readable.from([Buffer.from(body)], { objectMode: false });
        const headers: IncomingHttpHeaders = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
        Object.assign(response, { statusCode, statusMessage: statusCode === 200 ? 'OK' : 'Error', headers, httpVersion: '1.1' });
        request.emit('response', response);
      };
      if (delayMs > 0) {
        timer = setTimeout(respond, delayMs);
        timer.unref();
      } else {
        setImmediate(respond);
      }
    },
    destroy(error, done) {
      clearTimeout(timer);
      done(error);
    },
  });
  if (callback !== undefined) request.once('response', callback);
  // The parts of ClientRequest's surface HTTP clients touch besides the stream methods.
  Object.assign(request, {
    socket: null,
    setTimeout: () => request,
    setNoDelay: () => undefined,
    setSocketKeepAlive: () => undefined,
    setHeader: () => request,
    getHeader: () => undefined,
    removeHeader: () => undefined,
    abort: () => request.destroy(),
  });
  return request as unknown as ClientRequest;
}

const intercepted = function request(this: unknown, ...args: unknown[]): ClientRequest {
  const target = targetOf(args);
  const source = target === null ? undefined : state.sources.get(target)?.at(-1);
  const real = state.original as RequestFunction;
  if (source === undefined) return (real as (...a: unknown[]) => ClientRequest).apply(this, args);
  const callback = args.find((arg): arg is (response: Readable) => void => typeof arg === 'function');
  return answerInProcess(source, callback);
} as RequestFunction;

function install(): void {
  if (state.original !== null) return;
  state.original = https.request;
  state.intercepted = intercepted;
  https.request = intercepted;
  // ESM importers (`import { request } from "https"`, as in the authorizer bundle) see the change.
  syncBuiltinESMExports();
}

function uninstall(): void {
  if (state.original === null || state.sources.size > 0) return;
  if (https.request === state.intercepted) https.request = state.original;
  state.original = null;
  state.intercepted = null;
  syncBuiltinESMExports();
}

/**
 * Answers fetches of `url` (an `https:` JWKS URL) in process from `source` until `remove()`.
 *
 * @example
 * const host = interceptJwksFetches(`${pool.issuer}/.well-known/jwks.json`, { jwks: () => pool.jwks() });
 * // ... the authorizer fetches and gets pool.jwks()
 * host.remove();
 */
export function interceptJwksFetches(url: string, source: InProcessJwksSource): JwksHostRegistration {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new Error(`Only https: JWKS URLs are intercepted, got ${url}`);
  const key = `https://${parsed.hostname}${parsed.pathname}`;
  // Two emulators of the same pool id in one process (a restart test, say): the newest answers.
  state.sources.set(key, [...(state.sources.get(key) ?? []), source]);
  install();
  let removed = false;
  return {
    url: key,
    remove() {
      if (removed) return;
      removed = true;
      const remaining = (state.sources.get(key) ?? []).filter((entry) => entry !== source);
      if (remaining.length > 0) state.sources.set(key, remaining);
      else state.sources.delete(key);
      uninstall();
    },
  };
}
