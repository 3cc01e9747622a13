/**
 * Property-based hostile subscriptions (fast-check): random subscription documents over
 * `schema.graphql` (one root field, sometimes aliased or in a fragment on `Subscription`;
 * beneath it random selections with aliases, inline and named fragments, `__typename`, nested
 * `comments`), started by random personas with random token kinds (ID and access tokens of
 * every seeded user, both seeded machine clients) over real `wss://` sockets on 127.0.0.1.
 * When a start is acknowledged, staff publish every subscribed mutation selecting everything
 * (the notes included). Whatever the shape: an event never carries a field the subscriber's
 * `deniedFields` names non-null, the notes never reach one who may not read them, and every
 * refusal of a valid document is `Unauthorized` (of an invalid one, `ValidationError`).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { getNamedType, parse, validate, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deniedFields, type Identity } from '../../policy/index.ts';
import { buildAppSyncSchema } from '../../scripts/appsync-schema.ts';
import { clientCredentialsToken, signInOverHttp, startHostileEmulator, type HostileEmulator } from './support/hostile-emulator.ts';
import { ackedSocket, emulatorHost, errorTypes, startFrame, type RealtimeSocket } from './support/realtime-client.ts';
import { leakedValues, renderOperation, selectionsOf, type ArgumentsFor, type GeneratedSelection, type ResponseField } from './support/selection-sets.ts';
import { SUBSCRIPTION_PROPERTY_RUNS } from './support/subscription-cases.ts';
import { expectedIdentity, machineIdentity } from '../emulator/server/support/expected-access.ts';
import { openTicket, publishEverything } from './support/staff-events.ts';

interface SeedUser {
  readonly email: string;
  readonly emailVerified: boolean;
  readonly groups: readonly string[];
}
interface SeedClient {
  readonly clientId: string;
  readonly secret: string;
  readonly allowedOAuthScopes: readonly string[];
}
const seed = JSON.parse(readFileSync(new URL('../../emulator/seed-users.json', import.meta.url), 'utf8')) as { users: SeedUser[]; clients: SeedClient[] };
const schema = buildAppSyncSchema();
const SECRET = `SECRET-NOTES-${randomUUID()}`;

/** A caller of the runs: how their token is got, and the identity the authorizer builds from it. */
interface Persona {
  readonly label: string;
  readonly identity: Identity;
}

const PERSONAS: readonly Persona[] = [
  ...seed.users.flatMap((user) => (['id', 'access'] as const).map((kind) => ({ label: `${user.email} (${kind} token)`, identity: expectedIdentity(user.email, kind) }))),
  ...seed.clients.map((client) => ({ label: `${client.clientId} (client credentials)`, identity: machineIdentity(client.clientId, null) })),
];

describe('Hostile subscriptions over the real-time endpoint: properties', () => {
  let target: HostileEmulator;
  let host = '';
  let agent = '';
  let mine = '';
  let theirs = '';
  const tokens = new Map<string, string>();
  const sockets = new Map<string, RealtimeSocket>();

  const argumentsFor: ArgumentsFor = (coordinate, variant) => {
    // Mostly the customer's own ticket; sometimes another customer's.
    const id = variant === 3 ? theirs : mine;
    if (coordinate === 'Subscription.onTicketChanged') return `(id: "${id}")`;
    if (coordinate === 'Subscription.onCommentAdded') return `(ticketId: "${id}")`;
    return '';
  };

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    target = await startHostileEmulator();
    host = emulatorHost(target.emulator);
    for (const user of seed.users) {
      const signedIn = await signInOverHttp(target.emulator, user.email);
      tokens.set(`${user.email} (id token)`, signedIn.idToken);
      tokens.set(`${user.email} (access token)`, signedIn.accessToken);
    }
    for (const client of seed.clients) tokens.set(`${client.clientId} (client credentials)`, await clientCredentialsToken(target.emulator, client.clientId, client.secret));
    for (const persona of PERSONAS) sockets.set(persona.label, await ackedSocket(target.emulator, tokens.get(persona.label)!));
    agent = tokens.get('agent@example.com (id token)')!;
    mine = await openTicket(target.emulator, tokens.get('customer@example.com (id token)')!, 'Mine');
    theirs = await openTicket(target.emulator, tokens.get('other@example.com (id token)')!, 'Theirs');
  });

  afterAll(async () => {
    for (const socket of sockets.values()) socket.close();
    await target?.close();
    vi.restoreAllMocks();
  });

  /** One root field of `Subscription`, sometimes aliased, with random selections beneath; sometimes in a fragment. */
  const subscriptionType = schema.getSubscriptionType() as GraphQLObjectType;
  const rootField: fc.Arbitrary<GeneratedSelection> = fc.constantFrom(...Object.values(subscriptionType.getFields())).chain((field) =>
    fc.record({
      kind: fc.constant('field' as const),
      field: fc.constant(field.name),
      alias: fc.constantFrom('none' as const, 'unique' as const, 'borrowed' as const),
      variant: fc.nat(3),
      children: selectionsOf(schema, getNamedType(field.type) as GraphQLObjectType, 2),
    }),
  );
  const document = fc.oneof(
    { arbitrary: rootField.map((field) => [field]), weight: 4 },
    { arbitrary: rootField.map((field): GeneratedSelection[] => [{ kind: 'inline', typed: true, children: [field] }]), weight: 1 },
    { arbitrary: rootField.map((field): GeneratedSelection[] => [{ kind: 'named', children: [field] }]), weight: 1 },
  );

  /** What the runs exercised, so that generators producing only refusals (or only acks) fail the suite. */
  const stats = { runs: 0, acknowledged: 0, refused: 0, events: 0, eventsWithData: 0, deniedSelected: 0 };
  const coordinatesOf = (fields: readonly ResponseField[]): string[] => fields.flatMap((field) => [field.coordinate, ...coordinatesOf(field.children)]);

  async function check(selections: GeneratedSelection[], persona: Persona): Promise<void> {
    const rendered = renderOperation(schema, 'subscription', selections, argumentsFor);
    const denied = new Set(deniedFields(persona.identity));
    const valid = validate(schema, parse(rendered.query)).length === 0;
    const socket = sockets.get(persona.label)!;
    const id = `run-${stats.runs}`;
    stats.runs += 1;
    if (coordinatesOf(rendered.fields).some((coordinate) => denied.has(coordinate))) stats.deniedSelected += 1;

    socket.send(startFrame(id, tokens.get(persona.label)!, host, rendered.query));
    const answer = await socket.next();
    const context = `${persona.label}: ${rendered.query}`;
    expect(answer.id, context).toBe(id);
    expect(JSON.stringify(answer), context).not.toContain(SECRET);
    if (answer.type === 'error') {
      stats.refused += 1;
      expect(errorTypes(answer), context).toEqual([valid ? 'Unauthorized' : 'ValidationError']);
      return;
    }
    expect(answer.type, context).toBe('start_ack');
    expect(valid, context).toBe(true);
    stats.acknowledged += 1;
    await publishEverything(target.emulator, agent, mine, SECRET);
    await publishEverything(target.emulator, agent, theirs, SECRET);
    const frames = await socket.barrier();
    socket.send({ type: 'stop', id });
    expect(await socket.next(), context).toEqual({ type: 'complete', id });
    for (const frame of frames) {
      expect(frame, context).toMatchObject({ type: 'data', id });
      const data = (frame.payload as { data?: Record<string, unknown> | null }).data ?? null;
      stats.events += 1;
      if (data !== null && Object.values(data).some((value) => value !== null)) stats.eventsWithData += 1;
      expect(leakedValues(data, rendered.fields, (coordinate) => denied.has(coordinate)), context).toEqual([]);
      if (denied.has('Ticket.internalNotes')) expect(JSON.stringify(frame), context).not.toContain(SECRET);
    }
  }

  it('never delivers a denied field non-null, and refuses only with Unauthorized, for random subscriptions of random personas', async () => {
    // Prepare
    const property = fc.asyncProperty(document, fc.constantFrom(...PERSONAS), (selections, persona) => check(selections, persona));

    // Act + Assess
    await fc.assert(property, { numRuns: SUBSCRIPTION_PROPERTY_RUNS });
  });

  it('exercised acknowledged subscriptions, events with data, refusals and denied selections (the property is not vacuous)', () => {
    // Assess
    expect(stats.runs).toBeGreaterThanOrEqual(SUBSCRIPTION_PROPERTY_RUNS);
    expect(stats.acknowledged / stats.runs).toBeGreaterThan(0.1);
    expect(stats.refused / stats.runs).toBeGreaterThan(0.1);
    expect(stats.eventsWithData).toBeGreaterThan(0);
    expect(stats.deniedSelected / stats.runs).toBeGreaterThan(0.1);
  });
});
