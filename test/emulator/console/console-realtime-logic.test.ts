/**
 * The live subscriptions panel's logic that needs no page: the real-time URL from the page's
 * origin, the frames of AppSync's `graphql-ws` protocol, the subscription's state over what its
 * socket reports, the operations built from the schema, and refusals explained in words.
 */
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema, readSchemaSource } from '../../../scripts/appsync-schema.ts';
import { rules } from '../../../policy/rules.ts';
import { realtimeUrl, apiHost } from '../../../emulator/console/browser/realtime-url.ts';
import { connectionInitFrame, connectionProtocols, readServerFrame, startFrame, stopFrame } from '../../../emulator/console/browser/realtime-frames.ts';
import { initialSubscriptionState, MAX_EVENTS_KEPT, phaseText, reduceSubscription, type SubscriptionInput, type SubscriptionState } from '../../../emulator/console/browser/subscription-state.ts';
import { callerFacts, explainRefusal, type CallerFacts } from '../../../emulator/console/browser/refusal-explanation.ts';
import { needsTicketId, publishedFields, subscriptionDocument, subscriptionFields, subscriptionVariables } from '../../../emulator/console/browser/subscription-operations.ts';
import { EXAMPLES } from '../../../emulator/console/browser/examples.ts';
import { ticketIdsIn } from '../../../emulator/console/browser/api-fetcher.ts';

const schema = buildAppSyncSchema(readSchemaSource());

function frame(value: unknown, at = 1_000): SubscriptionInput {
  return { kind: 'frame', frame: readServerFrame(JSON.stringify(value)), at };
}

function run(inputs: readonly SubscriptionInput[], id = 's1'): SubscriptionState {
  return inputs.reduce(reduceSubscription, initialSubscriptionState(id));
}

function decodeHeaderProtocol(protocol: string): unknown {
  expect(protocol).toMatch(/^header-[A-Za-z0-9_-]+$/);
  return JSON.parse(Buffer.from(protocol.slice('header-'.length), 'base64url').toString('utf8'));
}

describe('Console realtime: URL', () => {
  it('uses ws:// for a page served over http:// and wss:// for https://, on the same host and port', () => {
    expect(realtimeUrl('http://localhost:4000/', '/graphql/realtime')).toBe('ws://localhost:4000/graphql/realtime');
    expect(realtimeUrl('https://localhost:4000/?tab=2#x', '/graphql/realtime')).toBe('wss://localhost:4000/graphql/realtime');
    expect(realtimeUrl('http://127.0.0.1:39123/index.html', '/graphql/realtime')).toBe('ws://127.0.0.1:39123/graphql/realtime');
    expect(realtimeUrl('https://api.example.com/', '/graphql/realtime')).toBe('wss://api.example.com/graphql/realtime');
  });

  it('refuses a page that is not served over http or https', () => {
    expect(() => realtimeUrl('file:///tmp/console.html', '/graphql/realtime')).toThrow(/must be served over http or https/);
  });

  it("names the GraphQL endpoint's host with its port, as the header object's host", () => {
    expect(apiHost('http://127.0.0.1:4000/', '/graphql')).toBe('127.0.0.1:4000');
    expect(apiHost('https://localhost/', '/graphql')).toBe('localhost');
  });
});

describe('Console realtime: frames', () => {
  const authorization = { Authorization: 'eyJ.token.ü', host: 'localhost:4000' };

  it('offers graphql-ws and the header object as base64url JSON without padding', () => {
    // Act
    const [protocol, header] = connectionProtocols(authorization);

    // Assess
    expect(protocol).toBe('graphql-ws');
    expect(header).not.toContain('=');
    expect(decodeHeaderProtocol(header)).toEqual({ Authorization: 'eyJ.token.ü', host: 'localhost:4000' });
  });

  it('builds connection_init, start with the data as JSON text and the authorization again, and stop', () => {
    // Act
    const start = JSON.parse(startFrame('s1', { query: 'subscription { onTicketActivity { id } }', variables: { a: 1 } }, authorization)) as {
      id: string;
      type: string;
      payload: { data: string; extensions: unknown };
    };

    // Assess
    expect(JSON.parse(connectionInitFrame())).toEqual({ type: 'connection_init' });
    expect(start.id).toBe('s1');
    expect(start.type).toBe('start');
    expect(JSON.parse(start.payload.data)).toEqual({ query: 'subscription { onTicketActivity { id } }', variables: { a: 1 } });
    expect(start.payload.extensions).toEqual({ authorization: { Authorization: 'eyJ.token.ü', host: 'localhost:4000' } });
    expect(JSON.parse(stopFrame('s1'))).toEqual({ type: 'stop', id: 's1' });
  });

  it('reads every frame the server sends, and anything else as unknown', () => {
    expect(readServerFrame('{"type":"connection_ack","payload":{"connectionTimeoutMs":300000}}')).toEqual({ type: 'connection_ack', connectionTimeoutMs: 300000 });
    expect(readServerFrame('{"type":"ka"}')).toEqual({ type: 'ka' });
    expect(readServerFrame('{"type":"start_ack","id":"s1"}')).toEqual({ type: 'start_ack', id: 's1' });
    expect(readServerFrame('{"type":"data","id":"s1","payload":{"data":{"onTicketActivity":{"id":"T1"}}}}')).toEqual({
      type: 'data',
      id: 's1',
      payload: { data: { onTicketActivity: { id: 'T1' } } },
    });
    expect(readServerFrame('{"type":"error","id":"s1","payload":{"errors":[{"errorType":"Unauthorized","message":"No."}]}}')).toEqual({
      type: 'error',
      id: 's1',
      errors: [{ errorType: 'Unauthorized', message: 'No.' }],
    });
    expect(readServerFrame('{"type":"connection_error","payload":{"errors":[{"errorType":"UnauthorizedException","message":"No.","errorCode":401}]}}')).toEqual({
      type: 'connection_error',
      errors: [{ errorType: 'UnauthorizedException', message: 'No.', errorCode: 401 }],
    });
    expect(readServerFrame('{"type":"complete","id":"s1"}')).toEqual({ type: 'complete', id: 's1', message: null });
    expect(readServerFrame('{"type":"complete","id":"s1","payload":{"message":"Subscription complete."}}')).toEqual({ type: 'complete', id: 's1', message: 'Subscription complete.' });
    expect(readServerFrame('{"message":"Subscription complete."}')).toEqual({ type: 'subscription_complete', message: 'Subscription complete.' });
    expect(readServerFrame('not json')).toEqual({ type: 'unknown', text: 'not json' });
    expect(readServerFrame('{"type":"data"}')).toEqual({ type: 'unknown', text: '{"type":"data"}' });
    expect(readServerFrame('[1]')).toEqual({ type: 'unknown', text: '[1]' });
  });
});

describe('Console realtime: subscription state', () => {
  it('goes live, keeps events newest first with their time, and ends stopped after stop and complete', () => {
    // Act
    const state = run([
      frame({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } }),
      frame({ type: 'start_ack', id: 's1' }),
      frame({ type: 'ka' }),
      frame({ type: 'data', id: 's1', payload: { data: { onTicketActivity: { id: 'T1' } } } }, 2_000),
      frame({ type: 'data', id: 'other', payload: { data: {} } }),
      frame({ type: 'data', id: 's1', payload: { data: { onTicketActivity: { id: 'T2' } } } }, 3_000),
      { kind: 'stop-requested' },
      frame({ type: 'complete', id: 's1' }),
      frame({ type: 'data', id: 's1', payload: { data: { onTicketActivity: { id: 'T3' } } } }),
      { kind: 'closed', code: 1000, reason: '' },
    ]);

    // Assess
    expect(state.phase).toBe('ended');
    expect(state.end).toEqual({ reason: 'stopped' });
    expect(state.keepAlives).toBe(1);
    expect(state.events).toEqual([
      { sequence: 2, receivedAt: 3_000, payload: { data: { onTicketActivity: { id: 'T2' } } } },
      { sequence: 1, receivedAt: 2_000, payload: { data: { onTicketActivity: { id: 'T1' } } } },
    ]);
  });

  it('tells the phases apart in words', () => {
    // Prepare
    const url = 'ws://localhost:4000/graphql/realtime';
    const acked = run([frame({ type: 'connection_ack' })]);
    const live = run([frame({ type: 'connection_ack' }), frame({ type: 'start_ack', id: 's1' })]);

    // Assess
    expect(phaseText(initialSubscriptionState('s1'), url)).toBe('Connecting to ws://localhost:4000/graphql/realtime…');
    expect(phaseText(acked, url)).toBe('Connected (connection_ack); registering the subscription…');
    expect(phaseText(live, url)).toBe('Live (start_ack): waiting for events.');
    expect(phaseText(reduceSubscription(live, { kind: 'stop-requested' }), url)).toBe('Stopping (stop sent)…');
  });

  it('ends refused on an error for its id, and ignores errors for other ids or none', () => {
    // Act
    const ignored = run([frame({ type: 'connection_ack' }), frame({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'x' }] } }), frame({ type: 'error', id: 'other', payload: { errors: [] } })]);
    const refused = run([frame({ type: 'connection_ack' }), frame({ type: 'error', id: 's1', payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onCommentAdded on type Subscription' }] } })]);

    // Assess
    expect(ignored.phase).toBe('connected');
    expect(refused.end).toEqual({ reason: 'refused', scope: 'subscription', errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onCommentAdded on type Subscription' }] });
    expect(phaseText(refused, 'ws://x')).toBe('Refused: the subscription was not registered (error).');
  });

  it('ends refused on a connection_error, and closed on an unexpected close', () => {
    // Act
    const refused = run([frame({ type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] } })]);
    const closed = run([frame({ type: 'connection_ack' }), frame({ type: 'start_ack', id: 's1' }), { kind: 'closed', code: 1006, reason: '' }]);

    // Assess
    expect(refused.end).toEqual({ reason: 'refused', scope: 'connection', errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] });
    expect(closed.end).toEqual({ reason: 'closed', code: 1006, detail: '' });
    expect(phaseText(closed, 'ws://x')).toBe('The connection closed (code 1006).');
  });

  it('ends invalidated when the server completes it with a message, framed or bare', () => {
    // Act
    const framed = run([frame({ type: 'connection_ack' }), frame({ type: 'start_ack', id: 's1' }), frame({ type: 'complete', id: 's1', payload: { message: 'Subscription complete.' } })]);
    const bare = run([frame({ type: 'connection_ack' }), frame({ type: 'start_ack', id: 's1' }), frame({ message: 'Subscription complete.' })]);

    // Assess
    expect(framed.end).toEqual({ reason: 'invalidated', message: 'Subscription complete.' });
    expect(bare.end).toEqual({ reason: 'invalidated', message: 'Subscription complete.' });
    expect(phaseText(framed, 'ws://x')).toContain('Ended by the server ("Subscription complete.")');
  });

  it('keeps a bounded number of events', () => {
    // Act
    const events = Array.from({ length: MAX_EVENTS_KEPT + 5 }, (_, index) => frame({ type: 'data', id: 's1', payload: { n: index } }));
    const state = run([frame({ type: 'connection_ack' }), frame({ type: 'start_ack', id: 's1' }), ...events]);

    // Assess
    expect(state.received).toBe(MAX_EVENTS_KEPT + 5);
    expect(state.events).toHaveLength(MAX_EVENTS_KEPT);
    expect(state.events[0]?.sequence).toBe(MAX_EVENTS_KEPT + 5);
  });
});

describe('Console realtime: refusals in words', () => {
  const customerAccess: CallerFacts = callerFacts({ token_use: 'access', 'cognito:groups': undefined, scope: 'aws.cognito.signin.user.admin', username: 'customer' }, 'user');
  const commentRule = { allow: ['verifiedEmail', 'agents', 'admins'], item: 'reporterOrStaff' };
  const denied = { errorType: 'Unauthorized', message: 'Not Authorized to access onCommentAdded on type Subscription' };

  it("explains the customer's access token refused onCommentAdded: no email, and what to send instead", () => {
    // Act
    const explanation = explainRefusal('subscription', [denied], {
      field: 'onCommentAdded',
      rule: commentRule,
      deniedFields: ['Query.myTickets', 'Subscription.onCommentAdded', 'Subscription.onTicketActivity'],
      caller: customerAccess,
    });

    // Assess
    expect(explanation).toEqual({
      title: 'Subscription.onCommentAdded was refused',
      lines: [
        'Unauthorized: Not Authorized to access onCommentAdded on type Subscription',
        "Subscription.onCommentAdded is in this token's deniedFields (see the authorizer's decision), so AppSync refused the subscription before its resolver ran.",
        'Its rule lets through a verified email in the token, the agents group or the admins group; this access token holds none of them (it carries no email, no group, the scope aws.cognito.signin.user.admin).',
        "Of the subscriptions, this token's deniedFields name Subscription.onCommentAdded and Subscription.onTicketActivity.",
        'On the default stack an access token carries no email: send the ID token instead, or start the emulator with --access-token-email (the V2 trigger then copies the verified email into access tokens).',
      ],
    });
  });

  it("tells a resolver's refusal from the authorizer's, with the item rule", () => {
    // Act
    const explanation = explainRefusal('subscription', [{ errorType: 'Unauthorized', message: 'Only the ticket\'s reporter or staff.' }], {
      field: 'onTicketChanged',
      rule: commentRule,
      deniedFields: [],
      caller: callerFacts({ token_use: 'id', email: 'other@example.com', email_verified: true }, 'user'),
    });

    // Assess
    expect(explanation.lines).toEqual([
      "Unauthorized: Only the ticket's reporter or staff.",
      "The authorizer let this token subscribe to Subscription.onTicketChanged, but the subscription's resolver refused it (it runs once, when you subscribe).",
      "Its resolver then reads the ticket and lets through only the ticket's reporter (by verified email) or staff.",
    ]);
  });

  it('explains a refused connection, a missing ticket, a machine without the scope, and passes other errors through', () => {
    // Prepare
    const machine = callerFacts({ token_use: 'access', client_id: 'localreportingclient', scope: 'helpdesk/tickets.read' }, 'machine');

    // Act
    const connection = explainRefusal('connection', [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }], {
      field: 'onTicketActivity',
      rule: null,
      deniedFields: null,
      caller: customerAccess,
    });
    const missing = explainRefusal('subscription', [{ errorType: 'NotFound', message: 'Ticket T9 does not exist.' }], { field: 'onTicketChanged', rule: commentRule, deniedFields: [], caller: customerAccess });
    const scoped = explainRefusal('subscription', [{ errorType: 'Unauthorized', message: 'Not Authorized to access onTicketChanged on type Subscription' }], {
      field: 'onTicketChanged',
      rule: commentRule,
      deniedFields: null,
      caller: machine,
    });
    const other = explainRefusal('subscription', [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 100 subscriptions reached.' }], { field: 'onTicketActivity', rule: null, deniedFields: [], caller: machine });

    // Assess
    expect(connection.title).toBe('The real-time connection was refused');
    expect(connection.lines).toEqual([
      'UnauthorizedException (401): You are not authorized to make this call.',
      'The authorizer refused this token (isAuthorized: false): it expired, or it is not a token of this user pool. Every request with it gets the same answer.',
    ]);
    expect(missing.lines[1]).toBe("The subscription's resolver found nothing to subscribe to: check the ticket id.");
    expect(scoped.lines).toEqual([
      'Unauthorized: Not Authorized to access onTicketChanged on type Subscription',
      "The authorizer's answer for this token denies Subscription.onTicketChanged, so AppSync refused the subscription before its resolver ran.",
      "Its rule lets through a verified email in the token, the agents group or the admins group; this machine client's access token holds none of them (it carries no email, no group, the scope helpdesk/tickets.read).",
      'A machine token holds only its scopes: no email, no group.',
    ]);
    expect(other.lines).toEqual(['MaxSubscriptionsReachedError: Max number of 100 subscriptions reached.']);
  });

  it('reads the facts the rules use from claims', () => {
    expect(callerFacts({ token_use: 'id', email: 'a@example.com', email_verified: 'true', 'cognito:groups': ['agents', 7] }, 'user')).toEqual({
      kind: 'user',
      tokenUse: 'id',
      email: 'a@example.com',
      emailVerified: false,
      groups: ['agents'],
      scopes: [],
    });
  });
});

describe('Console realtime: subscription operations', () => {
  const fields = subscriptionFields(schema);

  it('offers every subscription of the schema, each valid, with its ticket id as variables', () => {
    // Act
    const documents = fields.map((field) => subscriptionDocument(schema, field.name, null, null));
    const problems = documents.flatMap((document) => validate(schema, parse(document)).map((error) => error.message));

    // Assess
    expect(fields.map((field) => field.name)).toEqual(Object.keys(schema.getSubscriptionType()?.getFields() ?? {}));
    expect(problems).toEqual([]);
    expect(fields.length).toBeGreaterThanOrEqual(3);
    for (const field of fields) {
      expect(rules[`Subscription.${field.name}`], `a rule for Subscription.${field.name}`).toBeDefined();
      const variables = subscriptionVariables(field, ' T1 ');
      expect(Object.values(variables).every((value) => value === 'T1')).toBe(true);
      expect(needsTicketId(schema, field)).toBe(Object.keys(variables).length > 0);
    }
  });

  it('leaves out the fields this token may not read', () => {
    // Prepare
    const ticketField = fields.find((field) => field.returnType === 'Ticket');

    // Act
    const all = ticketField === undefined ? '' : subscriptionDocument(schema, ticketField.name, null, null);
    const customer = ticketField === undefined ? '' : subscriptionDocument(schema, ticketField.name, new Set(['Ticket.internalNotes']), null);

    // Assess
    expect(ticketField).toBeDefined();
    expect(all).toMatch(/^\s+internalNotes$/m);
    expect(customer).not.toContain('internalNotes');
    expect(customer).toMatch(/^\s+id$/m);
  });

  it('selects the non-null fields only when every publishing mutation of the examples selects them', () => {
    // Act
    const changed = publishedFields(['assignTicket', 'setTicketStatus'], EXAMPLES);
    const comments = publishedFields(['addComment'], EXAMPLES);
    const document = subscriptionDocument(schema, 'onTicketChanged', new Set(['Ticket.internalNotes']), changed);

    // Assess
    expect(changed).toEqual(new Set(['id', 'status']));
    expect(comments).toEqual(new Set(['id', 'ticketId', 'author', 'body', 'createdAt']));
    expect(publishedFields(['noSuchMutation'], EXAMPLES)).toBeNull();
    expect(document).toBe('subscription OnTicketChanged($id: ID!) {\n  onTicketChanged(id: $id) {\n    id\n    status\n    assignee\n  }\n}\n');
  });
});

describe('Console realtime: ticket picker', () => {
  it('offers every ticket id an answer carries, each once', () => {
    expect(ticketIdsIn({ data: { setTicketStatus: { id: 'T1' }, tickets: { items: [{ id: 'T2' }, { id: 'T1' }, { title: 'no id' }] } } })).toEqual(['T1', 'T2']);
    expect(ticketIdsIn({ data: { me: { username: 'u' } } })).toEqual([]);
    expect(ticketIdsIn({ errors: [{ message: 'x' }] })).toEqual([]);
    expect(ticketIdsIn(null)).toEqual([]);
  });
});
