/**
 * The Lambda authorizer's answer as AppSync reads it. Anything malformed counts as a refusal.
 */

/** An answer AppSync accepts as authorized. */
export interface AuthorizedAnswer {
  readonly isAuthorized: true;
  readonly resolverContext: Readonly<Record<string, string>>;
  readonly deniedFields: readonly string[];
  /** Seconds to cache, or `null` to use the API's configured TTL. */
  readonly ttlOverride: number | null;
}

/** A refusal; `ttlOverride` as the authorizer gave it (a refusal is cached too). */
export interface RefusedAnswer {
  readonly isAuthorized: false;
  readonly ttlOverride: number | null;
}

/** What the emulator makes of one authorizer invocation. */
export type AuthorizerDecision = AuthorizedAnswer | RefusedAnswer;

function ttlOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}

/**
 * Reads an authorizer's raw answer. `resolverContext` values must be flat (no nesting); strings
 * are kept, numbers and booleans stringified as AppSync does.
 *
 * @example
 * readAuthorizerAnswer({ isAuthorized: true, resolverContext: { sub: 'x' } }).isAuthorized; // true
 */
export function readAuthorizerAnswer(raw: unknown): AuthorizerDecision {
  if (raw === null || typeof raw !== 'object') return { isAuthorized: false, ttlOverride: null };
  const answer = raw as Record<string, unknown>;
  const ttlOverride = ttlOf(answer.ttlOverride);
  if (answer.isAuthorized !== true) return { isAuthorized: false, ttlOverride };
  const resolverContext: Record<string, string> = {};
  const rawContext = answer.resolverContext;
  if (rawContext !== undefined && rawContext !== null) {
    if (typeof rawContext !== 'object' || Array.isArray(rawContext)) return { isAuthorized: false, ttlOverride: null };
    for (const [key, value] of Object.entries(rawContext)) {
      if (typeof value === 'string') resolverContext[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') resolverContext[key] = String(value);
      else return { isAuthorized: false, ttlOverride: null };
    }
  }
  const deniedFields = Array.isArray(answer.deniedFields) ? answer.deniedFields.filter((entry): entry is string => typeof entry === 'string') : [];
  return { isAuthorized: true, resolverContext, deniedFields, ttlOverride };
}
