/**
 * The limits the deployed API enforces, in one file with no CDK import so that the offline
 * emulator applies exactly the same numbers and the same token check as AppSync does. The
 * authorizer result TTL bounds are re-exported from `authorizer/result-ttl.ts`, their owner.
 *
 * @example
 * import { QUERY_DEPTH_LIMIT, AUTHORIZATION_TOKEN_PATTERN } from '../infra/api-limits.ts';
 * if (!new RegExp(AUTHORIZATION_TOKEN_PATTERN).test(header)) return unauthorized();
 */

/**
 * Maximum nesting depth of one operation (AppSync `queryDepthLimit`, 1–75). Depth counts
 * fields along the deepest path, fragments spread in place: `{ me { sub } }` is 2.
 *
 * The helpdesk schema has no cycles, so its deepest real selection is four levels
 * (`tickets { items { comments { id } } }`). The limit guards schemas that add a cycle
 * (say `Comment.ticket`), while still admitting the standard introspection query (graphql-js
 * `getIntrospectionQuery()` is 15 levels deep) in case AppSync counts introspection fields too,
 * which its documentation does not settle: GraphiQL and code generators keep working.
 */
export const QUERY_DEPTH_LIMIT = 15;

/**
 * Maximum number of resolver invocations in one request (AppSync `resolverCountLimit`,
 * 1–10 000): a resolver on a field of a list item counts once per item. A page of tickets with their comments costs one invocation per ticket plus the
 * page itself; 1 000 leaves room for several aliased pages and stops abusive fan-out early.
 */
export const RESOLVER_COUNT_LIMIT = 1000;

/**
 * AppSync `identityValidationExpression` (CDK `validationRegex`): an `Authorization` value that
 * does not match is refused with 401 before the Lambda authorizer is invoked (and billed).
 *
 * Admits a compact JWS, i.e. three base64url segments whose first two are JSON objects
 * (`{"` encodes to `eyJ`), with an optional `Bearer ` prefix in any letter case. It is written
 * in the common subset of Java and JavaScript regular expressions (character classes only, no
 * flags), because AppSync evaluates it in Java and the emulator in JavaScript.
 */
export const AUTHORIZATION_TOKEN_PATTERN =
  '^(?:[Bb][Ee][Aa][Rr][Ee][Rr] )?eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';

// The authorizer's result TTL bounds are owned by the authorizer, which enforces them and may
// not import infra/; they are re-exported here so that every AppSync limit is read from one place.
export { DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS, MAX_AUTHORIZER_RESULT_TTL_SECONDS } from '../authorizer/result-ttl.ts';

/**
 * AppSync's limit on the `code` of one resolver or pipeline function, in characters (bundled
 * APPSYNC_JS: AppSync refuses a longer one on create and update, and `EvaluateCode` refuses it
 * too). The build, the static check, the manifest reader and `evaluateCode` all apply it.
 */
export const MAX_CODE_LENGTH = 32_768;

/**
 * AppSync's rule for the name of an API environment variable (`ctx.env`): a letter, then
 * letters, digits and `_`, at least 2 characters in all.
 */
export const ENVIRONMENT_VARIABLE_NAME = /^[A-Za-z][0-9A-Za-z_]+$/;

/** The most environment variables AppSync holds for one API. */
export const MAX_ENVIRONMENT_VARIABLES = 50;
