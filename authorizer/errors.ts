/**
 * The authorizer's own errors. Verification failures are aws-jwt-verify's errors; these cover
 * what the library does not: configuration, the token's envelope and JWKS fetch guarding.
 */

/** Base class of every error the authorizer raises itself. */
export abstract class AuthorizerError extends Error {
  override readonly name: string = 'AuthorizerError';
}

/** The Lambda's environment is missing or malformed; raised once, at cold start. */
export class ConfigurationError extends AuthorizerError {
  override readonly name = 'ConfigurationError';

  constructor(
    message: string,
    /** The environment variable at fault. */
    readonly variable: string,
    options?: ErrorOptions,
  ) {
    super(`${variable}: ${message}`, options);
  }
}

/** The `Authorization` header holds nothing that could be a token. */
export class MissingTokenError extends AuthorizerError {
  override readonly name = 'MissingTokenError';
}

/** The token is longer than any Cognito token; refused before it is parsed. */
export class TokenTooLongError extends AuthorizerError {
  override readonly name = 'TokenTooLongError';

  constructor(
    readonly actual: number,
    readonly expected: number,
  ) {
    super(`Token is ${actual} characters long; at most ${expected} are accepted`);
  }
}

/** A verified token lacks a claim every Cognito token has (`sub`, the user name). */
export class IncompleteIdentityError extends AuthorizerError {
  override readonly name = 'IncompleteIdentityError';

  constructor(readonly claim: string) {
    super(`Token has no ${claim} claim`);
  }
}

/**
 * A token of a machine (client-credentials) client that is not a machine's access token: an ID
 * token, or one naming a user. Cognito mints neither for such a client.
 */
export class MachineTokenError extends AuthorizerError {
  override readonly name = 'MachineTokenError';

  constructor(readonly reason: string) {
    super(`Token of a machine client ${reason}`);
  }
}

/** A JWKS fetch failed: network error, bad status, or no answer in time. */
export class JwksFetchError extends AuthorizerError {
  override readonly name: string = 'JwksFetchError';
}

/** A JWKS fetch was refused because one was attempted too recently for the same URI. */
export class JwksFetchThrottledError extends JwksFetchError {
  override readonly name = 'JwksFetchThrottledError';
}

/** A JWKS fetch did not finish within its deadline. */
export class JwksFetchTimeoutError extends JwksFetchError {
  override readonly name = 'JwksFetchTimeoutError';
}
