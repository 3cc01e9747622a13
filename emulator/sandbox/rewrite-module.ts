/**
 * Module loading without `vm.SourceTextModule` (which Node 20 hides behind a flag): the checked
 * module becomes a script holding one function expression,
 *
 *     "use strict";((__appsync$link, __appsync$modules) => {const util = __appsync$link(…);
 *     …the module, its import declarations blanked and its `export` keywords removed…
 *     ;return { request: request, response: response };
 *     })
 *
 * An arrow function, so that `arguments` at the top level of the code is what it is in a
 * module (undefined), not the wrapper's arguments.
 * The wrapper takes its own line before the code (compile with `lineOffset: -1`) and the import
 * bindings are declared there, so every line of the code keeps its number and every column
 * keeps its place, except after an `export default` or a `export { … }` on the same line.
 * Blanked text keeps its line breaks.
 */
import type { AnyNode, Pattern, Program } from 'acorn';
import { RESERVED_PREFIX } from './check-code.ts';

/** The name of the wrapper's parameter that resolves an import (see `realm-entry.ts`). */
export const LINK_PARAMETER = `${RESERVED_PREFIX}link`;
/** The name of the wrapper's parameter holding the modules object. */
export const MODULES_PARAMETER = `${RESERVED_PREFIX}modules`;
const DEFAULT_EXPORT = `${RESERVED_PREFIX}default`;

/** The script to compile, and what the module exports. */
export interface RewrittenModule {
  /** A script whose completion value is `function (link, modules) → exports object`. */
  script: string;
  /** The exported names, e.g. `['request', 'response']`. */
  exportNames: string[];
}

/**
 * Rewrites a parsed, checked module into a script (see the file comment).
 *
 * @example
 * ```ts
 * const { script } = rewriteModule(code, program);
 * const factory = new vm.Script(script, { filename: 'code.js', lineOffset: -1 }).runInContext(context);
 * ```
 */
export function rewriteModule(code: string, program: Program): RewrittenModule {
  const edits: Array<{ start: number; end: number; text?: string }> = [];
  const bindings: string[] = [];
  const exported = new Map<string, string>();

  for (const statement of program.body) {
    switch (statement.type) {
      case 'ImportDeclaration': {
        const source = JSON.stringify(String(statement.source.value));
        for (const specifier of statement.specifiers) {
          const imported =
            specifier.type === 'ImportNamespaceSpecifier'
              ? '*'
              : specifier.type === 'ImportDefaultSpecifier'
                ? 'default'
                : specifier.imported.type === 'Identifier'
                  ? specifier.imported.name
                  : String(specifier.imported.value);
          bindings.push(
            `const ${specifier.local.name} = ${LINK_PARAMETER}(${MODULES_PARAMETER}, ${source}, ${JSON.stringify(imported)});`,
          );
        }
        edits.push({ start: statement.start, end: statement.end });
        break;
      }
      case 'ExportNamedDeclaration':
        if (statement.declaration) {
          edits.push({ start: statement.start, end: statement.declaration.start });
          for (const name of declaredNames(statement.declaration)) exported.set(name, name);
        } else {
          for (const specifier of statement.specifiers) {
            exported.set(nameOf(specifier.exported), nameOf(specifier.local));
          }
          edits.push({ start: statement.start, end: statement.end });
        }
        break;
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration;
        const id = 'id' in declaration && declaration.id ? declaration.id.name : undefined;
        if (id && declaration.type === 'FunctionDeclaration') {
          edits.push({ start: statement.start, end: declaration.start });
          exported.set('default', id);
        } else {
          edits.push({ start: statement.start, end: declaration.start, text: `const ${DEFAULT_EXPORT} = ` });
          if (declaration.type !== 'FunctionDeclaration' && declaration.type !== 'ClassDeclaration') {
            edits.push({ start: declaration.end, end: declaration.end, text: ';' });
          }
          exported.set('default', DEFAULT_EXPORT);
        }
        break;
      }
      default:
        break;
    }
  }

  const body = applyEdits(code, edits);
  const exportsObject = [...exported].map(([name, local]) => `${JSON.stringify(name)}: ${local}`).join(', ');
  const script =
    `"use strict";((${LINK_PARAMETER}, ${MODULES_PARAMETER}) => {${bindings.join('')}\n` +
    `${body}\n;return { ${exportsObject} };\n})`;
  return { script, exportNames: [...exported.keys()] };
}

/** `code` with each edit's range replaced by its text, or blanked (line breaks kept). */
function applyEdits(code: string, edits: Array<{ start: number; end: number; text?: string }>): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += code.slice(at, edit.start);
    out += edit.text ?? code.slice(edit.start, edit.end).replace(/[^\n\r\u2028\u2029]/g, ' ');
    at = edit.end;
  }
  return out + code.slice(at);
}

function nameOf(node: AnyNode): string {
  return node.type === 'Identifier' ? node.name : node.type === 'Literal' ? String(node.value) : '';
}

/** The names a declaration binds (`function f`, `const { a, b: [c] } = …`). */
function declaredNames(declaration: AnyNode): string[] {
  if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
    return declaration.id ? [declaration.id.name] : [];
  }
  if (declaration.type === 'VariableDeclaration') return declaration.declarations.flatMap((d) => patternNames(d.id));
  return [];
}

function patternNames(pattern: Pattern): string[] {
  switch (pattern.type) {
    case 'Identifier': return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => (p.type === 'RestElement' ? patternNames(p.argument) : patternNames(p.value)));
    case 'ArrayPattern': return pattern.elements.flatMap((e) => (e ? patternNames(e) : []));
    case 'RestElement': return patternNames(pattern.argument);
    case 'AssignmentPattern': return patternNames(pattern.left);
    default: return [];
  }
}
