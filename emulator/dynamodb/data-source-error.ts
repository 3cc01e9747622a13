/**
 * An error a data source reports to the resolver as `ctx.error` (`{ message, type }`), the way
 * AppSync does: the response handler decides whether it becomes a GraphQL error.
 */
export class DataSourceError extends Error {
  override readonly name = 'DataSourceError';
  /** AppSync's error type, e.g. `DynamoDB:ConditionalCheckFailedException`. */
  readonly errorType: string;
  /** What AppSync still puts in `ctx.result` with the error (e.g. `cancellationReasons`), or `null`. */
  readonly result: unknown;

  constructor(errorType: string, message: string, result: unknown = null) {
    super(message);
    this.errorType = errorType;
    this.result = result;
  }
}
