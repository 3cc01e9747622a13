/**
 * One log line per GraphQL operation: operation name, the caller's user name and token use, how
 * many fields the authorizer denied, the status and the duration. Never the token, the
 * variables or `ctx` (which holds the raw token in its headers).
 */

/** What one line says. */
export interface RequestLogEntry {
  operationName: string | null;
  username: string | null;
  tokenUse: string | null;
  deniedFields: number;
  status: number;
  durationMs: number;
}

/** Control characters and spaces would let a client forge log lines through its operation name. */
function safe(text: string | null): string {
  if (text === null || text === '') return '-';
  return text.replace(/[^\x21-\x7e]/g, '_').slice(0, 100);
}

/**
 * @example
 * formatRequestLog({ operationName: 'Tickets', username: 'agent', tokenUse: 'access', deniedFields: 5, status: 200, durationMs: 12.3 });
 * // 'graphql Tickets user=agent token=access denied=5 status=200 12ms'
 */
export function formatRequestLog(entry: RequestLogEntry): string {
  return `graphql ${safe(entry.operationName)} user=${safe(entry.username)} token=${safe(entry.tokenUse)} denied=${entry.deniedFields} status=${entry.status} ${Math.round(entry.durationMs)}ms`;
}
