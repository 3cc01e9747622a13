/**
 * Runs INSIDE the sandbox realm: no Node APIs here.
 *
 * Builds the `ctx` a handler receives from the context JSON given to `EvaluateCode` or by the
 * emulator: AppSync's context object (`arguments` with its alias `args`, `identity`, `source`,
 * `stash`, `prev`, `result`, `error`, `info`, `request`, `env`). Missing `arguments` and `stash`
 * become `{}`; other missing members stay `undefined`. The top level is frozen, as AppSync's
 * `ctx` is read-only (`ctx.stash = {}` fails; `ctx.stash.key = 1` works, and the stash is
 * returned after the run).
 */

/** The handler's `ctx`. */
export interface HandlerContext {
  readonly arguments: Record<string, unknown>;
  readonly args: Record<string, unknown>;
  readonly identity: unknown;
  readonly source: unknown;
  readonly stash: Record<string, unknown>;
  readonly prev: unknown;
  readonly result: unknown;
  readonly error: unknown;
  readonly info: unknown;
  readonly request: unknown;
  readonly env: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The `ctx` for a parsed context object.
 *
 * @example
 * ```ts
 * const ctx = makeContext({ arguments: { id: '1' } });
 * ctx.args.id; // '1'
 * ```
 */
export function makeContext(raw: unknown): HandlerContext {
  const given = isObject(raw) ? raw : {};
  const args = isObject(given['arguments']) ? given['arguments'] : isObject(given['args']) ? given['args'] : {};
  return Object.freeze({
    arguments: args,
    args,
    identity: given['identity'],
    source: given['source'],
    stash: isObject(given['stash']) ? given['stash'] : {},
    prev: given['prev'],
    result: given['result'],
    error: given['error'],
    info: given['info'],
    request: given['request'],
    env: given['env'],
  });
}
