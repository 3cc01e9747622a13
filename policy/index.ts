/**
 * The authorization policy shared by the authorizer and the resolvers. It imports nothing
 * outside this folder, and everything here is APPSYNC_JS-safe.
 */
export type { Identity, PrincipalKind, ResolverContext, TokenUse } from './identity.ts';
export { fromResolverContext, toResolverContext } from './identity.ts';
export type { FieldRule, Grant, Group, ItemRule, Scope } from './rules.ts';
export { GROUPS, rules, SCOPES, STAFF } from './rules.ts';
export { decide, deniedFields, hasVerifiedEmail, holdsScopeGrant, isFieldAllowed, isReporterOrStaff, isStaff } from './decide.ts';
export { SCHEMA_FIELDS } from './schema-fields.generated.ts';
