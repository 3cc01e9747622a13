/**
 * Evaluation of the rule table. APPSYNC_JS-safe: no classes, regex, try, throw or classic loops.
 * It loops with `for…of` rather than `some`/`filter` over the read-only arrays of the table,
 * which `@aws-appsync/eslint-plugin` cannot tell apart from passing functions around.
 */
import type { Identity } from './identity.ts';
import type { FieldRule, Grant, Group, Scope } from './rules.ts';
import { GROUPS, rules, SCOPES, STAFF } from './rules.ts';
import { SCHEMA_FIELDS } from './schema-fields.generated.ts';

/** Whether the identity holds a verified email: `email` present and `email_verified === true`. */
export function hasVerifiedEmail(identity: Identity): boolean {
  return identity.kind === 'USER' && identity.email !== null && identity.email !== '' && identity.emailVerified;
}

/** Whether the identity belongs to `agents` or `admins`. */
export function isStaff(identity: Identity): boolean {
  if (identity.kind !== 'USER') return false;
  for (const group of STAFF) {
    if (identity.groups.includes(group)) return true;
  }
  return false;
}

// A grant is read as a group only if it is a known group and as a scope only if it is a known
// scope, so that a Cognito group named like a scope (or the reverse) never grants anything.
function holds(identity: Identity, grant: Grant): boolean {
  if (grant === 'anyValidToken') return true;
  if (grant === 'anyUser') return identity.kind === 'USER';
  if (grant === 'verifiedEmail') return hasVerifiedEmail(identity);
  if (GROUPS.includes(grant as Group)) return identity.kind === 'USER' && identity.groups.includes(grant);
  if (SCOPES.includes(grant as Scope)) return identity.scopes.includes(grant);
  return false;
}

/**
 * Whether the identity holds one of the rule's scope grants, which grant every item and so
 * skip the rule's item check.
 */
export function holdsScopeGrant(identity: Identity, rule: FieldRule | undefined | null): boolean {
  if (rule === undefined || rule === null) return false;
  for (const grant of rule.allow) {
    if (SCOPES.includes(grant as Scope) && identity.scopes.includes(grant)) return true;
  }
  return false;
}

/**
 * Whether a rule lets the identity through. A missing rule denies.
 *
 * @example
 * decide(identity, rules['Query.tickets']); // true for agents and admins
 */
export function decide(identity: Identity, rule: FieldRule | undefined | null): boolean {
  if (rule === undefined || rule === null) return false;
  for (const grant of rule.allow) {
    if (holds(identity, grant)) return true;
  }
  return false;
}

/**
 * Whether the identity may use the field at `coordinate` (`Type.field`). Fields the table does
 * not name are denied.
 */
export function isFieldAllowed(identity: Identity, coordinate: string): boolean {
  return decide(identity, rules[coordinate]);
}

/**
 * Every field of the schema the identity may not use, as AppSync's `deniedFields` wants them.
 * It depends on the identity alone, never on a query: AppSync replays it for every operation
 * made with the same token while the answer is cached.
 *
 * @example
 * deniedFields(customer); // ['Query.tickets', 'Mutation.assignTicket', …, 'Ticket.internalNotes']
 */
export function deniedFields(identity: Identity): string[] {
  const denied: string[] = [];
  for (const coordinate of SCHEMA_FIELDS) {
    if (!isFieldAllowed(identity, coordinate)) denied.push(coordinate);
  }
  return denied;
}

/**
 * The data-level rule `reporterOrStaff`: the ticket's reporter, proven by a verified email, or
 * staff. Email comparison ignores case, as Cognito's email sign-in does.
 */
export function isReporterOrStaff(identity: Identity, reporter: string): boolean {
  if (isStaff(identity)) return true;
  return hasVerifiedEmail(identity) && (identity.email as string).toLowerCase() === reporter.toLowerCase();
}
