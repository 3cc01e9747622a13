import { describe, expect, it } from 'vitest';
import { ALLOWED_MODULES, checkCode } from '../../../emulator/sandbox/check-code.ts';
import { MAX_CODE_LENGTH } from '../../../infra/api-limits.ts';

/** The 1-based line and column of the first `at` in `code`. */
function locate(code: string, at: string): { line: number; column: number } {
  const index = code.indexOf(at);
  if (index < 0) throw new Error(`fixture error: ${JSON.stringify(at)} is not in the code`);
  const before = code.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

/** A request handler whose second line is `line`. */
const inRequest = (line: string) => `export function request(ctx) {\n${line}\n  return {};\n}\n`;

interface Rejected {
  construct: string;
  code: string;
  /** Where the error must be: the first occurrence of this text. */
  at: string;
  value: string;
}

const REJECTED: Rejected[] = [
  { construct: 'a throw statement', code: inRequest('  throw ctx;'), at: 'throw', value: 'Throw statements are not supported.' },
  { construct: 'try/catch', code: inRequest('  try { ctx.a(); } catch (e) { }'), at: 'try', value: 'Try statements are not supported.' },
  { construct: 'try/finally', code: inRequest('  try { ctx.a(); } finally { }'), at: 'try', value: 'Try statements are not supported.' },
  { construct: 'a class declaration', code: inRequest('  class Ticket {}'), at: 'class', value: 'Class declarations are not supported.' },
  { construct: 'a class expression', code: inRequest('  const Ticket = class {};'), at: 'class', value: 'Class expressions are not supported.' },
  { construct: 'a regex literal', code: inRequest("  const ok = /^t-\\d+$/.test('t-1');"), at: '/^t', value: 'Regex literals are not supported.' },
  { construct: 'a while loop', code: inRequest('  while (ctx.more) { ctx.more = false; }'), at: 'while', value: 'While statements are not supported.' },
  { construct: 'a do-while loop', code: inRequest('  do { ctx.a(); } while (ctx.more);'), at: 'do', value: 'do...while statements are not supported.' },
  { construct: 'a classic for loop', code: inRequest('  for (let i = 0; i < 3; i += 1) { ctx.a(i); }'), at: 'for', value: 'For statements are not supported.' },
  { construct: 'continue', code: inRequest('  for (const x of ctx.items) { if (x) continue; }'), at: 'continue', value: 'Continue statements are not supported' },
  { construct: 'a label', code: inRequest('  outer: for (const x of ctx.items) { ctx.a(x); }'), at: 'outer', value: 'Labeled statements are not supported.' },
  { construct: 'an async arrow function', code: inRequest('  const load = async () => 1;'), at: 'async', value: 'Async functions are not supported.' },
  { construct: 'an async function declaration', code: 'export async function request(ctx) {\n  return {};\n}\n', at: 'async', value: 'Async functions are not supported.' },
  { construct: 'await', code: 'const value = await 1;\nexport function request(ctx) {\n  return value;\n}\n', at: 'await', value: 'The `await` keyword is not supported' },
  { construct: 'a generator function', code: inRequest('  function* ids() { return 1; }'), at: 'function*', value: 'Generator functions are not supported.' },
  { construct: 'yield', code: inRequest('  function* ids() { yield 1; }'), at: 'yield', value: 'Yield statements are not supported' },
  { construct: 'the ++ operator', code: inRequest('  let n = 0; n++;'), at: 'n++', value: 'The operator ++ is not supported' },
  { construct: 'the -- operator', code: inRequest('  let n = 0; --n;'), at: '--n', value: 'The operator -- is not supported' },
  { construct: 'the ~ operator', code: inRequest('  const n = ~ctx.n;'), at: '~', value: 'The operator ~ is not supported' },
  { construct: 'the in operator', code: inRequest("  const has = 'id' in ctx.args;"), at: "'id' in", value: 'in operator is not supported. Use Object.hasOwn().' },
  { construct: 'this', code: inRequest('  const self = this;'), at: 'this', value: 'This expressions are not supported.' },
  { construct: 'instanceof', code: inRequest('  const isList = ctx.items instanceof Array;'), at: 'ctx.items instanceof', value: 'The operator instanceof is not supported' },
  { construct: 'new Promise', code: inRequest('  const p = new Promise((resolve) => resolve(1));'), at: 'Promise', value: 'Promise is not supported' },
  { construct: 'Promise.resolve', code: inRequest('  const p = Promise.resolve(1);'), at: 'Promise', value: 'Promise is not supported' },
  { construct: 'dynamic import()', code: inRequest("  const fs = import('fs');"), at: 'import(', value: 'Dynamic import() is not supported.' },
  { construct: 'import.meta', code: inRequest('  const url = import.meta.url;'), at: 'import.meta', value: 'import.meta is not supported.' },
  { construct: 'Function.prototype.apply', code: inRequest('  const top = Math.max.apply(null, ctx.items);'), at: 'Math.max', value: 'Method Function.prototype.apply is not supported.' },
  { construct: 'Function.prototype.bind', code: inRequest('  const f = ctx.a.bind(ctx);'), at: 'ctx.a.bind', value: 'Method Function.prototype.bind is not supported.' },
  { construct: 'Function.prototype.call', code: inRequest("  const f = ctx.a['call'](ctx);"), at: 'ctx.a[', value: 'Method Function.prototype.call is not supported.' },
  { construct: 'eval', code: inRequest("  const v = eval('1');"), at: 'eval', value: 'eval is not supported.' },
  { construct: 'the Function constructor', code: inRequest("  const F = Function('return 1');"), at: 'Function', value: 'The Function constructor is not supported.' },
  {
    construct: 'direct recursion',
    code: 'function depth(n) {\n  return n > 0 ? depth(n - 1) : 0;\n}\nexport function request(ctx) {\n  return depth(3);\n}\n',
    at: 'depth(n - 1)',
    value: 'Recursive function calls not supported. Detected cycle in depth <-depth',
  },
  {
    construct: 'recursion through an array callback',
    code: 'const flat = (items) => items.flatMap((x) => flat(x));\nexport function request(ctx) {\n  return flat([]);\n}\n',
    at: 'flat(x)',
    value: 'Recursive function calls not supported. Detected cycle in flat <-flat',
  },
  {
    construct: 'mutual recursion',
    code: 'function even(n) { return n === 0 || odd(n - 1); }\nfunction odd(n) { return n !== 0 && even(n - 1); }\nexport function request(ctx) {\n  return even(2);\n}\n',
    at: 'odd(n - 1)',
    value: 'Recursive function calls not supported. Detected cycle in even <-odd <-even',
  },
  {
    construct: 'an import of another module',
    code: "import { readFileSync } from 'fs';\nexport function request(ctx) {\n  return {};\n}\n",
    at: "'fs'",
    value: "Cannot import 'fs': only '@aws-appsync/utils' and '@aws-appsync/utils/dynamodb' can be imported.",
  },
  {
    construct: 'a re-export',
    code: "export * from '@aws-appsync/utils';\nexport function request(ctx) {\n  return {};\n}\n",
    at: 'export *',
    value: 'Re-exporting with export ... from is not supported.',
  },
  {
    construct: "a name reserved for the sandbox's wrapper",
    code: inRequest('  const __appsync$dispatch = 1;'),
    at: '__appsync$dispatch',
    value: 'Identifiers starting with __appsync$ are reserved by the emulator: __appsync$dispatch.',
  },
];

describe('Sandbox: static check', () => {
  it.each(REJECTED)('refuses $construct at its line and column', ({ code, at, value }) => {
    // Act
    const errors = checkCode(code);

    // Assess
    expect(errors).toContainEqual({
      errorType: 'LINT_ERROR',
      value,
      location: { ...locate(code, at), span: expect.any(Number) },
    });
  });

  it('refuses a regex literal at its line and column, spanning the literal', () => {
    // Prepare
    const code = "export function request(ctx) {\n  return { ok: /^t-\\d+$/.test(ctx.args.id) };\n}\n";

    // Act
    const errors = checkCode(code);

    // Assess
    expect(errors).toEqual([
      { errorType: 'LINT_ERROR', value: 'Regex literals are not supported.', location: { line: 2, column: 16, span: 9 } },
    ]);
  });

  it('reports every violation, in source order', () => {
    // Prepare
    const code = inRequest('  let n = 0; n++; while (n) { n = 0; }') + 'const r = /x/;\n';

    // Act
    const errors = checkCode(code);

    // Assess
    expect(errors.map((e) => [e.location.line, e.location.column, e.value])).toEqual([
      [2, 14, 'The operator ++ is not supported'],
      [2, 19, 'While statements are not supported.'],
      [5, 11, 'Regex literals are not supported.'],
    ]);
  });

  it('accepts what APPSYNC_JS supports: for-of, for-in, array callbacks, spread, optional chaining, both AppSync modules', () => {
    // Prepare
    const code = [
      "import { util, runtime } from '@aws-appsync/utils';",
      "import * as ddb from '@aws-appsync/utils/dynamodb';",
      'export function request(ctx) {',
      '  const ids = [];',
      '  for (const item of ctx.args.items ?? []) ids.push(item.id);',
      '  for (const key in ctx.args) ids.push(key);',
      '  const total = ids.map((id) => id.length).reduce((a, b) => a + b, 0);',
      '  if (!Object.hasOwn(ctx.args, "id")) util.error("missing id", "ValidationError");',
      '  if (total === 0) runtime.earlyReturn({ ...ctx.args });',
      '  return ddb.get({ key: { id: ctx.args?.id } });',
      '}',
      'export const response = (ctx) => ctx.result;',
    ].join('\n');

    // Act
    const errors = checkCode(code);

    // Assess
    expect(errors).toEqual([]);
  });

  it('reports code that does not parse as a PARSER_ERROR at the place parsing stopped', () => {
    // Prepare
    const code = 'export function request(ctx) {\n  return { title: "unterminated };\n}\n';

    // Act
    const errors = checkCode(code);

    // Assess
    expect(errors).toEqual([
      {
        errorType: 'PARSER_ERROR',
        value: 'Parsing error: Unterminated string constant',
        location: { line: 2, column: 19, span: 1 },
      },
    ]);
  });

  it('refuses HTML-like comments, which a module reads as code and a script as comments', () => {
    // Prepare
    const code = 'export function request(ctx) {\n  const hidden = ctx.a <!-- ctx.b;\n  return {};\n}\n';

    // Act
    const errors = checkCode(code);

    // Assess
    expect(errors).toEqual([
      {
        errorType: 'PARSER_ERROR',
        value: 'Parsing error: HTML-like comments (<!-- and -->) are not supported',
        location: { line: 2, column: 24, span: 4 },
      },
    ]);
  });

  it(`refuses code over ${MAX_CODE_LENGTH} characters, and accepts code of exactly that length`, () => {
    // Prepare
    const handler = 'export function request(ctx) { return {}; }\n';
    const atLimit = handler + ' '.repeat(MAX_CODE_LENGTH - handler.length);
    const overLimit = atLimit + ' ';

    // Act
    const accepted = checkCode(atLimit);
    const refused = checkCode(overLimit);

    // Assess
    expect(atLimit).toHaveLength(MAX_CODE_LENGTH);
    expect(accepted).toEqual([]);
    expect(refused).toEqual([
      {
        errorType: 'CODE_SIZE_ERROR',
        value: `The code is ${MAX_CODE_LENGTH + 1} characters long; AppSync accepts at most ${MAX_CODE_LENGTH}.`,
        location: { line: 0, column: 0, span: -1 },
      },
    ]);
  });

  it("refuses exporting a name the module does not declare, such as the sandbox's dispatcher", () => {
    // Act
    const errors = checkCode('export { __appsync$dispatch as request };\n');

    // Assess
    expect(errors).toEqual([
      {
        errorType: 'PARSER_ERROR',
        value: "Parsing error: Export '__appsync$dispatch' is not defined",
        location: { line: 1, column: 10, span: 1 },
      },
    ]);
  });

  it('allows exactly the two AppSync modules', () => {
    // Assess
    expect(ALLOWED_MODULES).toEqual(['@aws-appsync/utils', '@aws-appsync/utils/dynamodb']);
  });

  it('does not take a method named like a Function method on a local name for recursion or code generation', () => {
    // Prepare
    const code = [
      'function format(item) { return item.title; }',
      'export function request(ctx) {',
      '  const apply = (x) => x;',
      '  return { titles: ctx.args.items.map((item) => format(item)), same: apply(1) };',
      '}',
    ].join('\n');

    // Act
    const errors = checkCode(code);

    // Assess
    expect(errors).toEqual([]);
  });
});
