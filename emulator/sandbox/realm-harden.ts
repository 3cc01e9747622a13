/**
 * Runs INSIDE the sandbox realm (bundled into it by `realm-bundle.ts`): no Node APIs here.
 *
 * Locks the realm down once its own code is loaded: removes what APPSYNC_JS lacks and what
 * could outlive or escape the timeout, keeps assignments like `error.name = …` working on
 * frozen prototypes, guards the built-ins that allocate without bound, gives `JSON.parse`
 * AppSync's observed behavior, then freezes every object reachable from the global object so
 * that no evaluation can change what the next one sees.
 */

/**
 * Globals removed from the realm: code generation (`eval`, `Function`), asynchrony that could
 * run after the timeout (`Promise`, `Atomics`, `FinalizationRegistry`, `WeakRef`),
 * `WebAssembly`, shared memory, binary buffers (resolvers work on JSON; `new Uint8Array(2e9)`
 * allocates gigabytes in one call the timeout cannot interrupt), and V8's own `console`
 * (replaced by the one that records logs).
 */
const REMOVED_GLOBALS = [
  'eval',
  'Function',
  'Promise',
  'WebAssembly',
  'SharedArrayBuffer',
  'Atomics',
  'FinalizationRegistry',
  'WeakRef',
  'ArrayBuffer',
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'console',
] as const;

/**
 * Properties that ordinary code assigns on its own objects although a prototype defines them
 * (`error.name = 'X'`, `obj.toString = …`). On a frozen prototype that assignment would fail
 * (the "override mistake"), so they become accessors that define an own property instead.
 */
const OVERRIDABLE: ReadonlyArray<readonly [object, readonly string[]]> = [
  [Object.prototype, ['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']],
  [Array.prototype, ['constructor', 'toString']],
  [Error.prototype, ['constructor', 'name', 'message', 'toString']],
  ...[EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError].map(
    (E) => [E.prototype, ['constructor', 'name', 'message']] as const,
  ),
];

/**
 * The longest array `Array.from`, `fill`, `flat`, `flatMap` and `join` may work on, and the longest
 * string `repeat`, `padStart` and `padEnd` may make. Far above what a resolver handles (AppSync
 * caps a response at 5 MB), far below what takes the host seconds to build.
 */
export const MAX_ARRAY_LENGTH = 1_000_000;
export const MAX_STRING_LENGTH = 10_000_000;

/** Frames kept in a stack trace: enough for `console` to find its caller, too few to show host frames. */
const STACK_TRACE_LIMIT = 2;

const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, freeze, isFrozen } = Object;
const ownKeys = Reflect.ownKeys;
const apply = Reflect.apply;
const RealmSyntaxError = SyntaxError;
const RealmRangeError = RangeError;
const errorToString = Error.prototype.toString;

/**
 * Locks the realm down (see the file comment). `extraGlobals` are added before freezing.
 *
 * @example
 * ```ts
 * hardenRealm(globalThis, { console: createConsole(state, isHandlerStop) });
 * ```
 */
export function hardenRealm(global: typeof globalThis, extraGlobals: Record<string, unknown>): void {
  const mutableGlobal = global as unknown as Record<string, unknown>;
  for (const name of REMOVED_GLOBALS) delete mutableGlobal[name];
  for (const [name, value] of Object.entries(extraGlobals)) {
    defineProperty(global, name, { value, writable: false, enumerable: false, configurable: false });
  }
  Error.stackTraceLimit = STACK_TRACE_LIMIT;
  defineProperty(Error, 'prepareStackTrace', { value: formatStackTrace, writable: false, enumerable: false, configurable: false });
  giveJsonParseAppSyncBehavior();
  guardAllocatingBuiltIns();
  for (const [prototype, keys] of OVERRIDABLE) for (const key of keys) makeOverridable(prototype, key);
  deepFreeze(global);
}

/**
 * Freezes `root` and everything reachable from it through properties, accessors and
 * prototypes. Objects already frozen are not walked again.
 *
 * @example
 * ```ts
 * deepFreeze(createAppSyncModules(host, session));
 * ```
 */
export function deepFreeze(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || isFrozen(value)) continue;
    freeze(value);
    stack.push(getPrototypeOf(value));
    for (const key of ownKeys(value)) {
      const descriptor = getOwnPropertyDescriptor(value, key);
      if (!descriptor) continue;
      if ('value' in descriptor) stack.push(descriptor.value);
      else stack.push(descriptor.get, descriptor.set);
    }
  }
}

/**
 * Formats stack traces inside the realm. Without it, Node formats a realm error's `stack`
 * with host code (its own formatter, or whatever `Error.prepareStackTrace` the host installed),
 * which reads the error's `name` and `message` and can throw host errors into the realm.
 */
function formatStackTrace(error: unknown, frames: readonly unknown[]): string {
  let text: string;
  try {
    text = String(apply(errorToString, error, []));
  } catch {
    text = 'Error';
  }
  for (const frame of frames) {
    try {
      text += `\n    at ${String(frame)}`;
    } catch {
      // A frame that cannot be shown is left out.
    }
  }
  return text;
}

/** AppSync's `JSON.parse` returns `""` for text that is not JSON instead of throwing. */
function giveJsonParseAppSyncBehavior(): void {
  const parse = JSON.parse;
  defineProperty(JSON, 'parse', {
    value: function parseJson(text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown): unknown {
      try {
        return apply(parse, JSON, [text, reviver]);
      } catch (error) {
        if (error instanceof RealmSyntaxError) return '';
        throw error;
      }
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

/**
 * The timeout stops JavaScript promptly, but a built-in busy with one huge call notices it
 * late or never: `Array(5e8).flat()` ran 23 s past a 300 ms timeout, and `Array(1e9).fill(0)`
 * aborts the whole process. These calls refuse such sizes instead.
 */
function guardAllocatingBuiltIns(): void {
  const tooLong = (what: string, length: number, limit: number) =>
    new RealmRangeError(`${what} with length ${length} exceeds the sandbox limit of ${limit}`);
  for (const name of ['fill', 'flat', 'flatMap', 'join'] as const) {
    const original = Array.prototype[name] as (...args: unknown[]) => unknown;
    replaceMethod(Array.prototype, name, function guarded(this: unknown[], ...args: unknown[]) {
      if (this.length > MAX_ARRAY_LENGTH) throw tooLong(`Array.prototype.${name}`, this.length, MAX_ARRAY_LENGTH);
      return apply(original, this, args);
    });
  }
  const from = Array.from as (...args: unknown[]) => unknown[];
  replaceMethod(Array, 'from', function guarded(this: unknown, ...args: unknown[]) {
    const source = args[0] as { length?: unknown } | null | undefined;
    const length = source === null || source === undefined ? 0 : Number(source.length);
    if (length > MAX_ARRAY_LENGTH) throw tooLong('Array.from', length, MAX_ARRAY_LENGTH);
    return apply(from, this, args);
  });
  for (const name of ['repeat', 'padStart', 'padEnd'] as const) {
    const original = String.prototype[name] as (...args: unknown[]) => string;
    replaceMethod(String.prototype, name, function guarded(this: string, ...args: unknown[]) {
      const requested = name === 'repeat' ? String(this).length * Number(args[0]) : Number(args[0]);
      if (requested > MAX_STRING_LENGTH) throw tooLong(`String.prototype.${name}`, requested, MAX_STRING_LENGTH);
      return apply(original, this, args);
    });
  }
}

function replaceMethod(target: object, key: string, replacement: (...args: never[]) => unknown): void {
  const descriptor = getOwnPropertyDescriptor(target, key);
  defineProperty(replacement, 'name', { value: key });
  defineProperty(target, key, { ...descriptor, value: replacement });
}

/** Turns a data property of a prototype into an accessor that shadows on assignment. */
function makeOverridable(prototype: object, key: string): void {
  const descriptor = getOwnPropertyDescriptor(prototype, key);
  if (!descriptor || !('value' in descriptor)) return;
  const value: unknown = descriptor.value;
  defineProperty(prototype, key, {
    get: function getter() {
      return value;
    },
    set: function setter(this: object, replacement: unknown) {
      if (this === prototype) throw new TypeError(`Cannot assign to read only property '${key}' of a frozen prototype`);
      if (Object.prototype.hasOwnProperty.call(this, key)) {
        (this as Record<string, unknown>)[key] = replacement;
      } else {
        defineProperty(this, key, { value: replacement, writable: true, enumerable: true, configurable: true });
      }
    },
    enumerable: descriptor.enumerable ?? false,
    configurable: false,
  });
}
