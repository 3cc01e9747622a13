/**
 * How resolvers read the answer to a TransactWriteItems request.
 */
import { util, type Context } from '@aws-appsync/utils';
import { TRANSACTION_CANCELED } from './errors.ts';

/**
 * Why DynamoDB cancelled the transaction: one reason type per action, in request order
 * (`ConditionalCheckFailed`, `TransactionConflict`, `None`, …), or `null` when it succeeded.
 * Any other data source error stops the resolver with its own message and type.
 *
 * @example
 * const reasons = cancellationReasons(ctx);
 * if (reasons !== null && reasons[0] === 'ConditionalCheckFailed') util.error('Gone', 'NotFound');
 */
export function cancellationReasons(ctx: Context): string[] | null {
  const error = ctx.error;
  if (error === undefined || error === null) return null;
  if (error.type !== TRANSACTION_CANCELED) util.error(error.message, error.type);
  const result = ctx.result as { cancellationReasons?: Array<{ type: string }> | null } | null | undefined;
  if (result === null || result === undefined || result.cancellationReasons === null || result.cancellationReasons === undefined) return [];
  return result.cancellationReasons.map((reason) => reason.type);
}
