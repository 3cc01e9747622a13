/**
 * Reads the trigger's answer and applies it to the token claims as Cognito does:
 * - V1 `claimsOverrideDetails` changes the ID token only (string values);
 * - V2 `claimsAndScopeOverrideDetails` changes either token (`idTokenGeneration`,
 *   `accessTokenGeneration` with `scopesToAdd`/`scopesToSuppress`; JSON values);
 * - `groupOverrideDetails`, when present, replaces `cognito:groups` in both tokens (an empty or
 *   null one removes the groups) and sets `cognito:roles`/`cognito:preferred_role` in the ID token;
 * - a claim both overridden and suppressed is suppressed;
 * - core claims (`sub`, `iss`, `exp`, `token_use`, `aud`, `client_id`, `scope`, ...) and the group
 *   claims cannot be changed through claims: such entries are ignored.
 */
import { CognitoServiceError } from './errors.ts';
import type { TriggerVersion } from './trigger-event.ts';

/** Claims Cognito does not let the trigger add, change or suppress in the ID token. */
export const PROTECTED_ID_TOKEN_CLAIMS: ReadonlySet<string> = new Set([
  'acr', 'amr', 'aud', 'at_hash', 'auth_time', 'azp', 'cognito:username', 'exp', 'iat', 'identities',
  'iss', 'jti', 'nbf', 'nonce', 'origin_jti', 'sub', 'token_use',
]);

/** The same for the access token, which adds its own core claims (scopes change through scopesToAdd/Suppress). */
export const PROTECTED_ACCESS_TOKEN_CLAIMS: ReadonlySet<string> = new Set([...PROTECTED_ID_TOKEN_CLAIMS, 'client_id', 'scope', 'username']);

/** Changed only through `groupOverrideDetails`. */
const GROUP_CLAIMS: ReadonlySet<string> = new Set(['cognito:groups', 'cognito:roles', 'cognito:preferred_role']);

/** Claim changes for one token. */
export interface ClaimChanges {
  readonly addOrOverride: Readonly<Record<string, unknown>>;
  readonly suppress: readonly string[];
}

/** Everything the trigger asked for, normalized. */
export interface TokenOverrides {
  readonly idToken: ClaimChanges;
  readonly accessToken: ClaimChanges & { readonly scopesToAdd: readonly string[]; readonly scopesToSuppress: readonly string[] };
  /** `undefined`: keep the user's groups. */
  readonly groups: { readonly groups: readonly string[]; readonly iamRoles: readonly string[]; readonly preferredRole: string | null } | undefined;
}

const NO_CHANGES: ClaimChanges = { addOrOverride: {}, suppress: [] };

function invalid(): never {
  // Cognito's answer to any answer it cannot read.
  throw new CognitoServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isJsonValue(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  return isObject(value) && Object.values(value).every(isJsonValue);
}

function readStrings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) invalid();
  return value as string[];
}

function readClaimChanges(value: unknown, version: TriggerVersion): ClaimChanges {
  if (value === undefined || value === null) return NO_CHANGES;
  if (!isObject(value)) invalid();
  const add = value.claimsToAddOrOverride ?? {};
  if (!isObject(add)) invalid();
  for (const claim of Object.values(add)) {
    // V1 takes strings only; V2 takes any JSON value.
    if (version === '1' ? typeof claim !== 'string' : !isJsonValue(claim)) invalid();
  }
  return { addOrOverride: add, suppress: readStrings(value.claimsToSuppress) };
}

function readGroups(details: Record<string, unknown>): TokenOverrides['groups'] {
  if (!('groupOverrideDetails' in details) || details.groupOverrideDetails === undefined) return undefined;
  const value = details.groupOverrideDetails;
  if (value === null) return { groups: [], iamRoles: [], preferredRole: null };
  if (!isObject(value)) invalid();
  const preferredRole = value.preferredRole;
  if (preferredRole !== undefined && preferredRole !== null && typeof preferredRole !== 'string') invalid();
  return { groups: readStrings(value.groupsToOverride), iamRoles: readStrings(value.iamRolesToOverride), preferredRole: preferredRole ?? null };
}

/**
 * Normalizes the trigger's answer (the event it returned) for `version`.
 *
 * @example
 * const overrides = readTokenOverrides(await invokeTrigger(handler, event), '2');
 */
export function readTokenOverrides(answer: unknown, version: TriggerVersion): TokenOverrides {
  if (!isObject(answer)) invalid();
  const response = answer.response;
  if (response === undefined || response === null) return { idToken: NO_CHANGES, accessToken: { ...NO_CHANGES, scopesToAdd: [], scopesToSuppress: [] }, groups: undefined };
  if (!isObject(response)) invalid();
  const details = version === '1' ? response.claimsOverrideDetails : response.claimsAndScopeOverrideDetails;
  if (details === undefined || details === null) return { idToken: NO_CHANGES, accessToken: { ...NO_CHANGES, scopesToAdd: [], scopesToSuppress: [] }, groups: undefined };
  if (!isObject(details)) invalid();
  if (version === '1') {
    return { idToken: readClaimChanges(details, '1'), accessToken: { ...NO_CHANGES, scopesToAdd: [], scopesToSuppress: [] }, groups: readGroups(details) };
  }
  const accessGeneration = details.accessTokenGeneration;
  if (accessGeneration !== undefined && accessGeneration !== null && !isObject(accessGeneration)) invalid();
  return {
    idToken: readClaimChanges(details.idTokenGeneration, '2'),
    accessToken: {
      ...readClaimChanges(accessGeneration, '2'),
      scopesToAdd: readStrings(accessGeneration?.scopesToAdd),
      scopesToSuppress: readStrings(accessGeneration?.scopesToSuppress),
    },
    groups: readGroups(details),
  };
}

/**
 * Applies claim changes to `claims` in place: additions and overrides first, then suppressions
 * (so suppress wins), skipping protected and group claims.
 *
 * @example
 * applyClaimChanges(idClaims, overrides.idToken, PROTECTED_ID_TOKEN_CLAIMS);
 */
export function applyClaimChanges(claims: Record<string, unknown>, changes: ClaimChanges, protectedClaims: ReadonlySet<string>): void {
  const changeable = (name: string): boolean => !protectedClaims.has(name) && !GROUP_CLAIMS.has(name);
  for (const [name, value] of Object.entries(changes.addOrOverride)) {
    if (changeable(name)) claims[name] = structuredClone(value);
  }
  for (const name of changes.suppress) {
    if (changeable(name)) delete claims[name];
  }
}

/**
 * The access token's `scope` after `scopesToAdd` then `scopesToSuppress` (suppress wins);
 * `undefined` when no scope is left.
 *
 * @example
 * applyScopeChanges('aws.cognito.signin.user.admin', ['tickets/read'], []); // 'aws.cognito.signin.user.admin tickets/read'
 */
export function applyScopeChanges(scope: string, scopesToAdd: readonly string[], scopesToSuppress: readonly string[]): string | undefined {
  const scopes = new Set(scope.split(' ').filter((item) => item !== ''));
  for (const item of scopesToAdd) if (item.trim() !== '') scopes.add(item.trim());
  for (const item of scopesToSuppress) scopes.delete(item.trim());
  return scopes.size === 0 ? undefined : [...scopes].join(' ');
}
