/**
 * One emulator per test file, started on 127.0.0.1 with a free port, and helpers to call it
 * over real HTTP as a client would.
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../../emulator/start-emulator.ts';
import { clientCredentialsToken } from '../../../helpers/client-credentials.ts';

/** A persona of the matrix: a seeded user and which of its tokens is sent. */
export interface Persona {
  readonly email: string;
  readonly tokenUse: 'id' | 'access';
  readonly token: string;
}

/** The seeded users of `emulator/seed-users.json`. */
export const SEEDED_USERS = [
  'customer@example.com',
  'other@example.com',
  'agent@example.com',
  'admin@example.com',
  'unverified@example.com',
] as const;

/** The seeded users' password. */
export const PASSWORD = 'Passw0rd!';

/** A GraphQL answer as the client sees it. */
export interface GraphqlAnswer {
  readonly status: number;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: Array<Record<string, unknown>>;
  };
}

/**
 * Starts an in-memory emulator (unless `options` says otherwise) that logs into `logs`.
 *
 * @example
 * const { emulator, logs } = await startTestEmulator();
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<{ emulator: RunningEmulator; logs: string[] }> {
  const logs: string[] = [];
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    inMemory: options.dataDir === undefined,
    log: (line) => logs.push(line),
    ...options,
  });
  return { emulator, logs };
}

/** Signs every seeded user in and gives a persona per user and token kind. */
export async function signInEveryone(emulator: RunningEmulator): Promise<Persona[]> {
  const personas: Persona[] = [];
  for (const email of SEEDED_USERS) {
    const tokens = await emulator.identityProvider.signIn(email, PASSWORD);
    personas.push({ email, tokenUse: 'id', token: tokens.idToken }, { email, tokenUse: 'access', token: tokens.accessToken });
  }
  return personas;
}

/** The seeded machine clients of `emulator/seed-users.json` (`clients`) and their secrets. */
export const SEEDED_MACHINE_CLIENTS = [
  { clientId: 'localreportingclient', secret: 'reporting-secret' },
  { clientId: 'localtriageclient', secret: 'triage-secret' },
] as const;

/** A persona of the matrix standing for a machine: a client-credentials token of a seeded client. */
export interface MachinePersona {
  readonly clientId: string;
  /** The scopes the token was narrowed to, or `null` when none were asked for (every allowed scope). */
  readonly narrowedTo: readonly string[] | null;
  readonly token: string;
}

export { clientCredentialsToken };

/** Finds one persona. */
export function persona(personas: readonly Persona[], email: string, tokenUse: 'id' | 'access'): Persona {
  const found = personas.find((candidate) => candidate.email === email && candidate.tokenUse === tokenUse);
  if (found === undefined) throw new Error(`no persona ${email}/${tokenUse}`);
  return found;
}

/**
 * Posts one GraphQL request, as AppSync clients do: the token is the raw `Authorization` header.
 *
 * @example
 * const { status, body } = await graphql(emulator, token, '{ me { username } }');
 */
export async function graphql(
  emulator: RunningEmulator,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  extraHeaders: Record<string, string> = {},
): Promise<GraphqlAnswer> {
  const response = await fetch(emulator.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: token }), ...extraHeaders },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as GraphqlAnswer['body'] };
}

/** Like {@link graphql}, but fails the test unless the answer is 200 without errors. */
export async function graphqlOk(emulator: RunningEmulator, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const answer = await graphql(emulator, token, query, variables);
  if (answer.status !== 200 || answer.body.errors !== undefined) {
    throw new Error(`expected success, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.data as Record<string, unknown>;
}

/** AppSync's 401 body. */
export const UNAUTHORIZED_BODY = {
  errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
};
