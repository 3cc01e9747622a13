/**
 * The GraphQL endpoint part: `POST /graphql`, AppSync's endpoint under `AWS_LAMBDA`
 * authorization. The token is the raw `Authorization` header (`x-api-key` is ignored: the API
 * has no API-key mode).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorizeRequest, type AuthorizationServices } from '../auth/authorize-request.ts';
import type { EmulatorPart } from '../http/emulator-part.ts';
import { BodyError, readBody } from '../http/read-body.ts';
import { requestErrorBody, sendJson } from '../http/send-json.ts';
import type { RequestLogEntry } from '../log/request-log.ts';
import { deniedFieldSet } from './denied-fields.ts';
import { executeRequest, type ExecutionServices } from './execute-request.ts';

/** The path AppSync serves GraphQL on. */
export const GRAPHQL_PATH = '/graphql';

/** AppSync's 401 body: the same for a missing, malformed, refused or expired token. */
const UNAUTHORIZED_BODY = Object.freeze(requestErrorBody('UnauthorizedException', 'You are not authorized to make this call.'));

/** What the endpoint needs; `execution` is read per request so rebuilt bundles apply at once. */
export interface GraphqlPartServices {
  readonly authorization: AuthorizationServices;
  readonly execution: () => ExecutionServices;
  readonly maxBodyBytes: number;
  readonly logRequest: (entry: RequestLogEntry) => void;
}

interface ParsedBody {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown>;
}

function parseBody(text: string): ParsedBody | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'Unable to parse the JSON document.';
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'The request body must be a JSON object.';
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return 'Expected a GraphQL query string in the "query" field.';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return 'operationName must be a string.';
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return 'variables must be a JSON object.';
  }
  return {
    query,
    operationName: typeof operationName === 'string' && operationName !== '' ? operationName : null,
    variables: (variables ?? {}) as Record<string, unknown>,
  };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function handleGraphql(req: IncomingMessage, res: ServerResponse, services: GraphqlPartServices): Promise<void> {
  const started = performance.now();
  const entry: RequestLogEntry = { operationName: null, username: null, tokenUse: null, deniedFields: 0, status: 0, durationMs: 0 };
  const finish = (status: number, body: unknown): void => {
    entry.status = status;
    entry.durationMs = performance.now() - started;
    // AppSync names a request-level error in x-amzn-ErrorType too; AWS clients (Amplify) read it.
    const errorType = status === 200 ? undefined : (body as { errors?: Array<{ errorType?: string }> }).errors?.[0]?.errorType;
    sendJson(res, status, body, {
      'x-amzn-requestid': randomUUID(),
      ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
    });
    services.logRequest(entry);
  };

  const authorization = req.headers.authorization;
  const validation = services.authorization.validation;
  if (authorization === undefined || authorization === '' || (validation !== null && !validation.test(authorization))) {
    // AppSync refuses these without invoking the authorizer, whatever the body.
    req.resume();
    finish(401, UNAUTHORIZED_BODY);
    return;
  }

  let text: string;
  try {
    text = await readBody(req, services.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyError && error.reason === 'tooLarge') {
      finish(413, requestErrorBody('PayloadTooLargeException', `The request body exceeds the limit of ${services.maxBodyBytes} bytes.`));
    } else {
      finish(400, requestErrorBody('MalformedHttpRequestException', 'The request was aborted.'));
    }
    return;
  }
  const body = parseBody(text);
  if (typeof body === 'string') {
    finish(400, requestErrorBody('MalformedHttpRequestException', body));
    return;
  }
  // Clients often leave operationName out for a single named operation: log its name anyway.
  entry.operationName = body.operationName ?? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body.query)?.[1] ?? null;

  const headers = flatHeaders(req);
  const answer = await authorizeRequest(services.authorization, {
    authorization,
    queryString: body.query,
    operationName: body.operationName,
    variables: body.variables,
    requestHeaders: headers,
  });
  if (answer === null) {
    finish(401, UNAUTHORIZED_BODY);
    return;
  }
  entry.username = answer.resolverContext.username ?? null;
  entry.tokenUse = answer.resolverContext.tokenUse ?? null;
  const deniedFields = deniedFieldSet(answer.deniedFields);
  entry.deniedFields = deniedFields.size;

  const response = await executeRequest(services.execution(), {
    query: body.query,
    operationName: body.operationName,
    variables: body.variables,
    headers,
    resolverContext: answer.resolverContext,
    deniedFields,
  });
  finish(200, response);
}

/**
 * The GraphQL endpoint, as a part for the emulator's router.
 *
 * @example
 * const graphql = createGraphqlPart({ authorization, execution: () => services, maxBodyBytes: 1_048_576, logRequest: (entry) => log(formatRequestLog(entry)) });
 * const router = createRouter([graphql, cognito, console], { logError });
 */
export function createGraphqlPart(services: GraphqlPartServices): EmulatorPart {
  return {
    name: 'graphql',
    routes: [{ method: 'POST', path: GRAPHQL_PATH, handle: (req, res) => handleGraphql(req, res, services) }],
  };
}
