/**
 * Turns an API answer into a few readable lines for the panel: what HTTP status came back, which
 * fields were denied, what failed validation. The raw JSON stays in GraphiQL's response pane.
 */

/** How the panel shows a summary. */
export type SummaryTone = 'ok' | 'warning' | 'error';

/** One summarized answer. */
export interface ResponseSummary {
  readonly tone: SummaryTone;
  readonly title: string;
  readonly lines: readonly string[];
}

interface ErrorEntry {
  readonly errorType?: unknown;
  readonly message?: unknown;
  readonly path?: unknown;
  readonly locations?: unknown;
}

const DENIED_FIELD = /^Not Authorized to access (\S+) on type (\S+)$/;

function pathText(path: unknown): string {
  return Array.isArray(path) ? path.join('.') : '';
}

function locationText(locations: unknown): string {
  if (!Array.isArray(locations) || locations.length === 0) return '';
  const first = locations[0] as { line?: unknown; column?: unknown };
  return typeof first.line === 'number' ? ` (line ${first.line}, column ${String(first.column)})` : '';
}

function describeError(entry: ErrorEntry): string {
  const type = typeof entry.errorType === 'string' ? entry.errorType : null;
  const message = typeof entry.message === 'string' ? entry.message : JSON.stringify(entry);
  const denied = DENIED_FIELD.exec(message);
  if (type === 'Unauthorized' && denied !== null) {
    return `Denied field ${denied[2]}.${denied[1]} at ${pathText(entry.path)}: it is in this token's deniedFields, so AppSync returned null for it.`;
  }
  if (type === 'Unauthorized') return `Unauthorized at ${pathText(entry.path) || 'the operation'}: ${message} (a resolver's own check).`;
  if (type === null && message.startsWith('Validation error')) {
    return `The operation does not match the schema, so nothing ran: ${message}${locationText(entry.locations)}`;
  }
  const where = pathText(entry.path);
  return `${type ?? 'Error'}${where === '' ? '' : ` at ${where}`}: ${message}${locationText(entry.locations)}`;
}

/**
 * The summary of one answer; `sentToken` says whether an `Authorization` header went out.
 *
 * @example
 * summarizeResponse(401, { errors: [{ errorType: 'UnauthorizedException' }] }, true).title; // 'HTTP 401: the API refused the token'
 */
export function summarizeResponse(status: number, body: unknown, sentToken: boolean): ResponseSummary {
  const errors: ErrorEntry[] =
    body !== null && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors) ? ((body as { errors: ErrorEntry[] }).errors) : [];
  if (status === 401) {
    return {
      tone: 'error',
      title: 'HTTP 401: the API refused the token',
      lines: [
        sentToken
          ? 'The authorizer answered isAuthorized: false (expired, signed-out-and-expired, or not a token of this user pool and client). No resolver ran.'
          : 'No token was sent: sign in with the panel first. AppSync refuses a request without an Authorization header before any authorizer runs.',
        ...errors.map(describeError),
      ],
    };
  }
  if (status !== 200) {
    return { tone: 'error', title: `HTTP ${status}: the request was refused before execution`, lines: errors.length > 0 ? errors.map(describeError) : ['No error details in the answer.'] };
  }
  if (errors.length === 0) return { tone: 'ok', title: 'HTTP 200: data, no errors', lines: [] };
  const data = body !== null && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
  const hasData = data !== null && data !== undefined;
  const allDenied = errors.every((entry) => entry.errorType === 'Unauthorized');
  return {
    tone: hasData ? 'warning' : 'error',
    title: `HTTP 200 with ${errors.length} error${errors.length === 1 ? '' : 's'}${allDenied ? ' (authorization)' : ''}${hasData ? ', partial data' : ', no data'}`,
    lines: errors.map(describeError),
  };
}

/** The summary when the API could not be reached at all. */
export function networkFailure(endpoint: string): ResponseSummary {
  return { tone: 'error', title: 'The API could not be reached', lines: [`Nothing answered at ${endpoint}. Is the emulator still running?`] };
}
