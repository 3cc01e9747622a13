/**
 * How resolvers turn a data source's error (`ctx.error`) into the GraphQL error clients see.
 */
import { util, type Context } from '@aws-appsync/utils';
import { CONDITIONAL_CHECK_FAILED, type ErrorTypeName } from './errors.ts';

/**
 * Stops the resolver when the data source reported an error. A failed condition becomes
 * `conditionMessage` with `conditionType` (the conditions of this API say "the item exists" or
 * "the item does not exist yet", which only the resolver can put in words); anything else is
 * passed on with its own message and type.
 *
 * @example
 * failOnDataSourceError(ctx, `Ticket ${ctx.args.id} does not exist.`, ErrorType.NotFound);
 */
export function failOnDataSourceError(ctx: Context, conditionMessage: string, conditionType: ErrorTypeName): void {
  const error = ctx.error;
  if (error === undefined || error === null) return;
  if (error.type === CONDITIONAL_CHECK_FAILED) util.error(conditionMessage, conditionType);
  util.error(error.message, error.type);
}
