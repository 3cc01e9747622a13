/**
 * What the rule table says each persona may do, computed from `policy/` and the seed file, not
 * from the emulator: the identity a token of that user carries (ID tokens: email and its
 * verification; access tokens on the default V1 trigger: no email), then `isFieldAllowed` and
 * the data-level rule. A machine's identity is its client's (seed file `clients`): no user, its
 * scopes alone.
 */
import { readFileSync } from 'node:fs';
import { holdsScopeGrant, isFieldAllowed, isReporterOrStaff, rules, type Identity } from '../../../../policy/index.ts';

interface SeedFile {
  users: Array<{ email: string; emailVerified: boolean; groups: string[] }>;
  clients: Array<{ clientId: string; allowedOAuthFlows?: string[]; allowedOAuthScopes?: string[] }>;
}

const seed = JSON.parse(readFileSync(new URL('../../../../emulator/seed-users.json', import.meta.url), 'utf8')) as SeedFile;

/** The identity the authorizer builds for this user's token (V1 trigger: access tokens carry no email). */
export function expectedIdentity(email: string, tokenUse: 'id' | 'access'): Identity {
  const user = seed.users.find((candidate) => candidate.email === email);
  if (user === undefined) throw new Error(`${email} is not in the seed file`);
  return {
    kind: 'USER',
    sub: 'unused',
    username: 'unused',
    clientId: 'unused',
    email: tokenUse === 'id' ? user.email : null,
    emailVerified: tokenUse === 'id' && user.emailVerified,
    groups: user.groups,
    scopes: tokenUse === 'id' ? [] : ['aws.cognito.signin.user.admin'],
    tokenUse,
  };
}

/**
 * The identity the authorizer builds for a client-credentials token of this seeded client: every
 * scope the client is allowed, or the ones it was narrowed to (`null`: none asked for).
 *
 * @example
 * machineIdentity('localreportingclient', null).scopes; // ['helpdesk/tickets.read']
 */
export function machineIdentity(clientId: string, narrowedTo: readonly string[] | null): Identity {
  const client = seed.clients.find((candidate) => candidate.clientId === clientId && candidate.allowedOAuthFlows?.includes('client_credentials') === true);
  if (client === undefined) throw new Error(`${clientId} is not a client-credentials client of the seed file`);
  const allowed = client.allowedOAuthScopes ?? [];
  const scopes = narrowedTo ?? allowed;
  const foreign = scopes.filter((scope) => !allowed.includes(scope));
  if (foreign.length > 0) throw new Error(`${clientId} may not be granted ${foreign.join(' ')}`);
  return { kind: 'MACHINE', sub: clientId, username: clientId, clientId, email: null, emailVerified: false, groups: [], scopes, tokenUse: 'access' };
}

/** What should happen when a persona uses a field on a ticket reported by `reporter`. */
export type Expectation = 'allowed' | 'deniedByAuthorizer' | 'refusedByResolver';

/**
 * @example
 * expectedOutcome(expectedIdentity('other@example.com', 'id'), 'Mutation.addComment', 'customer@example.com'); // 'refusedByResolver'
 */
export function expectedOutcome(identity: Identity, coordinate: string, reporter: string): Expectation {
  if (!isFieldAllowed(identity, coordinate)) return 'deniedByAuthorizer';
  const rule = rules[coordinate];
  if (rule?.item === 'reporterOrStaff' && !holdsScopeGrant(identity, rule) && !isReporterOrStaff(identity, reporter)) return 'refusedByResolver';
  return 'allowed';
}
