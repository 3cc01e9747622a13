/**
 * Hosts the project's real Lambda authorizer: the built bundle `dist/authorizer/index.mjs`,
 * configured through its four environment variables (`USER_POOL_ID`, `APP_CLIENT_ID`,
 * `AUTH_TTL_SECONDS`, `JWKS_FILE`), which it reads once at module load as in Lambda.
 *
 * Each load imports a fresh module instance (a query string defeats the module cache), with the
 * environment set for exactly the duration of that import; loads are serialized so that two
 * emulators in one process never see each other's settings.
 */
import { pathToFileURL } from 'node:url';

/** The authorizer's settings, i.e. its environment. */
export interface AuthorizerEnvironment {
  readonly USER_POOL_ID: string;
  readonly APP_CLIENT_ID: string;
  readonly MACHINE_CLIENT_IDS: string;
  readonly AUTH_TTL_SECONDS: string;
  readonly JWKS_FILE: string;
}

/** A loaded authorizer handler. */
export type AuthorizerHandler = (event: unknown) => Promise<unknown>;

let loads = 0;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Imports a fresh instance of the bundle with `env` in force and returns its `handler`.
 *
 * @example
 * const handler = await loadAuthorizer('dist/authorizer/index.mjs', { USER_POOL_ID: 'us-east-1_localdev', … });
 */
export function loadAuthorizer(bundlePath: string, env: AuthorizerEnvironment): Promise<AuthorizerHandler> {
  const load = async (): Promise<AuthorizerHandler> => {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      loads += 1;
      const url = `${pathToFileURL(bundlePath).href}?v=${loads}-${Date.now()}`;
      const module = (await import(url)) as { handler?: unknown };
      if (typeof module.handler !== 'function') throw new Error(`${bundlePath} exports no handler function`);
      return module.handler as AuthorizerHandler;
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  };
  const next = queue.then(load, load);
  queue = next.catch(() => undefined);
  return next;
}

/** AppSync gives a Lambda authorizer 10 seconds. */
export const AUTHORIZER_TIMEOUT_MS = 10_000;

/**
 * Invokes a handler as AppSync does: a throw, a timeout or a non-object answer is a refusal
 * (`null` here). The returned `size` is the answer's JSON length, for the cache's 1 MiB rule.
 */
export async function invokeAuthorizer(handler: AuthorizerHandler, event: unknown, timeoutMs = AUTHORIZER_TIMEOUT_MS): Promise<{ answer: unknown; size: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    // structuredClone keeps the handler from holding on to (or changing) the emulator's objects.
    const answer = await Promise.race([Promise.resolve().then(() => handler(structuredClone(event))), timeout]);
    if (answer === null || answer === undefined) return { answer: null, size: 0 };
    const json = JSON.stringify(answer);
    return { answer: json === undefined ? null : JSON.parse(json), size: json === undefined ? 0 : Buffer.byteLength(json) };
  } catch {
    return { answer: null, size: 0 };
  } finally {
    clearTimeout(timer);
  }
}
