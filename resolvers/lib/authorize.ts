/**
 * Re-checks of the rule table inside resolvers, from `ctx.identity.resolverContext`. The
 * authorizer already applied the group rules through `deniedFields`, but AppSync may still run a
 * denied mutation's resolver, and data-level rules need the item, which only a resolver reads.
 */
import { util, type Context } from '@aws-appsync/utils';
import { decide, holdsScopeGrant, isReporterOrStaff } from '../../policy/decide.ts';
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
 * Applies the item rule of `coordinate` to a ticket. For `reporterOrStaff` it stops the
 * resolver with `Unauthorized` unless the caller reported it (verified email), is staff, or
 * holds one of the rule's scope grants (a scope grants every ticket).
 *
 * @example
 * requireItemRule(callerOf(ctx), 'Query.ticket', item);
 */
export function requireItemRule(caller: Identity, coordinate: string, ticket: { id: string; reporter: string }): void {
  const rule = rules[coordinate];
  if (rule === undefined || rule === null) {
    util.error(`Not Authorized to access ${coordinate}.`, ErrorType.Unauthorized);
    return;
  }
  if (rule.item === null || holdsScopeGrant(caller, rule)) return;
  if (!isReporterOrStaff(caller, ticket.reporter)) {
    util.error(`Not Authorized to access ticket ${ticket.id}: only its reporter and staff may.`, ErrorType.Unauthorized);
  }
}
