/**
 * Compiles resolver code for a realm once per code version: check it, rewrite it into a
 * script (`rewrite-module.ts`), compile that with `vm.Script` and keep the realm function it
 * evaluates to, cached by the code's SHA-256.
 */
import type { Program } from 'acorn';
import { simple } from 'acorn-walk';
import { createHash } from 'node:crypto';
import vm from 'node:vm';
import { analyzeCode } from './check-code.ts';
import type { CodeError } from './code-error.ts';
import { CODE_FILE_NAME } from './realm-console.ts';
import type { SandboxRealm } from './realm.ts';
import { rewriteModule } from './rewrite-module.ts';

/** A checked, compiled module, or the code errors that keep it from running. */
export interface CompiledModule {
  codeErrors: CodeError[];
  /** The realm function `(link, modules) → exports`; absent when there are code errors. */
  factory?: unknown;
  /** Where each `console.*(…)` call starts (see `RealmRequest.consoleSites`). */
  consoleSites: Record<string, [number, number]>;
}

/** How many compiled code versions a realm keeps. */
const CACHE_SIZE = 256;
const caches = new WeakMap<SandboxRealm, Map<string, CompiledModule>>();

/**
 * The compiled module for `code` in `realm`, from the cache when this code was seen before.
 *
 * @example
 * ```ts
 * const compiled = compileModule(realm, code);
 * if (compiled.codeErrors.length > 0) report(compiled.codeErrors);
 * ```
 */
export function compileModule(realm: SandboxRealm, code: string): CompiledModule {
  let cache = caches.get(realm);
  if (!cache) {
    cache = new Map();
    caches.set(realm, cache);
  }
  const key = createHash('sha256').update(code).digest('hex');
  const cached = cache.get(key);
  if (cached) {
    // Most recently used last, so that the oldest entry is the first to go.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const compiled = compile(realm, code);
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}

function compile(realm: SandboxRealm, code: string): CompiledModule {
  const { codeErrors, program } = analyzeCode(code);
  if (codeErrors.length > 0 || !program) return { codeErrors, consoleSites: {} };
  const { script } = rewriteModule(code, program);
  let factory: unknown;
  try {
    // Evaluating the script only creates the module function: none of the code runs yet.
    factory = new vm.Script(script, { filename: CODE_FILE_NAME, lineOffset: -1 }).runInContext(realm.context, {
      timeout: 1_000,
    });
  } catch (error) {
    // acorn accepted what V8 refuses: report it as the parser error it is.
    const message = error instanceof Error ? error.message : 'the code could not be compiled';
    return {
      codeErrors: [{ errorType: 'PARSER_ERROR', value: `Parsing error: ${message}`, location: { line: 0, column: 0, span: -1 } }],
      consoleSites: {},
    };
  }
  return { codeErrors: [], factory, consoleSites: findConsoleSites(program) };
}

/** `console.x(…)` calls: V8's position for each (the method name) → where the call starts. */
function findConsoleSites(program: Program): Record<string, [number, number]> {
  const sites: Record<string, [number, number]> = {};
  simple(program, {
    CallExpression(call) {
      const callee = call.callee;
      if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'console') return;
      const reported = callee.property.loc?.start;
      const start = call.loc?.start;
      if (reported && start) sites[`${reported.line}:${reported.column + 1}`] = [start.line, start.column + 1];
    },
  });
  return sites;
}
