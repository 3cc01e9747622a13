/**
 * The pool's HTTP front ends as routes of the emulator's router (`EmulatorPart` routes, claimed
 * by method and exact path): the Cognito JSON API on `POST /`, the pool's keys on
 * `GET /<userPoolId>/.well-known/jwks.json`, and OAuth 2.0's `POST /oauth2/token`. The router
 * has set CORS headers and parsed the URL; nothing here touches either.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '../http/emulator-part.ts';
import { BodyError, readBody } from '../http/read-body.ts';
import { sendJson } from '../http/send-json.ts';
import { answerCognitoRequest, COGNITO_TARGET_PREFIX, cognitoErrorAnswer } from './cognito-api.ts';
import { CognitoServiceError } from './errors.ts';
import { answerTokenRequest } from './oauth-token-endpoint.ts';
import type { UserPool } from './user-pool.ts';

/** The most a Cognito request body may hold here; real ones are a few KB. */
export const MAX_COGNITO_BODY_BYTES = 1024 * 1024;

/** The token endpoint's path, as on a user pool domain. */
export const OAUTH_TOKEN_PATH = '/oauth2/token';

/** The body, or `null` once the answer is sent (too large) or the client is gone (aborted). */
async function readOrRefuse(req: IncomingMessage, res: ServerResponse, tooLarge: () => void): Promise<string | null> {
  try {
    // The shared reader drains an oversized body instead of dropping the connection, so the
    // client reads the 413.
    return await readBody(req, MAX_COGNITO_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyError && error.reason === 'tooLarge') tooLarge();
    // The client went away mid-request: nobody is left to answer.
    else res.destroy();
    return null;
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The routes of `pool` (its core, possibly with rotating keys).
 *
 * @example
 * const part: EmulatorPart = { name: 'cognito', routes: cognitoRoutes(pool) };
 */
export function cognitoRoutes(pool: UserPool): HttpRoute[] {
  const jsonApi: HttpRoute = {
    method: 'POST',
    path: '/',
    async handle(req, res) {
      const target = header(req.headers['x-amz-target']);
      if (target === undefined || !target.startsWith(COGNITO_TARGET_PREFIX)) {
        // `POST /` is only Cognito's; anything else here is not a call of any service.
        req.resume();
        const answer = cognitoErrorAnswer(new CognitoServiceError('UnknownOperationException', `POST / answers Cognito calls: set X-Amz-Target: ${COGNITO_TARGET_PREFIX}<Operation>.`, { status: 404 }));
        sendJson(res, answer.status, answer.payload, answer.headers);
        return;
      }
      const body = await readOrRefuse(req, res, () => {
        const answer = cognitoErrorAnswer(new CognitoServiceError('SerializationException', `Request body larger than ${MAX_COGNITO_BODY_BYTES} bytes.`, { status: 413 }));
        sendJson(res, answer.status, answer.payload, answer.headers);
      });
      if (body === null) return;
      const answer = await answerCognitoRequest(pool, { target, body });
      sendJson(res, answer.status, answer.payload, answer.headers);
    },
  };
  const jwks: HttpRoute = {
    method: 'GET',
    path: pool.jwksPath,
    handle(_req, res) {
      sendJson(res, 200, pool.signingKeys.jwks);
    },
  };
  const token: HttpRoute = {
    method: 'POST',
    path: OAUTH_TOKEN_PATH,
    async handle(req, res) {
      const body = await readOrRefuse(req, res, () => sendJson(res, 413, { error: 'invalid_request' }));
      if (body === null) return;
      const answer = await answerTokenRequest(pool, {
        contentType: header(req.headers['content-type']),
        authorization: header(req.headers.authorization),
        body,
      });
      sendJson(res, answer.status, answer.payload, answer.headers);
    },
  };
  return [jsonApi, jwks, token];
}
