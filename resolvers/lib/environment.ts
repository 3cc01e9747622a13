/**
 * The API environment variables (`ctx.env`) the resolvers read. The build declares them in the
 * manifest's `environment`; the CDK app and the emulator set them.
 */
import { util, type Context } from '@aws-appsync/utils';
import { ErrorType } from './errors.ts';

/** The variable holding the table's name, which batch and transaction requests must give. */
export const TABLE_NAME_VARIABLE = 'TABLE_NAME';

/**
 * The table's name from `ctx.env`; stops the resolver with a `ConfigurationError` naming the
 * variable when the API was deployed without it.
 *
 * @example
 * const table = tableName(ctx, 'Adding a comment');
 */
export function tableName(ctx: Context, purpose: string): string {
  const env = ctx.env as Record<string, string> | null | undefined;
  const name = env === null || env === undefined ? undefined : env[TABLE_NAME_VARIABLE];
  if (typeof name !== 'string' || name === '') {
    util.error(`${purpose} needs the API environment variable ${TABLE_NAME_VARIABLE} (the table's name).`, ErrorType.ConfigurationError);
  }
  return name;
}
