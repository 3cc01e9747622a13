import { describe, expect, it } from 'vitest';
import { analyzeCode } from '../../../emulator/sandbox/check-code.ts';
import { compileModule } from '../../../emulator/sandbox/compile-module.ts';
import { runHandler } from '../../../emulator/sandbox/handler-runner.ts';
import { createRealm } from '../../../emulator/sandbox/realm.ts';
import { rewriteModule } from '../../../emulator/sandbox/rewrite-module.ts';

const run = (code: string, fn: 'request' | 'response' = 'request') => runHandler(code, fn, '{}');

describe('Sandbox: module loading', () => {
  it('resolves named, renamed and namespace imports of both AppSync modules', () => {
    // Prepare
    const code = [
      "import { util as u, runtime } from '@aws-appsync/utils';",
      "import * as ddb from '@aws-appsync/utils/dynamodb';",
      'export function request(ctx) {',
      '  return [typeof u.error, typeof runtime.earlyReturn, ddb.get({ key: { id: "t1" } })];',
      '}',
    ].join('\n');

    // Act
    const outcome = run(code);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(JSON.parse(outcome.result ?? 'null')).toEqual([
      'function',
      'function',
      { operation: 'GetItem', key: { id: { S: 't1' } } },
    ]);
  });

  it('fails like ESM linking when an import names an export the module lacks', () => {
    // Prepare
    const code = "import { nothingHere } from '@aws-appsync/utils';\nexport function request(ctx) { return {}; }";

    // Act
    const outcome = run(code);

    // Assess
    expect(outcome.error).toEqual({
      message: "The requested module '@aws-appsync/utils' does not provide an export named 'nothingHere'",
      errorType: 'SyntaxError',
    });
  });

  it.each([
    ['export const', 'export const request = (ctx) => ({ via: "const" });', 'const'],
    ['export { local as request }', 'const handle = (ctx) => ({ via: "specifier" });\nexport { handle as request };', 'specifier'],
    ['export default with a named request', 'function request(ctx) { return { via: "default" }; }\nexport default {};\nexport { request };', 'default'],
  ])('finds the handler exported with %s', (_form, code, via) => {
    // Act
    const outcome = run(code);

    // Assess
    expect(JSON.parse(outcome.result ?? 'null')).toEqual({ via });
  });

  it('says so when the module does not export the handler asked for', () => {
    // Act
    const outcome = run('export function request(ctx) { return {}; }', 'response');

    // Assess
    expect(outcome.error).toEqual({ message: 'The code does not export a function named response.', errorType: 'TypeError' });
  });

  it('keeps every line number of the code, below a multi-line import', () => {
    // Prepare
    const code = [
      'import {',
      '  util,',
      "} from '@aws-appsync/utils';",
      '',
      'export function request(ctx) {',
      '  console.log(util.isNull(null));',
      '  return {};',
      '}',
    ].join('\n');

    // Act
    const outcome = run(code);

    // Assess
    expect(outcome.logs).toEqual(['INFO - code.js:6:3: true']);
  });

  it('rewrites imports and exports without moving any other text', () => {
    // Prepare
    const code = "import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n  return util;\n}\n";
    const { program } = analyzeCode(code);

    // Act
    const { script, exportNames } = rewriteModule(code, program!);

    // Assess
    const [wrapperLine, ...rest] = script.split('\n');
    expect(wrapperLine).toContain('const util = __appsync$link(__appsync$modules, "@aws-appsync/utils", "util");');
    expect(rest.slice(0, 4)).toEqual([' '.repeat(42), '       function request(ctx) {', '  return util;', '}']);
    expect(exportNames).toEqual(['request']);
  });

  it('evaluates the module body afresh for every run, so module-level state does not carry over', () => {
    // Prepare
    const code = 'const calls = [];\nexport function request(ctx) {\n  calls.push(1);\n  return calls.length;\n}';

    // Act
    const first = run(code);
    const second = run(code);

    // Assess
    expect([first.result, second.result]).toEqual(['1', '1']);
  });

  it('gives the top level of the code no arguments object, as in a module', () => {
    // Act
    const outcome = run('const given = arguments;\nexport function request(ctx) { return given.length; }');

    // Assess
    expect(outcome.error).toEqual({ message: 'arguments is not defined', errorType: 'ReferenceError' });
  });

  it('compiles each code version once and reuses it', () => {
    // Prepare
    const realm = createRealm();
    const code = 'export function request(ctx) { return 1; }';

    // Act
    const first = compileModule(realm, code);
    const again = compileModule(realm, code);
    const other = compileModule(realm, `${code}\n`);

    // Assess
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(typeof first.factory).toBe('function');
  });
});
