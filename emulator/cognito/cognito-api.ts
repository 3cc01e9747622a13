/**
 * The Cognito user pool API as the local pool answers it, over Cognito's JSON protocol
 * (`POST /`, `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`,
 * `Content-Type: application/x-amz-json-1.1`). A pure request handler: no HTTP here.
 *
 * Operations: `InitiateAuth` (`USER_PASSWORD_AUTH`, `REFRESH_TOKEN_AUTH`/`REFRESH_TOKEN`),
 * `GetTokensFromRefreshToken` (how Amplify v6 refreshes), `GetUser`, `RevokeToken` (Amplify's
 * `signOut()`), `GlobalSignOut` (`signOut({ global: true })`). Anything else is answered with
 * `UnsupportedOperationException` naming what is supported.
 */
import { randomUUID } from 'node:crypto';
import { CognitoServiceError, INCORRECT_CREDENTIALS_MESSAGE } from './errors.ts';
import { decodeJwt, hasValidSignature } from './jwt.ts';
import type { RefreshTokenStore } from './refresh-token-store.ts';
import type { SigningKeys } from './signing-keys.ts';
import type { TokenIssuer } from './token-issuer.ts';
import { USER_ADMIN_SCOPE } from './trigger-event.ts';
import { userAttributes, type PoolUser, type UserStore } from './user-store.ts';

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

/** What the API works on. */
export interface CognitoApiContext {
  readonly issuer: string;
  readonly clientId: string;
  readonly keys: SigningKeys;
  readonly users: UserStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly tokens: TokenIssuer;
  readonly refreshTokenLifetimeSeconds: number;
  readonly now: () => number;
  /** Called with errors that are not Cognito answers (bugs, a broken data directory). */
  readonly onInternalError: (error: unknown) => void;
}

type Body = Record<string, unknown>;
type Operation = (context: CognitoApiContext, body: Body) => Promise<Body>;

/** Flows that exist in Cognito but are not enabled for the local app client. */
const DISABLED_FLOWS = new Set(['USER_SRP_AUTH', 'CUSTOM_AUTH', 'USER_AUTH']);
const ADMIN_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH']);
const ALL_FLOWS = ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH'];

function nowSeconds(context: CognitoApiContext): number {
  return Math.floor(context.now() / 1000);
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

function requireClient(context: CognitoApiContext, body: Body): string {
  const clientId = requireString(body, 'ClientId');
  if (clientId !== context.clientId) throw new CognitoServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  return clientId;
}

function authParameter(body: Body, name: string): string {
  const parameters = body.AuthParameters;
  const value = parameters !== null && typeof parameters === 'object' ? (parameters as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || value === '') throw new CognitoServiceError('InvalidParameterException', `Missing required parameter ${name}`);
  return value;
}

function clientMetadata(body: Body): Record<string, string> | undefined {
  const value = body.ClientMetadata;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

async function signInWithPassword(context: CognitoApiContext, body: Body): Promise<Body> {
  const username = authParameter(body, 'USERNAME');
  const password = authParameter(body, 'PASSWORD');
  const user = await context.users.authenticate(username, password);
  if (user === null) throw new CognitoServiceError('NotAuthorizedException', INCORRECT_CREDENTIALS_MESSAGE);
  const authTime = nowSeconds(context);
  const session = { originJti: randomUUID(), authTime };
  const tokens = await context.tokens.issue({ user, triggerSource: 'TokenGeneration_Authentication', session });
  const refreshToken = context.refreshTokens.issue({
    sub: user.sub,
    clientId: context.clientId,
    originJti: session.originJti,
    authTime,
    expiresAt: authTime + context.refreshTokenLifetimeSeconds,
  });
  return {
    AuthenticationResult: { AccessToken: tokens.accessToken, ExpiresIn: tokens.expiresIn, IdToken: tokens.idToken, RefreshToken: refreshToken, TokenType: 'Bearer' },
    ChallengeParameters: {},
  };
}

/** New tokens for a refresh token; the answer carries no new refresh token (no rotation). */
async function refresh(context: CognitoApiContext, refreshToken: string, metadata: Record<string, string> | undefined): Promise<Body> {
  const session = context.refreshTokens.find(refreshToken, nowSeconds(context));
  const user = session === undefined || session.clientId !== context.clientId ? undefined : context.users.findBySub(session.sub);
  if (session === undefined || user === undefined) throw new CognitoServiceError('NotAuthorizedException', 'Invalid Refresh Token');
  const tokens = await context.tokens.issue({
    user,
    triggerSource: 'TokenGeneration_RefreshTokens',
    session: { originJti: session.originJti, authTime: session.authTime },
    clientMetadata: metadata,
  });
  return { AccessToken: tokens.accessToken, ExpiresIn: tokens.expiresIn, IdToken: tokens.idToken, TokenType: 'Bearer' };
}

const initiateAuth: Operation = async (context, body) => {
  requireClient(context, body);
  const flow = requireString(body, 'AuthFlow');
  if (flow === 'USER_PASSWORD_AUTH') return signInWithPassword(context, body);
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    return { AuthenticationResult: await refresh(context, authParameter(body, 'REFRESH_TOKEN'), undefined), ChallengeParameters: {} };
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

const getTokensFromRefreshToken: Operation = async (context, body) => {
  const refreshToken = requireString(body, 'RefreshToken');
  requireClient(context, body);
  return { AuthenticationResult: await refresh(context, refreshToken, clientMetadata(body)) };
};

/** Checks an access token as Cognito's user API does; returns its user. */
function authenticateAccessToken(context: CognitoApiContext, token: string): PoolUser {
  const decoded = decodeJwt(token);
  const match = decoded === null || typeof decoded.header.kid !== 'string' ? undefined : context.keys.byKid(decoded.header.kid);
  const payload = decoded?.payload;
  const valid =
    decoded !== null &&
    match?.use === 'access' &&
    hasValidSignature(decoded, match.key) &&
    payload?.token_use === 'access' &&
    payload.iss === context.issuer &&
    typeof payload.sub === 'string' &&
    typeof payload.exp === 'number';
  if (!valid || payload === undefined) throw new CognitoServiceError('NotAuthorizedException', 'Invalid Access Token');
  if ((payload.exp as number) <= nowSeconds(context)) throw new CognitoServiceError('NotAuthorizedException', 'Access Token has expired');
  if (typeof payload.origin_jti === 'string' && context.refreshTokens.isRevoked(payload.origin_jti, nowSeconds(context))) {
    throw new CognitoServiceError('NotAuthorizedException', 'Access Token has been revoked');
  }
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  if (!scopes.includes(USER_ADMIN_SCOPE)) throw new CognitoServiceError('NotAuthorizedException', 'Access Token does not have required scopes');
  const user = context.users.findBySub(payload.sub as string);
  if (user === undefined) throw new CognitoServiceError('UserNotFoundException', 'User does not exist.');
  return user;
}

const getUser: Operation = async (context, body) => {
  const user = authenticateAccessToken(context, requireString(body, 'AccessToken'));
  return { UserAttributes: Object.entries(userAttributes(user)).map(([Name, Value]) => ({ Name, Value })), Username: user.username };
};

const revokeToken: Operation = async (context, body) => {
  const token = requireString(body, 'Token');
  requireClient(context, body);
  // Unknown or already revoked tokens are accepted silently: revocation is idempotent.
  context.refreshTokens.revoke(token, nowSeconds(context) + context.refreshTokenLifetimeSeconds);
  return {};
};

const globalSignOut: Operation = async (context, body) => {
  const user = authenticateAccessToken(context, requireString(body, 'AccessToken'));
  context.refreshTokens.revokeAllFor(user.sub, nowSeconds(context) + context.refreshTokenLifetimeSeconds);
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

function respond(status: number, payload: Body, extraHeaders: Record<string, string> = {}): CognitoResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID(), ...extraHeaders },
    body: JSON.stringify(payload),
  };
}

function errorResponse(error: CognitoServiceError): CognitoResponse {
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
 * Answers one Cognito API request. Never throws: every failure is an answer in Cognito's error
 * shape (`{ __type, message }`, HTTP 400; 500 for internal faults).
 *
 * @example
 * const answer = await handleCognitoRequest(context, {
 *   target: 'AWSCognitoIdentityProviderService.InitiateAuth',
 *   body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'localdevclient', AuthParameters: { USERNAME: 'agent@example.com', PASSWORD: 'Passw0rd!' } }),
 * });
 */
export async function handleCognitoRequest(context: CognitoApiContext, request: CognitoRequest): Promise<CognitoResponse> {
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
    return respond(200, await operation(context, parseBody(request.body)));
  } catch (error) {
    if (error instanceof CognitoServiceError) return errorResponse(error);
    context.onInternalError(error);
    return errorResponse(new CognitoServiceError('InternalErrorException', 'The local Cognito user pool failed unexpectedly; see the emulator log.', { status: 500 }));
  }
}
