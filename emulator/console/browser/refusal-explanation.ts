/**
 * Explains in words why a subscription (or its connection) was refused, from the `error` frame
 * and what the page knows: the token's claims, the authorizer's `deniedFields` for it, and the
 * field's rule from the rule table. The raw `errorType: message` always comes first, so the
 * explanation never hides what the server said.
 */
import type { ConsoleFieldRule } from '../contract.ts';
import type { Claims } from './jwt-claims.ts';
import type { ProtocolError } from './realtime-frames.ts';

/** What the token says about its caller, as the rules read it. */
export interface CallerFacts {
  readonly kind: 'user' | 'machine';
  readonly tokenUse: 'id' | 'access';
  readonly email: string | null;
  /** `email_verified` is the boolean `true`. */
  readonly emailVerified: boolean;
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
}

/** What the page knows when a refusal comes in. */
export interface RefusalContext {
  /** The subscription field, e.g. `onCommentAdded`. */
  readonly field: string;
  readonly rule: ConsoleFieldRule | null;
  /** The authorizer's `deniedFields` for the token, or `null` when the panel has not got them. */
  readonly deniedFields: readonly string[] | null;
  readonly caller: CallerFacts;
}

/** The words shown. */
export interface RefusalExplanation {
  readonly title: string;
  readonly lines: readonly string[];
}

const DENIED_FIELD = /^Not Authorized to access (\S+) on type (\S+)$/;

/**
 * The facts of a token's claims.
 *
 * @example
 * callerFacts(decodeClaims(accessToken) ?? {}, 'user').email; // null on the default stack
 */
export function callerFacts(claims: Claims, kind: 'user' | 'machine'): CallerFacts {
  const groups = claims['cognito:groups'];
  const scope = claims.scope;
  return {
    kind,
    tokenUse: claims.token_use === 'id' ? 'id' : 'access',
    email: typeof claims.email === 'string' ? claims.email : null,
    emailVerified: claims.email_verified === true,
    groups: Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : [],
    scopes: typeof scope === 'string' ? scope.split(' ').filter((entry) => entry !== '') : [],
  };
}

function tokenLabel(caller: CallerFacts): string {
  if (caller.kind === 'machine') return "machine client's access token";
  return caller.tokenUse === 'id' ? 'ID token' : 'access token';
}

function grantText(grant: string): string {
  if (grant === 'anyValidToken') return 'any valid token';
  if (grant === 'anyUser') return "any user's token";
  if (grant === 'verifiedEmail') return 'a verified email in the token';
  return grant.includes('/') ? `the scope ${grant}` : `the ${grant} group`;
}

function holds(grant: string, caller: CallerFacts): boolean {
  if (grant === 'anyValidToken') return true;
  if (grant === 'anyUser') return caller.kind === 'user';
  if (grant === 'verifiedEmail') return caller.email !== null && caller.emailVerified;
  return grant.includes('/') ? caller.scopes.includes(grant) : caller.groups.includes(grant);
}

function listText(items: readonly string[], joiner: 'or' | 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1] ?? ''}`;
}

function holdingsText(caller: CallerFacts): string {
  const email = caller.email === null ? 'no email' : caller.emailVerified ? `the verified email ${caller.email}` : `the email ${caller.email}, not verified`;
  const groups = caller.groups.length === 0 ? 'no group' : `the group${caller.groups.length === 1 ? '' : 's'} ${caller.groups.join(', ')}`;
  const scopes = caller.scopes.length === 0 ? 'no scope' : `the scope${caller.scopes.length === 1 ? '' : 's'} ${caller.scopes.join(' ')}`;
  return `${email}, ${groups}, ${scopes}`;
}

function itemText(item: string | null): string | null {
  if (item === 'reporterOrStaff') return "Its resolver then reads the ticket and lets through only the ticket's reporter (by verified email) or staff.";
  return item === null ? null : `Its resolver then applies the item rule ${item}.`;
}

function deniedLines(coordinate: string, context: RefusalContext): string[] {
  const { caller, rule } = context;
  const listed = context.deniedFields?.includes(coordinate) === true;
  const lines = [
    listed
      ? `${coordinate} is in this token's deniedFields (see the authorizer's decision), so AppSync refused the subscription before its resolver ran.`
      : `The authorizer's answer for this token denies ${coordinate}, so AppSync refused the subscription before its resolver ran.`,
  ];
  if (rule !== null && rule.allow.length > 0) {
    const missing = rule.allow.filter((grant) => !holds(grant, caller));
    lines.push(
      missing.length === rule.allow.length
        ? `Its rule lets through ${listText(rule.allow.map(grantText), 'or')}; this ${tokenLabel(caller)} holds none of them (it carries ${holdingsText(caller)}).`
        : `Its rule lets through ${listText(rule.allow.map(grantText), 'or')}; this ${tokenLabel(caller)} carries ${holdingsText(caller)}.`,
    );
  } else if (rule !== null) {
    lines.push('Its rule lets nobody through.');
  }
  const deniedSubscriptions = (context.deniedFields ?? []).filter((field) => field.startsWith('Subscription.'));
  if (deniedSubscriptions.length > 0) lines.push(`Of the subscriptions, this token's deniedFields name ${listText(deniedSubscriptions, 'and')}.`);
  if (caller.kind === 'user' && caller.tokenUse === 'access' && caller.email === null && rule?.allow.includes('verifiedEmail') === true) {
    lines.push('On the default stack an access token carries no email: send the ID token instead, or start the emulator with --access-token-email (the V2 trigger then copies the verified email into access tokens).');
  }
  if (caller.kind === 'machine') lines.push('A machine token holds only its scopes: no email, no group.');
  return lines;
}

function explainOne(error: ProtocolError, context: RefusalContext): string[] {
  const raw = `${error.errorType}${error.errorCode === undefined ? '' : ` (${error.errorCode})`}: ${error.message}`;
  const coordinate = `Subscription.${context.field}`;
  const denied = DENIED_FIELD.exec(error.message);
  if (error.errorType === 'Unauthorized' && denied !== null && `${denied[2]}.${denied[1]}` === coordinate) return [raw, ...deniedLines(coordinate, context)];
  if (error.errorType === 'Unauthorized') {
    const item = itemText(context.rule?.item ?? null);
    return [raw, `The authorizer let this token subscribe to ${coordinate}, but the subscription's resolver refused it (it runs once, when you subscribe).`, ...(item === null ? [] : [item])];
  }
  if (error.errorType === 'UnauthorizedException') {
    return [raw, 'The authorizer refused this token (isAuthorized: false): it expired, or it is not a token of this user pool. Every request with it gets the same answer.'];
  }
  if (error.errorType === 'NotFound') return [raw, "The subscription's resolver found nothing to subscribe to: check the ticket id."];
  if (error.errorType === 'ValidationError') return [raw, 'The subscription does not match the schema, so nothing was registered.'];
  return [raw];
}

/**
 * The explanation of a refusal.
 *
 * @example
 * explainRefusal('subscription', [{ errorType: 'Unauthorized', message: 'Not Authorized to access onCommentAdded on type Subscription' }], context).lines[1];
 * // 'Subscription.onCommentAdded is in this token's deniedFields (see the authorizer's decision), …'
 */
export function explainRefusal(scope: 'connection' | 'subscription', errors: readonly ProtocolError[], context: RefusalContext): RefusalExplanation {
  const title = scope === 'connection' ? 'The real-time connection was refused' : `Subscription.${context.field} was refused`;
  const lines = errors.length === 0 ? ['The server gave no reason.'] : errors.flatMap((error) => explainOne(error, context));
  return { title, lines };
}
