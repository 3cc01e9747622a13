import { describe, expect, it } from 'vitest';
import { runHandler } from '../../../emulator/sandbox/handler-runner.ts';

/** A module with the AppSync imports and the given handler bodies. */
function moduleWith(request: string, response = 'return ctx.result;'): string {
  return [
    "import { util, runtime, extensions } from '@aws-appsync/utils';",
    'export function request(ctx) {',
    request,
    '}',
    'export function response(ctx) {',
    response,
    '}',
  ].join('\n');
}

const context = (value: object = {}) => JSON.stringify(value);

describe('Sandbox: handler runner', () => {
  it('returns the handler result as JSON, computed from ctx.arguments', () => {
    // Prepare
    const code = moduleWith('  return { operation: "GetItem", key: { id: ctx.arguments.id, same: ctx.args === ctx.arguments } };');

    // Act
    const outcome = runHandler(code, 'request', context({ arguments: { id: 't1' } }));

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(JSON.parse(outcome.result ?? 'null')).toEqual({ operation: 'GetItem', key: { id: 't1', same: true } });
  });

  it('runs the response handler on ctx.result and ctx.prev.result', () => {
    // Prepare
    const code = moduleWith('  return {};', '  return { item: ctx.result.item, before: ctx.prev.result };');

    // Act
    const outcome = runHandler(code, 'response', context({ result: { item: 1 }, prev: { result: 'p' } }));

    // Assess
    expect(JSON.parse(outcome.result ?? 'null')).toEqual({ item: 1, before: 'p' });
  });

  it('gives the identity, source, info and request of the context to the handler', () => {
    // Prepare
    const code = moduleWith(
      '  return [ctx.identity.resolverContext.sub, ctx.source.id, ctx.info.fieldName, ctx.request.headers.host];',
    );
    const given = {
      identity: { resolverContext: { sub: 'u1' } },
      source: { id: 's1' },
      info: { fieldName: 'ticket', parentTypeName: 'Query' },
      request: { headers: { host: 'localhost' } },
    };

    // Act
    const outcome = runHandler(code, 'request', context(given));

    // Assess
    expect(JSON.parse(outcome.result ?? 'null')).toEqual(['u1', 's1', 'ticket', 'localhost']);
  });

  it('leaves result undefined when the handler returns nothing', () => {
    // Act
    const outcome = runHandler(moduleWith('  const unused = 1;'), 'request', context());

    // Assess
    expect(outcome.result).toBeUndefined();
    expect(outcome.error).toBeUndefined();
  });

  it('turns util.error into an error with its message, type, data and errorInfo', () => {
    // Prepare
    const code = moduleWith('  util.error("Title too long", "ValidationError", { max: 200 }, { field: "title" });');

    // Act
    const outcome = runHandler(code, 'request', context());

    // Assess
    expect(outcome.result).toBeUndefined();
    expect(outcome.error).toEqual({
      message: 'Title too long',
      errorType: 'ValidationError',
      data: { max: 200 },
      errorInfo: { field: 'title' },
    });
  });

  it('turns util.unauthorized into an Unauthorized error', () => {
    // Act
    const outcome = runHandler(moduleWith('  util.unauthorized();'), 'request', context());

    // Assess
    expect(outcome.error).toMatchObject({ message: 'Unauthorized', errorType: 'Unauthorized' });
  });

  it('records util.appendError in outErrors and still returns the result', () => {
    // Prepare
    const code = moduleWith('  util.appendError("Partial", "PartialResult", { n: 1 });\n  return { ok: true };');

    // Act
    const outcome = runHandler(code, 'request', context());

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(JSON.parse(outcome.result ?? 'null')).toEqual({ ok: true });
    expect(outcome.outErrors).toEqual([{ message: 'Partial', errorType: 'PartialResult', data: { n: 1 } }]);
  });

  it('reports runtime.earlyReturn with its value and skipTo', () => {
    // Prepare
    const code = moduleWith('  runtime.earlyReturn({ id: "cached" }, { skipTo: "NEXT" });\n  return { never: true };');

    // Act
    const outcome = runHandler(code, 'request', context());

    // Assess
    expect(outcome.result).toBeUndefined();
    expect(outcome.error).toBeUndefined();
    expect(outcome.earlyReturn).toEqual({ value: '{"id":"cached"}', skipTo: 'NEXT' });
  });

  it('records extensions calls for the emulator', () => {
    // Prepare
    const code = moduleWith('  extensions.evictFromApiCache("Query", "ticket", { "context.arguments.id": "t1" });\n  return {};');

    // Act
    const outcome = runHandler(code, 'request', context());

    // Assess
    expect(outcome.extensions).toEqual([
      { name: 'evictFromApiCache', args: ['Query', 'ticket', { 'context.arguments.id': 't1' }] },
    ]);
  });

  it('writes console lines to logs in AppSync\'s format, at the line and column of each call', () => {
    // Prepare
    const code = moduleWith(
      [
        '  console.log("This request is allowed");',
        '  console.info("count", 2, { a: [1] });',
        '    console.warn(undefined, null);',
        '  console.error("bad");  console.debug(true);',
        '  return {};',
      ].join('\n'),
    );

    // Act
    const outcome = runHandler(code, 'request', context());

    // Assess
    expect(outcome.logs).toEqual([
      'INFO - code.js:3:3: "This request is allowed"',
      'INFO - code.js:4:3: "count" 2 {"a":[1]}',
      'WARN - code.js:5:5: undefined null',
      'ERROR - code.js:6:3: "bad"',
      'DEBUG - code.js:6:26: true',
    ]);
  });

  it('logs what cannot be serialized as [unserializable], but lets util.error in a toJSON stop the handler', () => {
    // Prepare
    const cyclic = moduleWith('  const o = {};\n  o.self = o;\n  console.log(o);\n  return 1;');
    const stopping = moduleWith('  console.log({ toJSON: () => util.error("stopped in toJSON") });\n  return 1;');

    // Act
    const logged = runHandler(cyclic, 'request', context());
    const stopped = runHandler(stopping, 'request', context());

    // Assess
    expect(logged.logs).toEqual(['INFO - code.js:5:3: [unserializable]']);
    expect(stopped.error?.message).toBe('stopped in toJSON');
  });

  it('returns the stash after the handler, with the stash of the context as its start', () => {
    // Prepare
    const code = moduleWith('  ctx.stash.count = ctx.stash.count + 1;\n  ctx.stash.seen = [ctx.args.id];\n  return {};');

    // Act
    const outcome = runHandler(code, 'request', context({ arguments: { id: 'a' }, stash: { count: 1 } }));

    // Assess
    expect(JSON.parse(outcome.stash)).toEqual({ count: 2, seen: ['a'] });
  });

  it('keeps ctx itself read-only, as AppSync does', () => {
    // Act
    const outcome = runHandler(moduleWith('  ctx.stash = {};\n  return {};'), 'request', context());

    // Assess
    expect(outcome.error?.errorType).toBe('TypeError');
    expect(outcome.error?.message).toMatch(/read only property 'stash'/);
  });

  it('reports a failing handler with the JavaScript error name as errorType', () => {
    // Act
    const outcome = runHandler(moduleWith('  return ctx.args.missing.id;'), 'request', context());

    // Assess
    expect(outcome.error).toEqual({
      message: "Cannot read properties of undefined (reading 'id')",
      errorType: 'TypeError',
    });
  });

  it('reports a result that cannot be serialized as an error', () => {
    // Act
    const outcome = runHandler(moduleWith('  const item = {};\n  item.self = item;\n  return item;'), 'request', context());

    // Assess
    expect(outcome.result).toBeUndefined();
    expect(outcome.error?.message).toMatch(/circular structure/);
  });

  it('reports code the static check refuses, without running it', () => {
    // Act
    const outcome = runHandler(moduleWith('  throw new Error("x");'), 'request', context());

    // Assess
    expect(outcome.error).toEqual({ message: 'The code contains one or more errors.', errorType: 'CodeError' });
    expect(outcome.codeErrors).toEqual([
      { errorType: 'LINT_ERROR', value: 'Throw statements are not supported.', location: { line: 3, column: 3, span: 21 } },
    ]);
  });

  it('gives util.authType() the configured auth type, Lambda Authorization by default', () => {
    // Prepare
    const code = moduleWith('  return util.authType();');

    // Act
    const byDefault = runHandler(code, 'request', context());
    const configured = runHandler(code, 'request', context(), { authType: 'API Key Authorization' });

    // Assess
    expect(JSON.parse(byDefault.result ?? 'null')).toBe('Lambda Authorization');
    expect(JSON.parse(configured.result ?? 'null')).toBe('API Key Authorization');
  });

  it('reads the clock it is given for util.time', () => {
    // Prepare
    const code = moduleWith('  return [util.time.nowEpochMilliSeconds(), util.time.nowISO8601()];');

    // Act
    const outcome = runHandler(code, 'request', context(), { now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });

    // Assess
    expect(JSON.parse(outcome.result ?? 'null')).toEqual([Date.UTC(2026, 0, 2, 3, 4, 5), '2026-01-02T03:04:05Z']);
  });

  it('gives JSON.parse AppSync\'s behavior: invalid JSON parses to ""', () => {
    // Act
    const outcome = runHandler(moduleWith('  return [JSON.parse("{not json"), JSON.parse("[1]")];'), 'request', context());

    // Assess
    expect(JSON.parse(outcome.result ?? 'null')).toEqual(['', [1]]);
  });

  it('draws util.autoId from the host\'s random bytes', () => {
    // Act
    const outcome = runHandler(moduleWith('  return [util.autoId(), util.autoId()];'), 'request', context());

    // Assess
    const [first, second] = JSON.parse(outcome.result ?? '[]') as string[];
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });
});
