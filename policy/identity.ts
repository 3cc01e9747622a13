/**
 * The caller as every part of the project sees it, whichever Cognito token they sent.
 *
 * APPSYNC_JS-safe: resolvers bundle this file, so it uses no classes, regex, try or throw.
 */
export interface Identity {
  /** A signed-in user (ID or access token) or a machine (a client-credentials access token). */
  readonly kind: PrincipalKind;
  /** Cognito's `sub`; for a machine, its app client id. */
  readonly sub: string;
  /** The user's name; for a machine, which has none, its app client id. */
  readonly username: string;
  /** The app client the token was issued to (`aud` of an ID token, `client_id` of an access token). */
  readonly clientId: string;
  /** Present only when the token carries it: ID tokens, or access tokens enriched by the V2 trigger. */
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly groups: readonly string[];
  /** The access token's `scope`, split; an ID token has none. */
  readonly scopes: readonly string[];
  readonly tokenUse: TokenUse;
}

/** Cognito's `token_use` claim. */
export type TokenUse = 'id' | 'access';

/** What kind of caller a token stands for. */
export type PrincipalKind = 'USER' | 'MACHINE';

/**
 * The flat, string-only `resolverContext` the authorizer hands to AppSync, which passes it to
 * resolvers as `ctx.identity.resolverContext`. AppSync accepts no nesting, so `groups` is JSON.
 */
export interface ResolverContext {
  readonly kind: PrincipalKind;
  readonly sub: string;
  readonly username: string;
  readonly clientId: string;
  /** Empty when the token carries no email. */
  readonly email: string;
  readonly emailVerified: 'true' | 'false';
  /** A JSON array of group names, e.g. `["agents"]`. */
  readonly groups: string;
  /** A JSON array of OAuth scopes, e.g. `["helpdesk/tickets.read"]`. */
  readonly scopes: string;
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
    kind: identity.kind,
    sub: identity.sub,
    username: identity.username,
    clientId: identity.clientId,
    email: identity.email === null ? '' : identity.email,
    emailVerified: identity.emailVerified ? 'true' : 'false',
    groups: JSON.stringify(identity.groups),
    scopes: JSON.stringify(identity.scopes),
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
  return {
    // A machine holds scopes only; a context that does not say USER reads as one, so that a
    // malformed context never gains a user's grants (groups, email).
    kind: source.kind === 'USER' ? 'USER' : 'MACHINE',
    sub: typeof source.sub === 'string' ? source.sub : '',
    username: typeof source.username === 'string' ? source.username : '',
    clientId: typeof source.clientId === 'string' ? source.clientId : '',
    email: source.kind === 'USER' && typeof source.email === 'string' && source.email !== '' ? source.email : null,
    emailVerified: source.kind === 'USER' && source.emailVerified === 'true',
    groups: source.kind === 'USER' ? stringList(source.groups) : [],
    scopes: stringList(source.scopes),
    tokenUse: source.tokenUse === 'id' ? 'id' : 'access',
  };
}

/**
 * A JSON array of strings read back from `resolverContext`. APPSYNC_JS's JSON.parse returns ""
 * for invalid JSON instead of throwing; Node's throws, so only well-formed arrays are parsed and
 * everything else counts as an empty list.
 */
function stringList(raw: unknown): string[] {
  const text = typeof raw === 'string' ? raw : '';
  const parsed: unknown = text.startsWith('[') && text.endsWith(']') ? JSON.parse(text) : [];
  return Array.isArray(parsed) ? parsed.filter((value) => typeof value === 'string') : [];
}
