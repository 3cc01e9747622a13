/**
 * The caller as every part of the project sees it, whichever Cognito token they sent.
 *
 * APPSYNC_JS-safe: resolvers bundle this file, so it uses no classes, regex, try or throw.
 */
export interface Identity {
  readonly sub: string;
  readonly username: string;
  /** Present only when the token carries it: ID tokens, or access tokens enriched by the V2 trigger. */
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly groups: readonly string[];
  readonly tokenUse: TokenUse;
}

/** Cognito's `token_use` claim. */
export type TokenUse = 'id' | 'access';

/**
 * The flat, string-only `resolverContext` the authorizer hands to AppSync, which passes it to
 * resolvers as `ctx.identity.resolverContext`. AppSync accepts no nesting, so `groups` is JSON.
 */
export interface ResolverContext {
  readonly sub: string;
  readonly username: string;
  /** Empty when the token carries no email. */
  readonly email: string;
  readonly emailVerified: 'true' | 'false';
  /** A JSON array of group names, e.g. `["agents"]`. */
  readonly groups: string;
  readonly tokenUse: TokenUse;
}

/**
 * Flattens an identity into the authorizer's `resolverContext`.
 *
 * @example
 * toResolverContext(identity).groups; // '["agents"]'
 */
export function toResolverContext(identity: Identity): ResolverContext {
  return {
    sub: identity.sub,
    username: identity.username,
    email: identity.email === null ? '' : identity.email,
    emailVerified: identity.emailVerified ? 'true' : 'false',
    groups: JSON.stringify(identity.groups),
    tokenUse: identity.tokenUse,
  };
}

/**
 * Reads the identity back from `ctx.identity.resolverContext` inside a resolver.
 * Anything missing or malformed reads as the least privileged value, never as a grant.
 *
 * @example
 * const identity = fromResolverContext(ctx.identity?.resolverContext);
 */
export function fromResolverContext(context: Partial<ResolverContext> | null | undefined): Identity {
  const source = context === null || context === undefined ? {} : context;
  // APPSYNC_JS's JSON.parse returns "" for invalid JSON instead of throwing; Node's throws,
  // so only well-formed arrays are parsed and everything else counts as no groups.
  const rawGroups = typeof source.groups === 'string' ? source.groups : '';
  const parsed: unknown = rawGroups.startsWith('[') && rawGroups.endsWith(']') ? JSON.parse(rawGroups) : [];
  const groups = Array.isArray(parsed) ? parsed.filter((group) => typeof group === 'string') : [];
  return {
    sub: typeof source.sub === 'string' ? source.sub : '',
    username: typeof source.username === 'string' ? source.username : '',
    email: typeof source.email === 'string' && source.email !== '' ? source.email : null,
    emailVerified: source.emailVerified === 'true',
    groups,
    tokenUse: source.tokenUse === 'id' ? 'id' : 'access',
  };
}
