/**
 * The errors the Cognito-compatible API answers with. Each carries Cognito's `__type` and the
 * message Cognito uses, so that AWS SDK and Amplify clients raise the same named errors they
 * raise against the real service.
 */

/** The `__type` values this emulator can answer with, all from Cognito's API reference. */
export type CognitoErrorType =
  | 'InvalidParameterException'
  | 'NotAuthorizedException'
  | 'ResourceNotFoundException'
  | 'UserNotFoundException'
  | 'UnsupportedOperationException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'UserLambdaValidationException'
  | 'InvalidLambdaResponseException'
  | 'InternalErrorException';

/**
 * An error answered to the client as `{ __type, message }` with an HTTP status (400 unless a
 * server fault).
 *
 * @example
 * throw new CognitoServiceError('NotAuthorizedException', 'Incorrect username or password.');
 */
export class CognitoServiceError extends Error {
  override readonly name = 'CognitoServiceError';
  readonly type: CognitoErrorType;
  readonly status: number;

  constructor(type: CognitoErrorType, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.type = type;
    this.status = options.status ?? 400;
  }
}

/** A seed file, key file or user store file that cannot be used; the message says which and why. */
export class CognitoConfigurationError extends Error {
  override readonly name = 'CognitoConfigurationError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Cognito's one message for both a wrong password and an unknown user (user existence errors
 * are prevented, the default for new user pools).
 */
export const INCORRECT_CREDENTIALS_MESSAGE = 'Incorrect username or password.';
