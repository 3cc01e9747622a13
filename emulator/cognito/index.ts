/**
 * The offline emulator's local Cognito user pool. Public surface:
 * - `createIdentityProvider(options)`: the pool (keys, users, tokens, the Cognito JSON API);
 * - `createCognitoRouteHandler(pool)`: mounts it on a Node `http` server.
 */
export { createIdentityProvider, DEFAULT_CLIENT_ID, DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS, DEFAULT_TOKEN_LIFETIME_SECONDS, DEFAULT_USER_POOL_ID } from './identity-provider.ts';
export type { IdentityProvider, IdentityProviderOptions, SignInResult } from './identity-provider.ts';
export { createCognitoRouteHandler } from './http-adapter.ts';
export type { CognitoRouteHandler } from './http-adapter.ts';
export { COGNITO_TARGET_PREFIX, SUPPORTED_OPERATIONS } from './cognito-api.ts';
export type { CognitoRequest, CognitoResponse } from './cognito-api.ts';
export { CognitoConfigurationError, CognitoServiceError, INCORRECT_CREDENTIALS_MESSAGE } from './errors.ts';
export type { CognitoErrorType } from './errors.ts';
export { DEFAULT_SEED_FILE } from './seed-users.ts';
export type { PreTokenGenerationHandler, TriggerVersion } from './trigger-event.ts';
export type { Jwks, PublicJwk } from './signing-keys.ts';
export type { PoolUser } from './user-store.ts';
