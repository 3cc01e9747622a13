/**
 * The Cognito user pool API as the local pool answers it, over Cognito's JSON protocol
 * (`POST /`, `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`,
 * `Content-Type: application/x-amz-json-1.1`). A pure request handler: no HTTP here.
 *
 * Operations: `InitiateAuth` (`USER_PASSWORD_AUTH`, `REFRESH_TOKEN_AUTH`/`REFRESH_TOKEN`),
 * `GetTokensFromRefreshToken` (how Amplify v6 refreshes), `GetUser`, `RevokeToken` (Amplify's
 * `signOut()`), `GlobalSignOut` (`signOut({ global: true })`). Anything else is answered with
 * `UnsupportedOperationException` naming what is supported.
 *
 * One front end over the pool's core (`user-pool.ts`): it reads Cognito's JSON members, finds the
 * app client, and calls the core's flows, which check the client's flows and secret.
 */
import { randomUUID } from 'node:crypto';
import { authenticateAccessToken } from './access-token-check.ts';
import type { AppClient } from './app-client.ts';
import { CognitoServiceError } from './errors.ts';
import type { IssuedTokens } from './token-issuer.ts';
import type { UserPool } from './user-pool.ts';
import { proveClient, refreshSession, signInWithPassword } from './user-sessions.ts';
import { userAttributes } from './user-store.ts';

/** The `X-Amz-Target` prefix of Cognito user pool operations. */
export const COGNITO_TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** One request: the `X-Amz-Target` header and the raw JSON body. */
export interface CognitoRequest {
  readonly target: string | undefined;
  readonly body: string;
}

/** One answer, ready to write to HTTP. */
export interface CognitoResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One answer with its body still a JSON value (for `sendJson`). */
export interface CognitoAnswer {
  readonly status: number;
  /** `content-type: application/x-amz-json-1.1`, `x-amzn-requestid`, and `x-amzn-errortype` on errors. */
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: Readonly<Record<string, unknown>>;
}

type Body = Record<string, unknown>;
type Operation = (pool: UserPool, body: Body) => Promise<Body>;

/** Flows that exist in Cognito but that the local pool does not implement. */
const DISABLED_FLOWS = new Set(['USER_SRP_AUTH', 'CUSTOM_AUTH', 'USER_AUTH']);
const ADMIN_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH']);
const ALL_FLOWS = ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH'];

function nowSeconds(pool: UserPool): number {
  return Math.floor(pool.now() / 1000);
}

/** Cognito's model validation message for a missing or mistyped member. */
function requireString(body: Body, member: string): string {
  const value = body[member];
  if (value === undefined || value === null) {
    const name = member.charAt(0).toLowerCase() + member.slice(1);
    throw new CognitoServiceError('InvalidParameterException', `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  }
  if (typeof value !== 'string') throw new CognitoServiceError('SerializationException', `Member ${member} must be a string`);
  return value;
}

function requireClient(pool: UserPool, body: Body): AppClient {
  const clientId = requireString(body, 'ClientId');
  const client = pool.clients.find(clientId);
  if (client === undefined) throw new CognitoServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  return client;
}

/** A string member that may be absent; `null` when it is. */
function optionalString(body: Body, member: string): string | null {
  const value = body[member];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new CognitoServiceError('SerializationException', `Member ${member} must be a string`);
  return value;
}

function authParameters(body: Body): Record<string, unknown> {
  const parameters = body.AuthParameters;
  return parameters !== null && typeof parameters === 'object' ? (parameters as Record<string, unknown>) : {};
}

function authParameter(body: Body, name: string): string {
  const value = authParameters(body)[name];
  if (typeof value !== 'string' || value === '') throw new CognitoServiceError('InvalidParameterException', `Missing required parameter ${name}`);
  return value;
}

/** `AuthParameters.SECRET_HASH`, or `null` when not sent. */
function secretHashParameter(body: Body): string | null {
  const value = authParameters(body).SECRET_HASH;
  return typeof value === 'string' && value !== '' ? value : null;
}

function refreshResult(tokens: IssuedTokens): Body {
  return { AccessToken: tokens.accessToken, ExpiresIn: tokens.expiresIn, IdToken: tokens.idToken, TokenType: 'Bearer' };
}

function clientMetadata(body: Body): Record<string, string> | undefined {
  const value = body.ClientMetadata;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

const initiateAuth: Operation = async (pool, body) => {
  const client = requireClient(pool, body);
  const flow = requireString(body, 'AuthFlow');
  if (flow === 'USER_PASSWORD_AUTH') {
    const signedIn = await signInWithPassword(pool, {
      client,
      username: authParameter(body, 'USERNAME'),
      password: authParameter(body, 'PASSWORD'),
      proof: { secretHash: secretHashParameter(body) },
    });
    return {
      AuthenticationResult: { AccessToken: signedIn.accessToken, ExpiresIn: signedIn.expiresIn, IdToken: signedIn.idToken, RefreshToken: signedIn.refreshToken, TokenType: 'Bearer' },
      ChallengeParameters: {},
    };
  }
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    const tokens = await refreshSession(pool, { client, refreshToken: authParameter(body, 'REFRESH_TOKEN'), proof: { secretHash: secretHashParameter(body) } });
    return { AuthenticationResult: refreshResult(tokens), ChallengeParameters: {} };
  }
  if (DISABLED_FLOWS.has(flow)) {
    throw new CognitoServiceError('InvalidParameterException', `${flow} flow not enabled for this client. The local pool supports USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH (with Amplify: signIn options { authFlowType: 'USER_PASSWORD_AUTH' }).`);
  }
  if (ADMIN_FLOWS.has(flow)) throw new CognitoServiceError('InvalidParameterException', 'Initiate Auth method not supported.');
  throw new CognitoServiceError(
    'InvalidParameterException',
    `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${ALL_FLOWS.join(', ')}]`,
  );
};

const getTokensFromRefreshToken: Operation = async (pool, body) => {
  const refreshToken = requireString(body, 'RefreshToken');
  const client = requireClient(pool, body);
  const tokens = await refreshSession(pool, { client, refreshToken, proof: { clientSecret: optionalString(body, 'ClientSecret') }, clientMetadata: clientMetadata(body) });
  return { AuthenticationResult: refreshResult(tokens) };
};

const getUser: Operation = async (pool, body) => {
  const user = authenticateAccessToken(pool, requireString(body, 'AccessToken'));
  return { UserAttributes: Object.entries(userAttributes(user)).map(([Name, Value]) => ({ Name, Value })), Username: user.username };
};

const revokeToken: Operation = async (pool, body) => {
  const token = requireString(body, 'Token');
  const client = requireClient(pool, body);
  await proveClient(pool, client, { clientSecret: optionalString(body, 'ClientSecret') }, '');
  // Unknown or already revoked tokens are accepted silently: revocation is idempotent. A token
  // of another client's session is left alone, as Cognito does.
  const session = pool.refreshTokens.find(token, nowSeconds(pool));
  if (session === undefined || session.clientId === client.clientId) pool.refreshTokens.revoke(token, nowSeconds(pool) + pool.refreshTokenLifetimeSeconds);
  return {};
};

const globalSignOut: Operation = async (pool, body) => {
  const user = authenticateAccessToken(pool, requireString(body, 'AccessToken'));
  pool.refreshTokens.revokeAllFor(user.sub, nowSeconds(pool) + pool.refreshTokenLifetimeSeconds);
  return {};
};

const OPERATIONS: Readonly<Record<string, Operation>> = {
  InitiateAuth: initiateAuth,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  GetUser: getUser,
  RevokeToken: revokeToken,
  GlobalSignOut: globalSignOut,
};

/** The operations the local pool implements. */
export const SUPPORTED_OPERATIONS: readonly string[] = Object.keys(OPERATIONS);

/** Cognito's content type for its JSON protocol, requests and answers. */
export const COGNITO_CONTENT_TYPE = 'application/x-amz-json-1.1';

function respond(status: number, payload: Body, extraHeaders: Record<string, string> = {}): CognitoAnswer {
  return { status, headers: { 'content-type': COGNITO_CONTENT_TYPE, 'x-amzn-requestid': randomUUID(), ...extraHeaders }, payload };
}

/**
 * Cognito's answer to `error` (`{ __type, message }`, its status, `x-amzn-errortype`).
 *
 * @example
 * const { status, payload, headers } = cognitoErrorAnswer(new CognitoServiceError('SerializationException', 'Request body too large.', { status: 413 }));
 * sendJson(res, status, payload, headers);
 */
export function cognitoErrorAnswer(error: CognitoServiceError): CognitoAnswer {
  return respond(error.status, { __type: error.type, message: error.message }, { 'x-amzn-errortype': `${error.type}:` });
}

function parseBody(text: string): Body {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new CognitoServiceError('SerializationException', 'The request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CognitoServiceError('SerializationException', 'The request body must be a JSON object.');
  return value as Body;
}

/**
 * Answers one Cognito API request, the body as a JSON value. Never throws: every failure is an
 * answer in Cognito's error shape (`{ __type, message }`, HTTP 400; 500 for internal faults).
 *
 * @example
 * const { status, payload, headers } = await answerCognitoRequest(pool, { target, body });
 * sendJson(res, status, payload, headers);
 */
export async function answerCognitoRequest(pool: UserPool, request: CognitoRequest): Promise<CognitoAnswer> {
  try {
    const target = request.target ?? '';
    if (!target.startsWith(COGNITO_TARGET_PREFIX)) {
      throw new CognitoServiceError('UnknownOperationException', `Expected the X-Amz-Target header ${COGNITO_TARGET_PREFIX}<Operation>.`);
    }
    const name = target.slice(COGNITO_TARGET_PREFIX.length);
    const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
    if (operation === undefined) {
      throw new CognitoServiceError('UnsupportedOperationException', `The local Cognito user pool does not implement ${name}. Supported operations: ${SUPPORTED_OPERATIONS.join(', ')}.`);
    }
    return respond(200, await operation(pool, parseBody(request.body)));
  } catch (error) {
    if (error instanceof CognitoServiceError) return cognitoErrorAnswer(error);
    pool.onInternalError(error);
    return cognitoErrorAnswer(new CognitoServiceError('InternalErrorException', 'The local Cognito user pool failed unexpectedly; see the emulator log.', { status: 500 }));
  }
}

/**
 * Answers one Cognito API request, the body as JSON text. Never throws (see
 * {@link answerCognitoRequest}).
 *
 * @example
 * const answer = await handleCognitoRequest(pool, {
 *   target: 'AWSCognitoIdentityProviderService.InitiateAuth',
 *   body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'localdevclient', AuthParameters: { USERNAME: 'agent@example.com', PASSWORD: 'Passw0rd!' } }),
 * });
 */
export async function handleCognitoRequest(pool: UserPool, request: CognitoRequest): Promise<CognitoResponse> {
  const { status, headers, payload } = await answerCognitoRequest(pool, request);
  return { status, headers, body: JSON.stringify(payload) };
}
