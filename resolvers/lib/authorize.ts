/**
 * Re-checks of the rule table inside resolvers, from `ctx.identity.resolverContext`. The
 * authorizer already applied the group rules through `deniedFields`, but AppSync may still run a
 * denied mutation's resolver, and data-level rules need the item, which only a resolver reads.
 */
import { util, type Context } from '@aws-appsync/utils';
import { decide, isReporterOrStaff } from '../../policy/decide.ts';
import { fromResolverContext, type Identity, type ResolverContext } from '../../policy/identity.ts';
import { rules } from '../../policy/rules.ts';
import { ErrorType } from './errors.ts';

/**
 * The caller, read from the authorizer's `resolverContext`. Anything missing reads as the least
 * privileged identity.
 */
export function callerOf(ctx: Context): Identity {
  const identity = ctx.identity as { resolverContext?: Partial<ResolverContext> | null } | null | undefined;
  return fromResolverContext(identity === null || identity === undefined ? null : identity.resolverContext);
}

/**
 * The caller, after checking the rule of `coordinate` (`Type.field`) lets them through; stops
 * the resolver with `Unauthorized` otherwise.
 *
 * @example
 * const caller = requireFieldRule(ctx, 'Mutation.deleteTicket');
 */
export function requireFieldRule(ctx: Context, coordinate: string): Identity {
  const caller = callerOf(ctx);
  if (!decide(caller, rules[coordinate])) {
    util.error(`Not Authorized to access ${coordinate}.`, ErrorType.Unauthorized);
  }
  return caller;
}

/**
 * Applies the data-level rule `reporterOrStaff` to a ticket: stops the resolver with
 * `Unauthorized` unless the caller reported it (verified email) or is staff.
 */
export function requireReporterOrStaff(caller: Identity, ticket: { id: string; reporter: string }): void {
  if (!isReporterOrStaff(caller, ticket.reporter)) {
    util.error(`Not Authorized to access ticket ${ticket.id}: only its reporter and staff may.`, ErrorType.Unauthorized);
  }
}
