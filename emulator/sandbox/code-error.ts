/**
 * One problem found in resolver code, in the shape of AppSync's `CodeError` (the items of
 * `EvaluateCode`'s `error.codeErrors`).
 *
 * AppSync documents `errorType` values such as `LINT_ERROR` and `PARSER_ERROR`, `value` as "a
 * user presentable error" (e.g. `Parsing error: Unterminated string literal`), and a location
 * whose `line` and `column` default to `0` and `span` to `-1` when unknown
 * (https://docs.aws.amazon.com/appsync/latest/APIReference/API_CodeError.html,
 * https://docs.aws.amazon.com/appsync/latest/APIReference/API_CodeErrorLocation.html).
 * Lines and columns here are 1-based, as in ESLint and in AppSync's log lines
 * (`INFO - code.js:13:5: ...`); whether `codeErrors` columns are 1-based is unconfirmed.
 */

/** Where a code error is: 1-based line and column, and its length in characters. */
export interface CodeErrorLocation {
  line: number;
  column: number;
  span: number;
}

/** One problem in resolver code, as AppSync's `EvaluateCode` reports it in `codeErrors`. */
export interface CodeError {
  /** `PARSER_ERROR` (the code does not parse) or `LINT_ERROR` (a construct APPSYNC_JS rejects). */
  errorType: CodeErrorType;
  /** What is wrong, for a person to read. */
  value: string;
  location: CodeErrorLocation;
}

/**
 * The kinds of code error. `PARSER_ERROR` and `LINT_ERROR` are AppSync's own;
 * `CODE_SIZE_ERROR` is the emulator's name for code over AppSync's length limit, which AppSync
 * refuses as an invalid request rather than as a code error (so it never appears in AWS output).
 */
export type CodeErrorType = 'PARSER_ERROR' | 'LINT_ERROR' | 'CODE_SIZE_ERROR';

/** A node's position as acorn gives it (with `locations: true`). */
export interface LocatedNode {
  start: number;
  end: number;
  loc?: { start: { line: number; column: number } } | null;
}

/**
 * A code error located at an acorn node.
 *
 * @example
 * ```ts
 * codeErrorAt(node, 'LINT_ERROR', 'Try statements are not supported.');
 * ```
 */
export function codeErrorAt(node: LocatedNode, errorType: CodeErrorType, value: string): CodeError {
  const start = node.loc?.start;
  return {
    errorType,
    value,
    location: {
      line: start ? start.line : 0,
      column: start ? start.column + 1 : 0,
      span: node.end - node.start,
    },
  };
}
