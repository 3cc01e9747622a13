import { describe, expect, it } from 'vitest';
import { runHandler } from '../../../emulator/sandbox/handler-runner.ts';

/** Runs `body` as the request handler, with the AppSync imports in scope. */
function runRequest(body: string, options: { timeoutMs?: number } = {}) {
  const code = [
    "import { util, runtime, extensions } from '@aws-appsync/utils';",
    "import * as ddb from '@aws-appsync/utils/dynamodb';",
    'export function request(ctx) {',
    body,
    '}',
  ].join('\n');
  return runHandler(code, 'request', JSON.stringify({ arguments: {} }), options);
}

const resultOf = (outcome: ReturnType<typeof runRequest>): unknown => JSON.parse(outcome.result ?? 'null');

describe('Sandbox: escapes attempted and refused', () => {
  it('refuses globalThis.constructor.constructor("return process")(): no code generation from strings', () => {
    // Act
    const outcome = runRequest('  return globalThis.constructor.constructor("return process")();');

    // Assess
    expect(outcome.result).toBeUndefined();
    expect(outcome.error).toEqual({ message: 'Code generation from strings disallowed for this context', errorType: 'EvalError' });
  });

  it('refuses this.constructor statically, and the realm has no sloppy this to offer', () => {
    // Act
    const refused = runRequest('  return this.constructor.constructor("return process")();');
    const looseThis = runRequest('  const f = function () { return typeof globalThis.process; };\n  return f();');

    // Assess
    expect(refused.codeErrors?.map((e) => e.value)).toEqual(['This expressions are not supported.']);
    expect(resultOf(looseThis)).toBe('undefined');
  });

  it('gives no Node globals to resolver code', () => {
    // Act
    const outcome = runRequest(
      [
        '  const names = ["process", "require", "module", "Buffer", "fetch", "setTimeout", "setImmediate",',
        '    "queueMicrotask", "structuredClone", "WebAssembly", "SharedArrayBuffer", "Atomics", "WeakRef",',
        '    "FinalizationRegistry", "ev" + "al", "Func" + "tion", "Prom" + "ise"];',
        '  return names.filter((name) => globalThis[name] !== undefined);',
      ].join('\n'),
    );

    // Assess
    expect(resultOf(outcome)).toEqual([]);
  });

  it('hands out only functions of the realm from the runtime objects, whose constructor cannot compile code', () => {
    // Act
    const outcome = runRequest(
      [
        '  const realmFunction = (() => 1).constructor;',
        '  const reached = [util.autoId, util.time.nowISO8601, util.dynamodb.toMapValues, ddb.get, runtime.earlyReturn, extensions.evictFromApiCache];',
        '  const foreign = reached.filter((f) => f.constructor !== realmFunction);',
        '  return [foreign.length, util.autoId.constructor("return process")];',
      ].join('\n'),
    );

    // Assess
    expect(outcome.error).toEqual({ message: 'Code generation from strings disallowed for this context', errorType: 'EvalError' });
    const check = runRequest(
      '  const realmFunction = (() => 1).constructor;\n  return [util.autoId, util.time.nowEpochMilliSeconds, ddb.put].filter((f) => f.constructor !== realmFunction).length;',
    );
    expect(resultOf(check)).toBe(0);
  });

  it("refuses import('fs') and import.meta before anything runs", () => {
    // Act
    const dynamicImport = runRequest("  return import('fs');");
    const importMeta = runRequest('  return import.meta.url;');

    // Assess
    expect(dynamicImport.codeErrors?.map((e) => e.value)).toEqual(['Dynamic import() is not supported.']);
    expect(importMeta.codeErrors?.map((e) => e.value)).toEqual(['import.meta is not supported.']);
  });

  it('refuses Error.prepareStackTrace tricks: Error is frozen, and stacks show no host frames', () => {
    // Act
    const setHook = runRequest('  Error.prepareStackTrace = (error, frames) => frames.map((f) => f.getFunction());\n  return 1;');
    const defineHook = runRequest(
      '  Object.defineProperty(Error, "prepareStackTrace", { value: (error, frames) => frames });\n  return 1;',
    );
    const stack = runRequest('  return new Error("where").stack;');

    // Assess
    expect(setHook.error?.errorType).toBe('TypeError');
    expect(defineHook.error?.errorType).toBe('TypeError');
    const text = String(resultOf(stack));
    expect(text).toMatch(/^Error: where\n    at request \(code\.js:4:10\)/);
    expect(text).not.toMatch(/node:|file:|node_modules|\/work\//);
  });

  it('formats stack traces inside the realm, so no host formatter ever reads a resolver error', () => {
    // Act
    const outcome = runRequest(
      '  const e = new Error("x");\n  Object.defineProperty(e, "name", { get: () => Symbol("not a string") });\n  return e.stack;',
    );

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(resultOf(outcome)).toMatch(/^Error\n    at request \(code\.js:4:13\)/);
  });

  it('serializes returned values inside the realm: getters, toJSON and Proxies never run in the host', () => {
    // Act
    const outcome = runRequest(
      [
        '  const trap = new Proxy({}, { ownKeys: () => ["a"], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }), get: () => "from-proxy" });',
        '  return { get lazy() { return "getter"; }, later: { toJSON: () => "toJSON" }, trap };',
      ].join('\n'),
    );

    // Assess
    expect(typeof outcome.result).toBe('string');
    expect(resultOf(outcome)).toEqual({ lazy: 'getter', later: 'toJSON', trap: { a: 'from-proxy' } });
  });

  it('stops a getter that never returns, while serializing, with the timeout', () => {
    // Act
    const outcome = runRequest(
      [
        '  const big = Array(100000).fill(0);',
        '  return { get forever() { let n = 0; for (const a of big) for (const b of big) for (const c of big) n = n + 1; return n; } };',
      ].join('\n'),
      { timeoutMs: 200 },
    );

    // Assess
    expect(outcome.error?.errorType).toBe('TimeoutError');
  });

  it.each([
    ['replace Array.prototype.map', '  Array.prototype.map = () => "patched";'],
    ['add to Object.prototype', '  Object.prototype.polluted = true;'],
    ['replace JSON.stringify', '  JSON.stringify = () => "patched";'],
    ['add a global', '  globalThis.leak = 1;'],
    ['redefine String.prototype.trim', '  Object.defineProperty(String.prototype, "trim", { value: () => "patched" });'],
    ['swap the prototype of Array.prototype', '  Object.setPrototypeOf(Array.prototype, { poisoned: true });'],
    ['patch the runtime', '  util.time.nowISO8601 = () => "patched";'],
    ['patch a runtime module namespace', '  ddb.get = () => "patched";'],
    ['replace console.log', '  console.log = () => 1;'],
  ])('refuses to %s, so that the next evaluation sees the built-ins unchanged', (_attempt, body) => {
    // Act
    const attempt = runRequest(`${body}\n  return "changed";`);
    const next = runRequest(
      '  return [[1].map((x) => x), ({}).polluted, JSON.stringify(1), globalThis.leak, " a ".trim(), [].poisoned, typeof util.time.nowISO8601(), typeof ddb.get({ key: { id: "1" } })];',
    );

    // Assess
    expect(attempt.error?.errorType).toBe('TypeError');
    expect(attempt.result).toBeUndefined();
    expect(resultOf(next)).toEqual([[1], null, '1', null, 'a', null, 'string', 'object']);
  });

  it('lets ordinary code shadow prototype members on its own objects although prototypes are frozen', () => {
    // Act
    const outcome = runRequest(
      '  const e = new Error("x");\n  e.name = "Custom";\n  const o = {};\n  o.toString = () => "mine";\n  return [e.name, String(o), Object.keys(o)];',
    );

    // Assess
    expect(resultOf(outcome)).toEqual(['Custom', 'mine', ['toString']]);
  });

  it("cannot reach the sandbox's dispatcher or host capabilities", () => {
    // Act
    const byName = runRequest('  return __appsync$dispatch();');
    const byProperty = runRequest(
      '  return ["__appsync$dispatch", "__appsync$handoff", "__appsync$realmEntry"].map((n) => typeof globalThis[n]);',
    );

    // Assess
    expect(byName.codeErrors?.[0]?.value).toMatch(/reserved by the emulator/);
    expect(resultOf(byProperty)).toEqual(['undefined', 'undefined', 'undefined']);
  });

  it('refuses the caller and arguments of runtime functions (all strict)', () => {
    // Act
    const outcome = runRequest('  return [1].map(() => util.error.caller);');

    // Assess
    expect(outcome.error?.errorType).toBe('TypeError');
  });

  it('refuses built-in calls that would allocate without bound, and the host stays alive', () => {
    // Act
    const fill = runRequest('  return Array(1e9).fill(0).length;');
    const repeat = runRequest('  return "ab".repeat(1e9).length;');
    const pad = runRequest('  return "".padStart(2e9, "x").length;');
    const flat = runRequest('  return Array(5e8).flat().length;');
    const from = runRequest('  return Array.from({ length: 1e9 }).length;');
    const join = runRequest('  return new Array(5e8).join("x").length;');
    const after = runRequest('  return 1;');

    // Assess
    expect(fill.error).toEqual({
      message: 'Array.prototype.fill with length 1000000000 exceeds the sandbox limit of 1000000',
      errorType: 'RangeError',
    });
    for (const refused of [repeat, pad, flat, from, join]) expect(refused.error?.errorType).toBe('RangeError');
    expect(after.result).toBe('1');
  });

  it('offers no binary buffers, which allocate gigabytes in one uninterruptible call', () => {
    // Act
    const outcomes = ['Uint8Array', 'ArrayBuffer', 'DataView', 'Float64Array', 'SharedArrayBuffer'].map((name) =>
      runRequest(`  return typeof ${name};`),
    );

    // Assess
    expect(outcomes.map((outcome) => outcome.result)).toEqual(Array(5).fill('"undefined"'));
  });
});

describe('Sandbox: timeout and isolation', () => {
  it('stops a catastrophically backtracking regular expression with the timeout', () => {
    // Act
    const outcome = runRequest('  return new RegExp("(a+)+$").test("a".repeat(40) + "b");', { timeoutMs: 200 });

    // Assess
    expect(outcome.error?.errorType).toBe('TimeoutError');
  });

  it('reports unbounded recursion the static check cannot see (through a method) as a RangeError', () => {
    // Act
    const outcome = runRequest('  const o = { m(n) { return o.m(n); } };\n  return o.m(1);');

    // Assess
    expect(outcome.error).toEqual({ message: 'Maximum call stack size exceeded', errorType: 'RangeError' });
  });
  it('stops a runaway loop with a clear error, keeps its logs, and the next evaluation runs', () => {
    // Act
    const started = Date.now();
    const runaway = runRequest(
      [
        '  console.log("starting");',
        '  const big = Array(100000).fill(0);',
        '  let n = 0;',
        '  for (const a of big) for (const b of big) for (const c of big) n = n + 1;',
        '  return n;',
      ].join('\n'),
      { timeoutMs: 200 },
    );
    const elapsed = Date.now() - started;
    const next = runRequest('  console.log("next");\n  return "alive";');

    // Assess
    expect(runaway.error).toEqual({
      message: 'Execution timed out: the handler ran longer than 200 ms and was stopped.',
      errorType: 'TimeoutError',
    });
    expect(runaway.logs).toEqual(['INFO - code.js:4:3: "starting"']);
    expect(elapsed).toBeLessThan(2_000);
    expect(resultOf(next)).toBe('alive');
    expect(next.logs).toEqual(['INFO - code.js:4:3: "next"']);
  });

  it('keeps evaluations apart: stash, outErrors and logs belong to one run', () => {
    // Prepare
    const code = [
      "import { util } from '@aws-appsync/utils';",
      'export function request(ctx) {',
      '  ctx.stash[ctx.args.name] = true;',
      '  util.appendError(ctx.args.name);',
      '  console.log(ctx.args.name);',
      '  return Object.keys(ctx.stash);',
      '}',
    ].join('\n');

    // Act
    const first = runHandler(code, 'request', JSON.stringify({ arguments: { name: 'first' } }));
    const second = runHandler(code, 'request', JSON.stringify({ arguments: { name: 'second' } }));

    // Assess
    expect(resultOf(second)).toEqual(['second']);
    expect(JSON.parse(second.stash)).toEqual({ second: true });
    expect(second.outErrors).toEqual([{ message: 'second' }]);
    expect(second.logs).toEqual(['INFO - code.js:5:3: "second"']);
    expect(first.outErrors).toEqual([{ message: 'first' }]);
  });
});
