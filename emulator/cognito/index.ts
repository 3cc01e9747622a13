/**
 * The offline emulator's local Cognito user pool. Public surface:
 * - `createCognitoPart(options)`: the pool as an emulator part (routes, identity provider,
 *   JWKS fault switchboard, close);
 * - `createIdentityProvider(options)`: the pool's programmatic front end (sign in, JWKS, JSON API);
 * - `createUserPool(options)` and the flows over it: the core, for other front ends;
 * - `createCognitoRouteHandler(pool)`: the routes as one first-match route function.
 */
export { createCognitoPart } from './cognito-part.ts';
export type { CognitoPart, CognitoPartOptions } from './cognito-part.ts';
export { createIdentityProvider, identityProviderOf } from './identity-provider.ts';
export type { IdentityProvider, IdentityProviderOptions, SignInResult } from './identity-provider.ts';
export { createUserPool, DEFAULT_CLIENT_ID, DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS, DEFAULT_TOKEN_LIFETIME_SECONDS, DEFAULT_USER_POOL_ID } from './user-pool.ts';
export type { UserPool, UserPoolOptions } from './user-pool.ts';
export { computeSecretHash } from './app-client.ts';
export type { AppClient, AppClientConfig, ExplicitAuthFlow, OAuthFlow } from './app-client.ts';
export { refreshSession, signInWithPassword } from './user-sessions.ts';
export type { ClientProof, UserSignIn } from './user-sessions.ts';
export { ClientCredentialsError, grantClientCredentials } from './client-credentials.ts';
export type { ClientCredentialsGrant } from './client-credentials.ts';
export { cognitoRoutes, OAUTH_TOKEN_PATH } from './cognito-routes.ts';
export { createCognitoRouteHandler } from './http-adapter.ts';
export type { CognitoRouteHandler } from './http-adapter.ts';
export { interceptJwksFetches } from './jwks-host.ts';
export type { InProcessJwksSource, JwksFetchAnswer, JwksHostRegistration } from './jwks-host.ts';
export { COGNITO_CONTENT_TYPE, COGNITO_TARGET_PREFIX, SUPPORTED_OPERATIONS } from './cognito-api.ts';
export type { CognitoRequest, CognitoResponse } from './cognito-api.ts';
export { CognitoConfigurationError, CognitoServiceError, INCORRECT_CREDENTIALS_MESSAGE } from './errors.ts';
export type { CognitoErrorType } from './errors.ts';
export { DEFAULT_SEED_FILE } from './seed-users.ts';
export type { PreTokenGenerationHandler, TriggerVersion } from './trigger-event.ts';
export type { Jwks, PublicJwk, SigningKey, SigningKeys } from './signing-keys.ts';
export type { PoolUser } from './user-store.ts';
