/**
 * The one way resolver tests build AppSync's `ctx`: a seeded persona (`emulator/seed-users.json`) signed in with an ID
 * or access token, flattened by the authorizer's own `toResolverContext`, plus whatever the
 * handler under test reads (arguments, source, result, error, stash, previous result, env).
 */
import type { Identity } from '../../policy/identity.ts';
import { toResolverContext, type ResolverContext } from '../../policy/identity.ts';

/** The seeded users of the emulator (`emulator/seed-users.json`). */
export type PersonaName = 'customer' | 'other' | 'agent' | 'admin' | 'unverified';

/**
 * Which token the persona sent: `id` (carries the email), `access` (Lite plan, V1 trigger: no
 * email) or `access-v2` (the V2 trigger copied a verified email into it).
 */
export type TokenKind = 'id' | 'access' | 'access-v2';

/** The table name the tests give `ctx.env.TABLE_NAME`. */
export const TEST_TABLE_NAME = 'helpdesk-test-table';

type UserPersona = Pick<Identity, 'sub' | 'username' | 'email' | 'emailVerified' | 'groups'>;

const PERSONAS: Readonly<Record<PersonaName, UserPersona>> = {
  customer: { sub: '11111111-1111-4111-8111-111111111111', username: 'customer', email: 'customer@example.com', emailVerified: true, groups: [] },
  other: { sub: '22222222-2222-4222-8222-222222222222', username: 'other', email: 'other@example.com', emailVerified: true, groups: [] },
  agent: { sub: '33333333-3333-4333-8333-333333333333', username: 'agent', email: 'agent@example.com', emailVerified: true, groups: ['agents'] },
  admin: { sub: '44444444-4444-4444-8444-444444444444', username: 'admin', email: 'admin@example.com', emailVerified: true, groups: ['admins'] },
  unverified: { sub: '55555555-5555-4555-8555-555555555555', username: 'unverified', email: 'unverified@example.com', emailVerified: false, groups: [] },
};

/** The app client the personas sign in with. */
export const TEST_CLIENT_ID = 'localdevclient';

/** The seeded machine clients: `reporting` holds the read scope, `triage` read and triage. */
export type MachinePersonaName = 'reporting' | 'triage';

/** Anyone who can call the API: a user persona or a machine. */
export type CallerName = PersonaName | MachinePersonaName;

const MACHINES: Readonly<Record<MachinePersonaName, { clientId: string; scopes: readonly string[] }>> = {
  reporting: { clientId: 'localreportingclient', scopes: ['helpdesk/tickets.read'] },
  triage: { clientId: 'localtriageclient', scopes: ['helpdesk/tickets.read', 'helpdesk/tickets.triage'] },
};

function isMachine(caller: CallerName): caller is MachinePersonaName {
  return caller in MACHINES;
}

/**
 * The identity the authorizer builds for a persona and a token kind; a machine always sends
 * its client-credentials access token, so `token` does not apply to it.
 */
export function personaIdentity(persona: CallerName, token: TokenKind = 'id'): Identity {
  if (isMachine(persona)) {
    const { clientId, scopes } = MACHINES[persona];
    return { kind: 'MACHINE', sub: clientId, username: clientId, clientId, email: null, emailVerified: false, groups: [], scopes, tokenUse: 'access' };
  }
  const base = { ...PERSONAS[persona], kind: 'USER' as const, clientId: TEST_CLIENT_ID };
  if (token === 'id') return { ...base, scopes: [], tokenUse: 'id' };
  const scopes = ['aws.cognito.signin.user.admin'];
  if (token === 'access-v2' && base.emailVerified) return { ...base, scopes, tokenUse: 'access' };
  return { ...base, email: null, emailVerified: false, scopes, tokenUse: 'access' };
}

/** What a test says about the call; everything else takes AppSync's shape for that call. */
export interface ContextInput {
  /** The field being resolved, e.g. `Query.ticket`. */
  readonly field: string;
  readonly persona: CallerName;
  readonly token?: TokenKind;
  readonly args?: Readonly<Record<string, unknown>>;
  /** The parent object, for nested fields such as `Ticket.comments`. */
  readonly source?: Readonly<Record<string, unknown>>;
  /** The data source's answer, for a response handler. */
  readonly result?: unknown;
  /** The data source's error, for a response handler. */
  readonly error?: { readonly message: string; readonly type: string };
  readonly stash?: Readonly<Record<string, unknown>>;
  /** The previous pipeline step's result. */
  readonly prevResult?: unknown;
  /** `ctx.env`; by default `{ TABLE_NAME: TEST_TABLE_NAME }`. */
  readonly env?: Readonly<Record<string, string>>;
}

/** AppSync's `ctx` as EvaluateCode receives it (before `JSON.stringify`). */
export interface AppSyncContext {
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly args: Readonly<Record<string, unknown>>;
  readonly identity: { readonly resolverContext: ResolverContext };
  readonly source?: Readonly<Record<string, unknown>>;
  readonly result?: unknown;
  readonly error?: { readonly message: string; readonly type: string };
  readonly stash: Readonly<Record<string, unknown>>;
  readonly prev?: { readonly result: unknown };
  readonly env: Readonly<Record<string, string>>;
  readonly request: { readonly headers: Readonly<Record<string, string>>; readonly domainName: string | null };
  readonly info: {
    readonly fieldName: string;
    readonly parentTypeName: string;
    readonly variables: Readonly<Record<string, unknown>>;
    readonly selectionSetList: readonly string[];
    readonly selectionSetGraphQL: string;
  };
}

/**
 * A typed `ctx` for one handler call.
 *
 * @example
 * makeContext({ field: 'Query.ticket', persona: 'customer', args: { id: TICKET_ID } });
 */
export function makeContext(input: ContextInput): AppSyncContext {
  const [parentTypeName = '', fieldName = ''] = input.field.split('.');
  const args = input.args ?? {};
  return {
    arguments: args,
    args,
    identity: { resolverContext: toResolverContext(personaIdentity(input.persona, input.token)) },
    ...(input.source === undefined ? {} : { source: input.source }),
    ...('result' in input ? { result: input.result } : {}),
    ...(input.error === undefined ? {} : { error: input.error }),
    stash: input.stash ?? {},
    ...('prevResult' in input ? { prev: { result: input.prevResult } } : {}),
    env: input.env ?? { TABLE_NAME: TEST_TABLE_NAME },
    request: { headers: { 'content-type': 'application/json' }, domainName: null },
    info: { fieldName, parentTypeName, variables: {}, selectionSetList: ['id'], selectionSetGraphQL: '{\n  id\n}' },
  };
}
