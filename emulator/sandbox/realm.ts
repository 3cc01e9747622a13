/**
 * The one reused JavaScript realm resolver code runs in. It keeps the sandbox's security
 * invariants (each one's reason is in `docs/sandbox.md`, "Security invariants"):
 * - a global object with no Node globals (`vm.constants.DONT_CONTEXTIFY`: an ordinary global,
 *   not a contextified host object, so `globalThis.constructor.constructor` is the realm's own
 *   `Function`), with code generation from strings and WebAssembly off;
 * - `eval`, `Function`, `Promise`, `WebAssembly` removed and every built-in frozen
 *   (`realm-harden.ts`);
 * - microtasks run right after each script, inside its timeout (`microtaskMode: 'afterEvaluate'`);
 * - the runtime modules evaluated inside the realm, so that every object resolver code can
 *   reach is of the realm; the host lends only two primitive-only functions, held in a closure.
 */
import { randomBytes } from 'node:crypto';
import vm from 'node:vm';
import { realmScript } from './realm-bundle.ts';
import type { RealmHostApi } from './realm-protocol.ts';

/** The host's side of a realm. */
export interface SandboxRealm {
  readonly context: vm.Context;
  /** The realm functions the host calls directly (never under resolver control). */
  readonly api: Pick<RealmHostApi, 'prepare' | 'reset' | 'takeLogsJson'>;
  /** `__appsync$dispatch()`, run with a timeout for every evaluation. */
  readonly dispatchScript: vm.Script;
  /** The clock `util.time.*` reads during the current run. */
  clock: () => number;
}

/** The largest `randomHex` request the host answers. */
const MAX_RANDOM_BYTES = 4_096;

/**
 * Creates and locks down a realm with the runtime loaded.
 *
 * @example
 * ```ts
 * const realm = createRealm();
 * realm.api.prepare(factory, requestJson);
 * const outcomeJson = realm.dispatchScript.runInContext(realm.context, { timeout: 1000 });
 * ```
 */
export function createRealm(): SandboxRealm {
  const context = vm.createContext(vm.constants.DONT_CONTEXTIFY, {
    name: 'APPSYNC_JS sandbox',
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: 'afterEvaluate',
  });
  const api = new vm.Script(realmScript(), { filename: 'appsync-runtime.js' }).runInContext(
    context,
  ) as RealmHostApi;
  // Take the functions now, while only our own code has run in the realm.
  const { install, harden, prepare, reset, takeLogsJson, dispatch } = api;

  const realm: SandboxRealm = {
    context,
    api: { prepare, reset, takeLogsJson },
    dispatchScript: new vm.Script('"use strict"; __appsync$dispatch()', { filename: 'appsync-dispatch.js' }),
    clock: Date.now,
  };
  // Host capabilities: take and return primitives, never throw (a host error object would
  // hand resolver code the host's Function constructor).
  install(hostRandomHex, () => {
    try {
      const now = realm.clock();
      return typeof now === 'number' ? now : Date.now();
    } catch {
      return Date.now();
    }
  });
  // A script-scope binding, not a property of the global object; resolver code may not name it.
  (context as Record<string, unknown>)['__appsync$handoff'] = dispatch;
  new vm.Script(
    '"use strict"; const __appsync$dispatch = globalThis.__appsync$handoff; delete globalThis.__appsync$handoff;',
  ).runInContext(context);
  harden();
  return realm;
}

function hostRandomHex(count: number): string {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_RANDOM_BYTES) return '';
  try {
    return randomBytes(count).toString('hex');
  } catch {
    return '';
  }
}
