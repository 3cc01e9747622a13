/**
 * The error of one field in AppSync's terms (`message`, `errorType`, `data`, `errorInfo`): what
 * `util.error` raises in a resolver, and what the GraphQL layer raises for a denied field or a
 * spent resolver budget. It lives with the resolvers, which the GraphQL layer builds on.
 */

/**
 * An error a resolver (or the authorization layer) raises for one field.
 *
 * @example
 * throw new AppSyncFieldError('Ticket not found', 'NotFound');
 */
export class AppSyncFieldError extends Error {
  override readonly name = 'AppSyncFieldError';
  readonly errorType: string | null;
  readonly data: unknown;
  readonly errorInfo: unknown;

  constructor(message: string, errorType: string | null, data: unknown = null, errorInfo: unknown = null) {
    super(message);
    this.errorType = errorType;
    this.data = data;
    this.errorInfo = errorInfo;
  }
}
