/**
 * `Query.me`: the caller as the authorizer saw their token. NONE data source: the request's
 * payload is the result, read from `ctx.identity.resolverContext` alone.
 */
import type { Context, NONERequest } from '@aws-appsync/utils';
import { callerOf } from './lib/authorize.ts';
import type { Identity } from './lib/schema.generated.ts';

export function request(ctx: Context): NONERequest {
  const caller = callerOf(ctx);
  const identity: Identity = {
    kind: caller.kind,
    sub: caller.sub,
    username: caller.username,
    clientId: caller.clientId,
    email: caller.email,
    emailVerified: caller.emailVerified,
    groups: caller.groups as string[],
    scopes: caller.scopes as string[],
    tokenUse: caller.tokenUse === 'id' ? 'ID' : 'ACCESS',
  };
  return { payload: identity };
}

export function response(ctx: Context): Identity {
  return ctx.result as Identity;
}
