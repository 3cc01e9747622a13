/**
 * Signs in through the emulator's Cognito-compatible endpoint with `fetch`, the same JSON API
 * (`InitiateAuth`) an AWS SDK or Amplify uses against the real service.
 */
import type { ConsoleConfig } from '../contract.ts';

/** The tokens of one sign-in or refresh. */
export interface CognitoTokens {
  readonly idToken: string;
  readonly accessToken: string;
  /** Only a sign-in returns one; a refresh keeps the old. */
  readonly refreshToken: string | null;
  /** Seconds. */
  readonly expiresIn: number;
}

/** A refusal or failure of the Cognito endpoint, with Cognito's error type. */
export class CognitoRequestError extends Error {
  override readonly name = 'CognitoRequestError';
  readonly errorType: string;

  constructor(errorType: string, message: string) {
    super(message);
    this.errorType = errorType;
  }
}

async function initiateAuth(config: ConsoleConfig, authFlow: string, authParameters: Record<string, string>): Promise<CognitoTokens> {
  let response: Response;
  try {
    response = await fetch(config.cognitoEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({ AuthFlow: authFlow, ClientId: config.clientId, AuthParameters: authParameters }),
    });
  } catch {
    throw new CognitoRequestError('NetworkError', `Could not reach the Cognito endpoint at ${config.cognitoEndpoint}. Is the emulator running?`);
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok || body === null) {
    const rawType = typeof body?.__type === 'string' ? body.__type : `HTTP ${response.status}`;
    const message = typeof body?.message === 'string' ? body.message : typeof body?.Message === 'string' ? body.Message : response.statusText;
    throw new CognitoRequestError(rawType.split('#').pop() ?? rawType, message);
  }
  if (typeof body.ChallengeName === 'string') {
    throw new CognitoRequestError('ChallengeNotSupported', `Cognito asked for the ${body.ChallengeName} challenge, which the console does not handle.`);
  }
  const result = body.AuthenticationResult as Record<string, unknown> | undefined;
  if (result === undefined || typeof result.IdToken !== 'string' || typeof result.AccessToken !== 'string') {
    throw new CognitoRequestError('UnexpectedResponse', 'The Cognito endpoint answered without tokens.');
  }
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: typeof result.RefreshToken === 'string' ? result.RefreshToken : null,
    expiresIn: typeof result.ExpiresIn === 'number' ? result.ExpiresIn : 3600,
  };
}

/**
 * `InitiateAuth` with `USER_PASSWORD_AUTH`.
 *
 * @example
 * const tokens = await signIn(config, 'agent@example.com', 'Passw0rd!');
 */
export function signIn(config: ConsoleConfig, username: string, password: string): Promise<CognitoTokens> {
  return initiateAuth(config, 'USER_PASSWORD_AUTH', { USERNAME: username, PASSWORD: password });
}

/**
 * `InitiateAuth` with `REFRESH_TOKEN_AUTH`: new ID and access tokens for a refresh token.
 *
 * @example
 * const fresh = await refreshTokens(config, tokens.refreshToken);
 */
export function refreshTokens(config: ConsoleConfig, refreshToken: string): Promise<CognitoTokens> {
  return initiateAuth(config, 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: refreshToken });
}
