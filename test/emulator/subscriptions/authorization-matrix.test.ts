/**
 * Who may subscribe to what, against the running emulator over real sockets: every seeded user
 * × {ID token, access token}, and both seeded machine clients with their client-credentials
 * access tokens, × every `Subscription` field. The expected answer is derived from the rule
 * table (`policy/`), never written out: a root field the caller may not use is refused by the
 * authorizer's `deniedFields` (`Unauthorized`, AppSync's field message), a selection naming a
 * field the caller may not read and someone else's ticket are refused by the resolver
 * (`Unauthorized`), a missing ticket is `NotFound`; everything else is acknowledged, and then
 * an event is actually delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFieldAllowed, rules, SCHEMA_FIELDS, type Identity } from '../../../policy/index.ts';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { expectedOutcome } from '../server/support/expected-access.ts';
import { graphqlOk, startTestEmulator } from '../server/support/emulator-fixture.ts';
import { connectSubscriber, isEvent, type RealtimeTarget } from './support/subscriber.ts';
import { everyPersona, type SubscriptionPersona } from './support/subscription-personas.ts';

const REPORTER = 'customer@example.com';
const OTHER_REPORTER = 'other@example.com';
const MISSING_TICKET = 'no-such-ticket';

/** One document per subscription field: `$ticketId` is the ticket subscribed to, `selection` the fields of `type` it selects. */
const SUBSCRIPTIONS: Readonly<Record<string, { document(selection: string): string; type: 'Ticket' | 'Comment'; selection: readonly string[] }>> = {
  'Subscription.onTicketChanged': {
    document: (selection) => `subscription Changed($ticketId: ID!) { onTicketChanged(id: $ticketId) { ${selection} } }`,
    type: 'Ticket',
    selection: ['id', 'status', 'assignee'],
  },
  'Subscription.onCommentAdded': {
    document: (selection) => `subscription Commented($ticketId: ID!) { onCommentAdded(ticketId: $ticketId) { ${selection} } }`,
    type: 'Comment',
    selection: ['id', 'ticketId', 'author', 'body'],
  },
  'Subscription.onTicketActivity': {
    document: (selection) => `subscription Activity { onTicketActivity { ${selection} } }`,
    type: 'Ticket',
    selection: ['id', 'status', 'assignee'],
  },
};

const SUBSCRIPTION_FIELDS = SCHEMA_FIELDS.filter((coordinate) => coordinate.startsWith('Subscription.'));

/** The answer to `start` the rule table calls for. */
type Expected = { readonly outcome: 'start_ack' } | { readonly outcome: 'error'; readonly errorType: 'Unauthorized' | 'NotFound'; readonly byAuthorizer: boolean };

function expectedStart(identity: Identity, coordinate: string, selection: readonly string[], type: string, ticket: 'reported' | 'missing'): Expected {
  const reporterRule = expectedOutcome(identity, coordinate, REPORTER);
  if (reporterRule === 'deniedByAuthorizer') return { outcome: 'error', errorType: 'Unauthorized', byAuthorizer: true };
  // The resolver checks the selection first, then reads the ticket, then applies the item rule.
  if (selection.some((field) => !isFieldAllowed(identity, `${type}.${field}`))) return { outcome: 'error', errorType: 'Unauthorized', byAuthorizer: false };
  if (rules[coordinate]?.item === 'reporterOrStaff' && ticket === 'missing') return { outcome: 'error', errorType: 'NotFound', byAuthorizer: false };
  if (reporterRule === 'refusedByResolver') return { outcome: 'error', errorType: 'Unauthorized', byAuthorizer: false };
  return { outcome: 'start_ack' };
}

describe('Subscriptions: authorization matrix', () => {
  let emulator: RunningEmulator;
  let target: RealtimeTarget;
  let personas: SubscriptionPersona[];
  let agentToken: string;
  let customerToken: string;
  let otherToken: string;
  let ticketId: string;
  let otherTicketId: string;
  let sequence = 0;

  const byName = (name: string): SubscriptionPersona => {
    const found = personas.find((candidate) => candidate.name === name);
    if (found === undefined) throw new Error(`no persona ${name}`);
    return found;
  };

  /** Makes one event of `coordinate` happen on the customer's ticket; returns a predicate that recognises it. */
  async function causeEvent(coordinate: string): Promise<(value: Record<string, unknown>) => boolean> {
    sequence += 1;
    if (coordinate === 'Subscription.onCommentAdded') {
      const body = `Matrix comment ${sequence}`;
      await graphqlOk(emulator, customerToken, 'mutation($id: ID!, $body: String!) { addComment(ticketId: $id, body: $body) { id ticketId author body } }', { id: ticketId, body });
      return (value) => value.body === body && value.ticketId === ticketId;
    }
    const assignee = `matrix-${sequence}@example.com`;
    await graphqlOk(emulator, agentToken, 'mutation($id: ID!, $assignee: AWSEmail!) { assignTicket(id: $id, assignee: $assignee) { id status assignee internalNotes } }', { id: ticketId, assignee });
    return (value) => value.assignee === assignee && value.id === ticketId;
  }

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    target = { realtimeUrl: emulator.realtimeUrl, ca: emulator.certificate.cert };
    personas = await everyPersona(emulator);
    agentToken = byName('agent@example.com/id').token;
    customerToken = byName(`${REPORTER}/id`).token;
    otherToken = byName(`${OTHER_REPORTER}/id`).token;
    const opened = await graphqlOk(emulator, customerToken, 'mutation { openTicket(input: { title: "Subscribed to", body: "By the matrix" }) { id } }');
    ticketId = (opened.openTicket as { id: string }).id;
    const others = await graphqlOk(emulator, otherToken, 'mutation { openTicket(input: { title: "Someone else", body: "Not yours" }) { id } }');
    otherTicketId = (others.openTicket as { id: string }).id;
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('has a document for every Subscription field of the schema', () => {
    // Assess
    expect(Object.keys(SUBSCRIPTIONS).sort()).toEqual([...SUBSCRIPTION_FIELDS].sort());
  });

  const names = [
    ...['customer', 'other', 'agent', 'admin', 'unverified'].flatMap((user) => [`${user}@example.com/id`, `${user}@example.com/access`]),
    'localreportingclient/access',
    'localtriageclient/access',
  ];
  const plainCases = names.flatMap((name) => SUBSCRIPTION_FIELDS.map((coordinate) => ({ name, coordinate })));

  it.each(plainCases)('$name: $coordinate on the customer\'s ticket', async ({ name, coordinate }) => {
    // Prepare
    const caller = byName(name);
    const subscription = SUBSCRIPTIONS[coordinate] as (typeof SUBSCRIPTIONS)[string];
    const fieldName = coordinate.split('.')[1] as string;
    const expected = expectedStart(caller.identity, coordinate, subscription.selection, subscription.type, 'reported');
    const client = await connectSubscriber(target, caller.token);

    try {
      // Act
      const answer = await client.start('s1', subscription.document(subscription.selection.join(' ')), { ticketId });

      // Assess
      if (expected.outcome === 'error') {
        expect(answer).toEqual({ type: 'error', id: 's1', payload: { errors: [{ errorType: expected.errorType, message: expect.any(String) }] } });
        if (expected.byAuthorizer) expect((answer.payload as { errors: Array<{ message: string }> }).errors[0]?.message).toBe(`Not Authorized to access ${fieldName} on type Subscription`);
        return;
      }
      expect(answer).toEqual({ type: 'start_ack', id: 's1' });
      const delivered = await causeEvent(coordinate);
      const event = await client.waitFor((frame) => isEvent(frame, 's1', fieldName, delivered), `the ${fieldName} event`);
      const value = (event.payload as { data: Record<string, Record<string, unknown>> }).data[fieldName] as Record<string, unknown>;
      expect(Object.keys(value).sort()).toEqual([...subscription.selection].sort());
      expect(event.payload).not.toHaveProperty('errors');
    } finally {
      await client.close();
    }
  });

  const notesCases = names.flatMap((name) => ['Subscription.onTicketChanged', 'Subscription.onTicketActivity'].map((coordinate) => ({ name, coordinate })));

  it.each(notesCases)('$name: $coordinate selecting internalNotes', async ({ name, coordinate }) => {
    // Prepare
    const caller = byName(name);
    const subscription = SUBSCRIPTIONS[coordinate] as (typeof SUBSCRIPTIONS)[string];
    const fieldName = coordinate.split('.')[1] as string;
    const selection = [...subscription.selection, 'internalNotes'];
    const expected = expectedStart(caller.identity, coordinate, selection, subscription.type, 'reported');
    const client = await connectSubscriber(target, caller.token);

    try {
      // Act
      const answer = await client.start('s1', subscription.document(selection.join(' ')), { ticketId });

      // Assess
      if (expected.outcome === 'error') {
        expect(answer).toEqual({ type: 'error', id: 's1', payload: { errors: [{ errorType: expected.errorType, message: expect.any(String) }] } });
        return;
      }
      expect(answer).toEqual({ type: 'start_ack', id: 's1' });
      const delivered = await causeEvent(coordinate);
      const event = await client.waitFor((frame) => isEvent(frame, 's1', fieldName, delivered), `the ${fieldName} event`);
      expect((event.payload as { data: Record<string, Record<string, unknown>> }).data[fieldName]).toHaveProperty('internalNotes');
      expect(event.payload).not.toHaveProperty('errors');
    } finally {
      await client.close();
    }
  });

  const missingCases = names.flatMap((name) => ['Subscription.onTicketChanged', 'Subscription.onCommentAdded'].map((coordinate) => ({ name, coordinate })));

  it.each(missingCases)('$name: $coordinate on a ticket that does not exist', async ({ name, coordinate }) => {
    // Prepare
    const caller = byName(name);
    const subscription = SUBSCRIPTIONS[coordinate] as (typeof SUBSCRIPTIONS)[string];
    const expected = expectedStart(caller.identity, coordinate, subscription.selection, subscription.type, 'missing');
    const client = await connectSubscriber(target, caller.token);

    try {
      // Act
      const answer = await client.start('s1', subscription.document(subscription.selection.join(' ')), { ticketId: MISSING_TICKET });

      // Assess
      expect(expected.outcome).toBe('error');
      if (expected.outcome === 'error') expect(answer).toEqual({ type: 'error', id: 's1', payload: { errors: [{ errorType: expected.errorType, message: expect.any(String) }] } });
    } finally {
      await client.close();
    }
  });

  it("never delivers another customer's ticket events to a customer on onTicketChanged", async () => {
    // Prepare
    const customer = await connectSubscriber(target, customerToken);
    const query = 'subscription($id: ID!) { onTicketChanged(id: $id) { id assignee } }';
    const own = await customer.start('own', query, { id: ticketId });
    const foreign = await customer.start('foreign', query, { id: otherTicketId });

    try {
      // Act
      await graphqlOk(emulator, agentToken, 'mutation($id: ID!) { assignTicket(id: $id, assignee: "agent@example.com") { id assignee } }', { id: otherTicketId });
      await graphqlOk(emulator, agentToken, 'mutation($id: ID!) { setTicketStatus(id: $id, status: IN_PROGRESS) { id assignee } }', { id: otherTicketId });
      // The customer's own ticket changes last: once that event is in, anything sent before it is too.
      await graphqlOk(emulator, agentToken, 'mutation($id: ID!) { assignTicket(id: $id, assignee: "last@example.com") { id assignee } }', { id: ticketId });
      await customer.waitFor((frame) => isEvent(frame, 'own', 'onTicketChanged', (value) => value.assignee === 'last@example.com'), 'the own ticket event');

      // Assess
      expect(own).toEqual({ type: 'start_ack', id: 'own' });
      expect(foreign).toEqual({ type: 'error', id: 'foreign', payload: { errors: [{ errorType: 'Unauthorized', message: expect.any(String) }] } });
      expect(customer.frames().filter((frame) => frame.type === 'data')).toEqual([
        { type: 'data', id: 'own', payload: { data: { onTicketChanged: { id: ticketId, assignee: 'last@example.com' } } } },
      ]);
    } finally {
      await customer.close();
    }
  });
});
