/**
 * Recursion, which APPSYNC_JS rejects. Like `@aws-appsync/eslint-plugin`'s `no-recursion`, it
 * follows calls by name between named functions (declarations, `const f = () => …`, named
 * function expressions) and reports each call that closes a cycle, direct (`f` calls `f`) or
 * mutual (`f` calls `g` calls `f`). Calls made from an anonymous callback count as calls of the
 * function around it, so `items.map((x) => f(x))` inside `f` is recursion too. Names are not
 * resolved through scopes: two functions with one name are treated as one.
 */
import type { AnyNode, CallExpression, Program } from 'acorn';
import { base, fullAncestor, recursive, type RecursiveVisitors } from 'acorn-walk';
import { codeErrorAt, type CodeError } from './code-error.ts';

/** A call from one named function to another. */
interface CallSite {
  callee: string;
  node: CallExpression;
}

/**
 * A `LINT_ERROR` for every call that closes a cycle of calls.
 *
 * @example
 * ```ts
 * findRecursion(parse('function f(n) { return f(n); }', options));
 * ```
 */
export function findRecursion(program: Program): CodeError[] {
  const calls = collectCalls(program);
  const errors: CodeError[] = [];
  for (const [caller, sites] of calls) {
    for (const site of sites) {
      const path = pathBetween(calls, site.callee, caller);
      if (path) {
        const cycle = [caller, ...path].join(' <-');
        errors.push(codeErrorAt(site.node, 'LINT_ERROR', `Recursive function calls not supported. Detected cycle in ${cycle}`));
      }
    }
  }
  return errors;
}

/** For every named function, the calls (by name) made in its body and its anonymous callbacks. */
function collectCalls(program: Program): Map<string, CallSite[]> {
  const calls = new Map<string, CallSite[]>();
  fullAncestor(program, (node, _state, ancestors) => {
    const name = functionName(node, ancestors[ancestors.length - 2]);
    if (name === undefined || !isFunction(node)) return;
    const sites = calls.get(name) ?? [];
    calls.set(name, sites);
    const visitors: RecursiveVisitors<null> = {
      ...base,
      CallExpression(call, state, c) {
        if (call.type === 'CallExpression' && call.callee.type === 'Identifier') sites.push({ callee: call.callee.name, node: call });
        base.CallExpression?.(call, state, c);
      },
    };
    // Nested *named* functions are graph nodes of their own: stop at them.
    const stopAtNamed = (inner: AnyNode, parent: AnyNode | undefined) => functionName(inner, parent) !== undefined;
    const walkBody = (body: AnyNode) =>
      recursive(body, null, {
        ...visitors,
        FunctionDeclaration: () => undefined,
        VariableDeclarator(declarator, state, c) {
          if (declarator.type === 'VariableDeclarator' && declarator.init && stopAtNamed(declarator.init, declarator)) return;
          base.VariableDeclarator?.(declarator, state, c);
        },
        FunctionExpression(fn, state, c) {
          if (fn.type === 'FunctionExpression' && fn.id) return;
          base.Function?.(fn, state, c);
        },
      });
    for (const param of node.params) walkBody(param);
    walkBody(node.body);
  });
  return calls;
}

function isFunction(node: AnyNode): node is Extract<AnyNode, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }> {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The name a function is called by: its own id, or the variable it initializes. */
function functionName(node: AnyNode, parent: AnyNode | undefined): string | undefined {
  if (!isFunction(node)) return undefined;
  if (node.type !== 'ArrowFunctionExpression' && node.id) return node.id.name;
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return parent.id.name;
  return undefined;
}

/** The names from `from` to `to` along calls (both included), or undefined when unreachable. */
function pathBetween(calls: Map<string, CallSite[]>, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (current === to) {
      const path: string[] = [];
      for (let at: string | null | undefined = current; at; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const site of calls.get(current) ?? []) {
      if (!previous.has(site.callee)) {
        previous.set(site.callee, current);
        queue.push(site.callee);
      }
    }
  }
  return undefined;
}
