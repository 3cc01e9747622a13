/**
 * The offline emulator's local Cognito user pool. Public surface (the pool as an emulator part,
 * with the fault switchboard, is `emulator/cognito-part.ts`):
 * - `createIdentityProvider(options)`: the pool's programmatic front end (sign in, JWKS, JSON API);
 * - `createUserPool(options)`: the core, which `identityProviderOf(pool)` and
 *   `cognitoRoutes(pool)` put front ends over;
 * - `createCognitoRouteHandler(provider)`: the routes as one first-match route function.
 */
export { createIdentityProvider, identityProviderOf } from './identity-provider.ts';
export type { IdentityProvider, IdentityProviderOptions, SignInResult } from './identity-provider.ts';
export { createUserPool, DEFAULT_CLIENT_ID, DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS, DEFAULT_TOKEN_LIFETIME_SECONDS, DEFAULT_USER_POOL_ID } from './user-pool.ts';
export type { UserPool, UserPoolOptions } from './user-pool.ts';
export { computeSecretHash } from './app-client.ts';
export type { AppClient, AppClientConfig, ExplicitAuthFlow, OAuthFlow } from './app-client.ts';
export { cognitoRoutes, OAUTH_TOKEN_PATH } from './cognito-routes.ts';
export { createCognitoRouteHandler } from './http-adapter.ts';
export type { CognitoRouteHandler } from './http-adapter.ts';
export { COGNITO_CONTENT_TYPE, COGNITO_TARGET_PREFIX, SUPPORTED_OPERATIONS } from './cognito-api.ts';
export type { CognitoRequest, CognitoResponse } from './cognito-api.ts';
export { CognitoConfigurationError, CognitoServiceError, INCORRECT_CREDENTIALS_MESSAGE } from './errors.ts';
export type { CognitoErrorType } from './errors.ts';
export { DEFAULT_SEED_FILE, readSeedFile } from './seed-users.ts';
export type { PreTokenGenerationHandler, TriggerVersion } from './trigger-event.ts';
export type { Jwks, PublicJwk } from './signing-keys.ts';
export type { PoolUser } from './user-store.ts';
