/**
 * `POST /console/decision`: the authorizer's answer for the token in `Authorization`, so the
 * page can show what this identity may touch before a query runs. The answer comes from the
 * emulator's authorization step (its cache included), so it is exactly what `POST /graphql`
 * applies; `resolverContext` values stay on the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deniedFieldCoordinate } from '../graphql/denied-fields.ts';
import type { ConsoleDecision } from './contract.ts';
import type { AuthorizerAnswerLike } from './console-options.ts';
import { sendJson } from './send.ts';

/**
 * `Type.field` for a `deniedFields` entry, whichever of AppSync's two forms it uses; an entry in
 * neither form is shown as it came, so the page never hides what the authorizer answered.
 *
 * @example
 * fieldCoordinate('arn:aws:appsync:us-east-1:1:apis/x/types/Ticket/fields/internalNotes'); // 'Ticket.internalNotes'
 */
export function fieldCoordinate(entry: string): string {
  return deniedFieldCoordinate(entry) ?? entry;
}

/**
 * What the page may see of an answer.
 *
 * @example
 * toConsoleDecision(null); // { isAuthorized: false }
 */
export function toConsoleDecision(answer: AuthorizerAnswerLike | null): ConsoleDecision {
  if (answer === null || answer.isAuthorized !== true) return { isAuthorized: false };
  return {
    isAuthorized: true,
    deniedFields: [...new Set((answer.deniedFields ?? []).map(fieldCoordinate))].sort(),
    ttlOverride: answer.ttlOverride ?? null,
    resolverContextKeys: Object.keys(answer.resolverContext ?? {}).sort(),
  };
}

/**
 * Answers one decision request with `authorize`'s answer for its `Authorization` header.
 *
 * @example
 * if (path === '/console/decision') return handleDecision(req, res, options.authorize);
 */
export async function handleDecision(
  req: IncomingMessage,
  res: ServerResponse,
  authorize: (token: string) => Promise<AuthorizerAnswerLike | null>,
): Promise<void> {
  req.resume();
  if (req.method !== 'POST') {
    sendJson(res, 405, { message: 'Use POST with the token in the Authorization header.' }, { allow: 'POST' });
    return;
  }
  const token = req.headers.authorization;
  if (token === undefined || token === '') {
    sendJson(res, 200, toConsoleDecision(null));
    return;
  }
  let answer: AuthorizerAnswerLike | null;
  try {
    answer = await authorize(token);
  } catch {
    // The emulator's authorization step already turns authorizer failures into refusals; a
    // throw here is a failure of the step itself, reported without details.
    sendJson(res, 500, { message: 'The authorizer could not be asked for a decision; see the emulator log.' });
    return;
  }
  sendJson(res, 200, toConsoleDecision(answer));
}
