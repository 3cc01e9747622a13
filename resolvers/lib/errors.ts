/**
 * The error types resolvers report through `util.error(message, errorType)`. Clients read them
 * from `errors[].errorType`, so they are part of the API.
 */
export const ErrorType = {
  /** An argument breaks an input limit (length, emptiness, range). */
  ValidationError: 'ValidationError',
  /** The item the request is about does not exist (or no longer does). */
  NotFound: 'NotFound',
  /** The item to create already exists. */
  Conflict: 'Conflict',
  /** The caller may not do this: a group rule or a data-level rule refused. AppSync's own word. */
  Unauthorized: 'Unauthorized',
  /** The API is deployed without something the resolver needs (e.g. an environment variable). */
  ConfigurationError: 'ConfigurationError',
} as const;

/** One of {@link ErrorType}. */
export type ErrorTypeName = (typeof ErrorType)[keyof typeof ErrorType];

/** The error type AppSync gives a DynamoDB request whose condition failed. */
export const CONDITIONAL_CHECK_FAILED = 'DynamoDB:ConditionalCheckFailedException';

/** The error type AppSync gives a cancelled transaction; `ctx.result.cancellationReasons` says why. */
export const TRANSACTION_CANCELED = 'DynamoDB:TransactionCanceledException';
