/**
 * The authorization policy shared by the authorizer and the resolvers. It imports nothing
 * outside this folder, and everything here is APPSYNC_JS-safe.
 */
export type { Identity, ResolverContext, TokenUse } from './identity.ts';
export { fromResolverContext, toResolverContext } from './identity.ts';
export type { FieldRule, Grant, Group, ItemRule } from './rules.ts';
export { rules, STAFF } from './rules.ts';
export { decide, deniedFields, hasVerifiedEmail, isFieldAllowed, isReporterOrStaff, isStaff } from './decide.ts';
export { SCHEMA_FIELDS } from './schema-fields.generated.ts';
