/**
 * Property-based hostile queries (fast-check): random selection sets over `schema.graphql`, with
 * aliases, fragments and `__typename`, sent by random personas with random token kinds through
 * the emulator's real `POST /graphql`. Whatever the shape, no field the identity's
 * `deniedFields` names comes back non-null, the staff-only notes never appear in the answer
 * unless the caller may read them, and no request produces a 5xx.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deniedFields, type Identity } from '../../policy/index.ts';
import { buildAppSyncSchema } from '../../scripts/appsync-schema.ts';
import { postGraphql, signInOverHttp, startHostileEmulator, type HostileEmulator, type SignedIn } from './support/hostile-emulator.ts';
import { PROPERTY_RUNS } from './support/query-cases.ts';
import { leakedValues, renderOperation, selectionsOf, type ArgumentsFor } from './support/selection-sets.ts';

interface SeedUser {
  readonly email: string;
  readonly emailVerified: boolean;
  readonly groups: readonly string[];
}
const seed = (JSON.parse(readFileSync(new URL('../../emulator/seed-users.json', import.meta.url), 'utf8')) as { users: SeedUser[] }).users;
const schema = buildAppSyncSchema();
const SECRET = `SECRET-NOTES-${randomUUID()}`;
const NUM_RUNS = PROPERTY_RUNS;

/** The identity the authorizer builds from a token of `user` (V1 trigger: access tokens carry no email). */
function identityOf(user: SeedUser, kind: 'idToken' | 'accessToken'): Identity {
  const id = kind === 'idToken';
  return {
    kind: 'USER',
    sub: 's',
    username: 'u',
    clientId: 'c',
    email: id ? user.email : null,
    emailVerified: id && user.emailVerified,
    groups: [...user.groups],
    scopes: id ? [] : ['aws.cognito.signin.user.admin'],
    tokenUse: id ? 'id' : 'access',
  };
}

describe('Hostile queries over HTTP: properties', () => {
  let target: HostileEmulator;
  const tokens = new Map<string, SignedIn>();
  let ticketId = '';

  const argumentsFor: ArgumentsFor = (coordinate, variant) => {
    const id = variant === 0 ? 'no-such-ticket' : ticketId;
    switch (coordinate) {
      case 'Query.ticket': return `(id: "${id}")`;
      case 'Query.myTickets': return variant === 1 ? '(limit: 2)' : '';
      case 'Query.tickets': return variant === 1 ? '(status: OPEN, limit: 3)' : '(limit: 5)';
      case 'Mutation.openTicket': return '(input: { title: "pbt", body: "pbt" })';
      case 'Mutation.addComment': return `(ticketId: "${id}", body: "pbt")`;
      case 'Mutation.assignTicket': return `(id: "${id}", assignee: "agent@example.com")`;
      case 'Mutation.setTicketStatus': return `(id: "${id}", status: OPEN)`;
      case 'Mutation.setInternalNotes': return `(id: "${id}", notes: "${SECRET}")`;
      case 'Mutation.deleteTicket': return '(id: "no-such-ticket")';
      default: return '';
    }
  };

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    target = await startHostileEmulator();
    for (const user of seed) tokens.set(user.email, await signInOverHttp(target.emulator, user.email));
    const url = target.emulator.graphqlUrl;
    const opened = await postGraphql(url, tokens.get('customer@example.com')!.idToken, { query: 'mutation { openTicket(input: { title: "Seed", body: "Seed" }) { id } }' });
    ticketId = (JSON.parse(opened.text) as { data: { openTicket: { id: string } } }).data.openTicket.id;
    await postGraphql(url, tokens.get('agent@example.com')!.idToken, { query: `mutation { setInternalNotes(id: "${ticketId}", notes: "${SECRET}") { id } }` });
  });

  afterAll(async () => {
    await target?.close();
    vi.restoreAllMocks();
  });

  const persona = fc.record({ user: fc.constantFrom(...seed), kind: fc.constantFrom('idToken' as const, 'accessToken' as const) });

  /** What the runs exercised, so that a generator producing only invalid operations fails the suite. */
  const stats = { runs: 0, withData: 0, deniedSelected: 0 };
  const selectedCoordinates = (fields: ReturnType<typeof renderOperation>['fields']): string[] => fields.flatMap((field) => [field.coordinate, ...selectedCoordinates(field.children)]);

  async function check(operation: 'query' | 'mutation', selections: Parameters<typeof renderOperation>[2], who: { user: SeedUser; kind: 'idToken' | 'accessToken' }): Promise<void> {
    const rendered = renderOperation(schema, operation, selections, argumentsFor);
    const denied = new Set(deniedFields(identityOf(who.user, who.kind)));
    const answer = await postGraphql(target.emulator.graphqlUrl, tokens.get(who.user.email)![who.kind], { query: rendered.query });
    expect(answer.status, rendered.query).toBe(200);
    const body = JSON.parse(answer.text) as { data?: unknown };
    stats.runs += 1;
    if (body.data !== null && body.data !== undefined) stats.withData += 1;
    if (selectedCoordinates(rendered.fields).some((coordinate) => denied.has(coordinate))) stats.deniedSelected += 1;
    expect(leakedValues(body.data, rendered.fields, (coordinate) => denied.has(coordinate)), rendered.query).toEqual([]);
    if (denied.has('Ticket.internalNotes')) expect(answer.text, rendered.query).not.toContain(SECRET);
  }

  it('never returns a denied field non-null, nor a 5xx, for random queries of random personas', async () => {
    // Prepare
    const query = schema.getQueryType() as GraphQLObjectType;
    const property = fc.asyncProperty(selectionsOf(schema, query, 3), persona, (selections, who) => check('query', selections, who));

    // Act + Assess
    await fc.assert(property, { numRuns: NUM_RUNS.queries });
  });

  it('never returns a denied field non-null, nor a 5xx, for random mutations and their payloads', async () => {
    // Prepare: one mutation field per operation, so that every run is a single write.
    const mutation = schema.getMutationType() as GraphQLObjectType;
    const oneMutation = selectionsOf(schema, mutation, 2).map((selections) => selections.filter((selection) => selection.kind === 'field').slice(0, 1));
    const property = fc.asyncProperty(oneMutation.filter((selections) => selections.length === 1), persona, (selections, who) => check('mutation', selections, who));

    // Act + Assess
    await fc.assert(property, { numRuns: NUM_RUNS.mutations });
  });

  it('exercised real answers and denied fields (the properties are not vacuous)', () => {
    // Assess
    expect(stats.runs).toBeGreaterThanOrEqual(NUM_RUNS.queries + NUM_RUNS.mutations);
    expect(stats.withData / stats.runs).toBeGreaterThan(0.2);
    expect(stats.deniedSelected / stats.runs).toBeGreaterThan(0.2);
  });
});
