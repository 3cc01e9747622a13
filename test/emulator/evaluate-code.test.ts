import { describe, expect, it } from 'vitest';
import { BadRequestException, evaluateCode, type EvaluateCodeInput } from '../../emulator/evaluate-code.ts';
import { evaluateCode as exported } from '../../emulator/index.ts';

const runtime = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;

function input(code: string, context: object = {}, fn: 'request' | 'response' = 'request'): EvaluateCodeInput {
  return { runtime, code, context: JSON.stringify(context), function: fn };
}

/** The example of AppSync's "Testing and debugging resolvers (JavaScript)" page, as published. */
const DOCUMENTED_EXAMPLE = `import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ id: util.autoId() }),
    attributeValues: util.dynamodb.toMapValues(ctx.args),
  };
}

export function response(ctx) {
  if (ctx.identity.username === 'Nadia') {
    console.log("This request is allowed")
    return ctx.result;
  }
  util.unauthorized();
}
`;

const DOCUMENTED_CONTEXT = {
  arguments: { firstname: 'Shaggy', age: 4 },
  source: {},
  result: { breed: 'Miniature Schnauzer', color: 'black_grey' },
  identity: { sub: 'uuid', username: 'Nadia', claims: {}, sourceIp: ['x.x.x.x'], defaultAuthStrategy: 'ALLOW' },
};

describe('evaluateCode', () => {
  it("answers AppSync's documented example as the documentation shows", async () => {
    // Act
    const output = await evaluateCode(input(DOCUMENTED_EXAMPLE, DOCUMENTED_CONTEXT, 'response'));

    // Assess
    expect(output.evaluationResult).toBe('{"breed":"Miniature Schnauzer","color":"black_grey"}');
    expect(output.logs).toEqual(['INFO - code.js:13:5: "This request is allowed"']);
    expect(output.error).toBeUndefined();
  });

  it('evaluates the request handler of the documented example into a PutItem request', async () => {
    // Act
    const output = await evaluateCode(input(DOCUMENTED_EXAMPLE, DOCUMENTED_CONTEXT, 'request'));

    // Assess
    const request = JSON.parse(output.evaluationResult ?? 'null') as { key: { id: { S: string } }; attributeValues: unknown };
    expect(request).toMatchObject({ operation: 'PutItem', attributeValues: { firstname: { S: 'Shaggy' }, age: { N: 4 } } });
    expect(request.key.id.S).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is what emulator/index.ts exports', () => {
    // Assess
    expect(exported).toBe(evaluateCode);
  });

  it('turns util.error("foo") into error.message "foo", with no evaluationResult', async () => {
    // Prepare
    const code = "import { util } from '@aws-appsync/utils';\nexport function request(ctx) { util.error('foo', 'ValidationError'); }";

    // Act
    const output = await evaluateCode(input(code));

    // Assess
    expect(output.error).toEqual({ message: 'foo' });
    expect(output.evaluationResult).toBeUndefined();
  });

  it('returns util.appendError records in outErrors, as a JSON string', async () => {
    // Prepare
    const code = "import { util } from '@aws-appsync/utils';\nexport function request(ctx) { util.appendError('late', 'Warning'); return 1; }";

    // Act
    const output = await evaluateCode(input(code));

    // Assess
    expect(output.evaluationResult).toBe('1');
    expect(JSON.parse(output.outErrors ?? 'null')).toEqual([{ message: 'late', errorType: 'Warning' }]);
  });

  it('makes the value of runtime.earlyReturn the evaluation result', async () => {
    // Prepare
    const code = "import { runtime } from '@aws-appsync/utils';\nexport function request(ctx) { runtime.earlyReturn({ cached: true }); return { cached: false }; }";

    // Act
    const output = await evaluateCode(input(code));

    // Assess
    expect(output.evaluationResult).toBe('{"cached":true}');
    expect(output.error).toBeUndefined();
  });

  it('returns console lines in logs and the stash after the handler, as JSON', async () => {
    // Prepare
    const code = 'export function request(ctx) {\n  console.log("stashing", ctx.args.id);\n  ctx.stash.id = ctx.args.id;\n  return {};\n}';

    // Act
    const output = await evaluateCode(input(code, { arguments: { id: 't1' }, stash: { before: 1 } }));

    // Assess
    expect(output.logs).toEqual(['INFO - code.js:2:3: "stashing" "t1"']);
    expect(JSON.parse(output.stash ?? 'null')).toEqual({ before: 1, id: 't1' });
  });

  it('reports each rejected construct in codeErrors with its location, without running the code', async () => {
    // Prepare
    const code = 'export function request(ctx) {\n  console.log("never");\n  try { ctx.a(); } catch (e) { }\n  const r = /x/;\n  return {};\n}';

    // Act
    const output = await evaluateCode(input(code, { stash: { kept: true } }));

    // Assess
    expect(output.error).toEqual({
      message: 'The code contains one or more errors.',
      codeErrors: [
        { errorType: 'LINT_ERROR', value: 'Try statements are not supported.', location: { line: 3, column: 3, span: 30 } },
        { errorType: 'LINT_ERROR', value: 'Regex literals are not supported.', location: { line: 4, column: 13, span: 3 } },
      ],
    });
    expect(output.evaluationResult).toBeUndefined();
    expect(output.logs).toEqual([]);
    expect(output.stash).toBe('{"kept":true}');
  });

  it('reports a runtime failure as error.message', async () => {
    // Act
    const output = await evaluateCode(input('export function request(ctx) { return ctx.args.input.title; }'));

    // Assess
    expect(output.error).toEqual({ message: "Cannot read properties of undefined (reading 'title')" });
  });

  it('stops a runaway handler and says why', async () => {
    // Prepare
    const code = [
      'export function request(ctx) {',
      '  const big = Array(100000).fill(0);',
      '  let n = 0;',
      '  for (const a of big) for (const b of big) n = n + 1;',
      '  return n;',
      '}',
    ].join('\n');

    // Act
    const output = await evaluateCode(input(code), { timeoutMs: 100 });

    // Assess
    expect(output.error?.message).toBe('Execution timed out: the handler ran longer than 100 ms and was stopped.');
  });

  it('evaluates the request handler when no function is named', async () => {
    // Act
    const output = await evaluateCode({ runtime, code: 'export function request(ctx) { return "req"; }', context: '{}' });

    // Assess
    expect(output.evaluationResult).toBe('"req"');
  });

  it('gives JSON null as the result of a handler that returns nothing', async () => {
    // Act
    const output = await evaluateCode(input('export function request(ctx) { }'));

    // Assess
    expect(output.evaluationResult).toBe('null');
  });

  it("evaluates a subscription resolver's response that sets a filter from util.transform.toSubscriptionFilter", async () => {
    // Prepare
    const code = [
      "import { util, extensions } from '@aws-appsync/utils';",
      'export function request(ctx) { return { payload: null }; }',
      'export function response(ctx) {',
      '  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ group: { eq: ctx.args.group }, severity: { ge: 3 } }));',
      '  return null;',
      '}',
    ].join('\n');

    // Act
    const output = await evaluateCode(input(code, { arguments: { group: 'ops' } }, 'response'));

    // Assess
    expect(output.error).toBeUndefined();
    expect(output.evaluationResult).toBe('null');
  });

  it('fails a subscription resolver whose filter breaks a limit, naming the breach', async () => {
    // Prepare
    const code = [
      "import { util, extensions } from '@aws-appsync/utils';",
      'export function request(ctx) { return { payload: null }; }',
      'export function response(ctx) {',
      "  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ group: { in: ['a', 'b', 'c', 'd', 'e', 'f'] } }));",
      '  return null;',
      '}',
    ].join('\n');

    // Act
    const output = await evaluateCode(input(code, {}, 'response'));

    // Assess
    expect(output.evaluationResult).toBeUndefined();
    expect(output.error).toEqual({ message: 'extensions.setSubscriptionFilter: filterGroup[0].filters[0]: in takes 1 to 5 values, got 6' });
  });

  it.each([
    ['code over 32 768 characters', { runtime, code: `export function request(ctx) { return 1; }\n${' '.repeat(32_768)}`, context: '{}' }, /Member must have length between 1 and 32768/],
    ['empty code', { runtime, code: '', context: '{}' }, /'code' failed to satisfy constraint/],
    ['another runtime', { runtime: { name: 'VTL', runtimeVersion: '1.0.0' }, code: 'x', context: '{}' }, /APPSYNC_JS/],
    ['another runtime version', { runtime: { name: 'APPSYNC_JS', runtimeVersion: '2.0.0' }, code: 'x', context: '{}' }, /1\.0\.0/],
    ['a context that is not JSON', { runtime, code: 'x', context: '{nope' }, /not valid JSON/],
    ['a context over 28 000 characters', { runtime, code: 'x', context: JSON.stringify({ a: 'x'.repeat(28_000) }) }, /'context' failed to satisfy constraint/],
    ['a function other than request or response', { runtime, code: 'x', context: '{}', function: 'handler' }, /'request' or 'response'/],
  ])('refuses %s as a BadRequestException, as AWS refuses the request', async (_case, request, message) => {
    // Act
    const evaluation = evaluateCode(request as EvaluateCodeInput);

    // Assess
    await expect(evaluation).rejects.toBeInstanceOf(BadRequestException);
    await expect(evaluation).rejects.toThrow(message);
  });
});
