/**
 * Parses resolver code as AppSync does: an ECMAScript module. Also refuses HTML-like comments
 * (`<!--`, `-->`): a module has none, but the sandbox compiles the code as a script, where they
 * are comments, so allowing them would let the checked code and the run code differ.
 */
import { parse, tokTypes, type Program, type Token } from 'acorn';
import type { CodeError } from './code-error.ts';

/** The parsed module, or the one parser error that stopped parsing. */
export type ParseResult = { ok: true; program: Program } | { ok: false; error: CodeError };

/**
 * Parses `code` as an ES module with locations.
 *
 * @example
 * ```ts
 * const parsed = parseCode('export function request(ctx) { return {}; }');
 * if (!parsed.ok) console.log(parsed.error.value);
 * ```
 */
export function parseCode(code: string): ParseResult {
  const tokens: Token[] = [];
  let program: Program;
  try {
    program = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      locations: true,
      onToken: tokens,
    });
  } catch (error) {
    return { ok: false, error: parserErrorFrom(error) };
  }
  const htmlComment = findHtmlLikeComment(code, tokens);
  return htmlComment ? { ok: false, error: htmlComment } : { ok: true, program };
}

/** An acorn `SyntaxError` as a `PARSER_ERROR`, without acorn's `(line:column)` suffix. */
function parserErrorFrom(error: unknown): CodeError {
  const raw = error instanceof Error ? error.message : String(error);
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  return {
    errorType: 'PARSER_ERROR',
    value: `Parsing error: ${raw.replace(/ \(\d+:\d+\)$/, '')}`,
    location: loc ? { line: loc.line, column: loc.column + 1, span: 1 } : { line: 0, column: 0, span: -1 },
  };
}

/** `<!--` anywhere, or `-->`, which a script would read as comments and a module does not. */
function findHtmlLikeComment(code: string, tokens: Token[]): CodeError | undefined {
  for (const token of tokens as Array<Token & { value?: unknown }>) {
    const opensComment = token.type === tokTypes.relational && token.value === '<' && code.startsWith('!--', token.end);
    const closesComment = token.type === tokTypes.incDec && token.value === '--' && code[token.end] === '>';
    if (opensComment || closesComment) {
      const start = token.loc?.start;
      return {
        errorType: 'PARSER_ERROR',
        value: 'Parsing error: HTML-like comments (<!-- and -->) are not supported',
        location: { line: start?.line ?? 0, column: (start?.column ?? -1) + 1, span: opensComment ? 4 : 3 },
      };
    }
  }
  return undefined;
}
