/**
 * The static check: refuses, before anything runs, the constructs the APPSYNC_JS runtime
 * rejects. It reproduces the rules of `@aws-appsync/eslint-plugin` (same messages, so that a
 * developer sees the words AppSync's linter uses) and adds what that plugin misses: `throw`,
 * `import()`, `import.meta`, `apply`/`bind`/`call`, `eval`/`Function`, imports of anything but
 * the AppSync modules, and code over AppSync's length limit.
 */
import type { AnyNode, Program } from 'acorn';
import { fullAncestor } from 'acorn-walk';
import { MAX_CODE_LENGTH } from '../../infra/api-limits.ts';
import { codeErrorAt, type CodeError } from './code-error.ts';
import { findRecursion } from './find-recursion.ts';
import { parseCode } from './parse-code.ts';

/** AppSync's limit on resolver and function code, owned by `infra/api-limits.ts`. */
export { MAX_CODE_LENGTH };

/** The only modules resolver code may import. */
export const ALLOWED_MODULES: readonly string[] = ['@aws-appsync/utils', '@aws-appsync/utils/dynamodb'];

/** Names the sandbox's own wrapper uses; resolver code may not declare or read them. */
export const RESERVED_PREFIX = '__appsync$';

/** What the check found, and the parsed module when the code parses. */
export interface CodeAnalysis {
  codeErrors: CodeError[];
  program: Program | undefined;
}

/**
 * The code errors of `code`, in source order; empty when APPSYNC_JS would accept it.
 *
 * @example
 * ```ts
 * const errors = checkCode(bundleText);
 * if (errors.length > 0) throw new Error(errors.map((e) => `${e.location.line}:${e.location.column} ${e.value}`).join('\n'));
 * ```
 */
export function checkCode(code: string): CodeError[] {
  return analyzeCode(code).codeErrors;
}

/**
 * `checkCode`, also returning the parsed module so that the loader does not parse twice.
 *
 * @example
 * ```ts
 * const { codeErrors, program } = analyzeCode(code);
 * ```
 */
export function analyzeCode(code: string): CodeAnalysis {
  const codeErrors: CodeError[] = [];
  if (code.length > MAX_CODE_LENGTH) {
    codeErrors.push({
      errorType: 'CODE_SIZE_ERROR',
      value: `The code is ${code.length} characters long; AppSync accepts at most ${MAX_CODE_LENGTH}.`,
      location: { line: 0, column: 0, span: -1 },
    });
  }
  const parsed = parseCode(code);
  if (!parsed.ok) return { codeErrors: [...codeErrors, parsed.error], program: undefined };
  codeErrors.push(...findUnsupportedConstructs(parsed.program), ...findRecursion(parsed.program));
  codeErrors.sort(
    (a, b) => a.location.line - b.location.line || a.location.column - b.location.column,
  );
  return { codeErrors, program: parsed.program };
}

/** Messages of `@aws-appsync/eslint-plugin` 2.x where it has a rule; ours where it has none. */
const MESSAGES = {
  throw: 'Throw statements are not supported.',
  try: 'Try statements are not supported.',
  classDeclaration: 'Class declarations are not supported.',
  classExpression: 'Class expressions are not supported.',
  regex: 'Regex literals are not supported.',
  while: 'While statements are not supported.',
  doWhile: 'do...while statements are not supported.',
  for: 'For statements are not supported.',
  continue: 'Continue statements are not supported',
  label: 'Labeled statements are not supported.',
  async: 'Async functions are not supported.',
  await: 'The `await` keyword is not supported',
  generator: 'Generator functions are not supported.',
  yield: 'Yield statements are not supported',
  operator: (operator: string) => `The operator ${operator} is not supported`,
  in: 'in operator is not supported. Use Object.hasOwn().',
  this: 'This expressions are not supported.',
  super: 'Super expressions are not supported.',
  promise: 'Promise is not supported',
  dynamicImport: 'Dynamic import() is not supported.',
  importMeta: 'import.meta is not supported.',
  functionMethod: (name: string) => `Method Function.prototype.${name} is not supported.`,
  eval: 'eval is not supported.',
  functionConstructor: 'The Function constructor is not supported.',
  reserved: (name: string) => `Identifiers starting with ${RESERVED_PREFIX} are reserved by the emulator: ${name}.`,
  module: (source: string) =>
    `Cannot import '${source}': only ${ALLOWED_MODULES.map((m) => `'${m}'`).join(' and ')} can be imported.`,
  reExport: 'Re-exporting with export ... from is not supported.',
} as const;

/** Every node APPSYNC_JS rejects, except recursion (see `find-recursion.ts`). */
function findUnsupportedConstructs(program: Program): CodeError[] {
  const errors: CodeError[] = [];
  const lint = (node: AnyNode, value: string) => errors.push(codeErrorAt(node, 'LINT_ERROR', value));

  fullAncestor(program, (node) => {
    switch (node.type) {
      case 'ThrowStatement': return lint(node, MESSAGES.throw);
      case 'TryStatement': return lint(node, MESSAGES.try);
      case 'ClassDeclaration': return lint(node, MESSAGES.classDeclaration);
      case 'ClassExpression': return lint(node, MESSAGES.classExpression);
      case 'WhileStatement': return lint(node, MESSAGES.while);
      case 'DoWhileStatement': return lint(node, MESSAGES.doWhile);
      case 'ForStatement': return lint(node, MESSAGES.for);
      case 'ContinueStatement': return lint(node, MESSAGES.continue);
      case 'LabeledStatement': return lint(node, MESSAGES.label);
      case 'AwaitExpression': return lint(node, MESSAGES.await);
      case 'YieldExpression': return lint(node, MESSAGES.yield);
      case 'ThisExpression': return lint(node, MESSAGES.this);
      case 'Super': return lint(node, MESSAGES.super);
      case 'ImportExpression': return lint(node, MESSAGES.dynamicImport);
      case 'Literal':
        if ('regex' in node && node.regex) lint(node, MESSAGES.regex);
        return;
      case 'ForOfStatement':
        if (node.await) lint(node, MESSAGES.await);
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.async) lint(node, MESSAGES.async);
        if (node.generator) lint(node, MESSAGES.generator);
        return;
      case 'UpdateExpression': return lint(node, MESSAGES.operator(node.operator));
      case 'UnaryExpression':
        if (node.operator === '~') lint(node, MESSAGES.operator('~'));
        return;
      case 'BinaryExpression':
        if (node.operator === 'in') lint(node, MESSAGES.in);
        if (node.operator === 'instanceof') lint(node, MESSAGES.operator('instanceof'));
        return;
      case 'MetaProperty':
        if (node.meta.name === 'import') lint(node, MESSAGES.importMeta);
        return;
      case 'CallExpression': {
        const method = calledMethodName(node.callee);
        if (method === 'apply' || method === 'bind' || method === 'call') lint(node, MESSAGES.functionMethod(method));
        return;
      }
      case 'Identifier':
        checkIdentifier(node, node.name, lint);
        return;
      case 'ImportDeclaration': {
        const source = String(node.source.value);
        if (!ALLOWED_MODULES.includes(source)) lint(node.source, MESSAGES.module(source));
        for (const specifier of node.specifiers) checkIdentifier(specifier.local, specifier.local.name, lint);
        return;
      }
      case 'ExportAllDeclaration': return lint(node, MESSAGES.reExport);
      case 'ExportNamedDeclaration':
        if (node.source) lint(node, MESSAGES.reExport);
        // acorn-walk does not visit the local names of `export { a as b }`.
        for (const specifier of node.specifiers) {
          if (specifier.local.type === 'Identifier') checkIdentifier(specifier.local, specifier.local.name, lint);
        }
        return;
      default:
        return;
    }
  });
  return errors;
}

/** Identifiers that name what the runtime lacks, or the wrapper's reserved names. */
function checkIdentifier(node: AnyNode, name: string, lint: (node: AnyNode, value: string) => void): void {
  if (name === 'Promise') lint(node, MESSAGES.promise);
  else if (name === 'eval') lint(node, MESSAGES.eval);
  else if (name === 'Function') lint(node, MESSAGES.functionConstructor);
  else if (name.startsWith(RESERVED_PREFIX)) lint(node, MESSAGES.reserved(name));
}

/** The method name in `x.name(...)`, `x?.name(...)` or `x['name'](...)`, if that is the callee. */
function calledMethodName(callee: AnyNode): string | undefined {
  if (callee.type !== 'MemberExpression') return undefined;
  const property = callee.property;
  if (!callee.computed && property.type === 'Identifier') return property.name;
  if (callee.computed && property.type === 'Literal' && typeof property.value === 'string') return property.value;
  return undefined;
}
