/**
 * Amplify v6's own subscription client against the running emulator, as an app uses it:
 * configured with the emulator's `http://127.0.0.1:<port>/graphql`, it derives
 * `wss://127.0.0.1:<port>/graphql/realtime` (TLS on the same port), signs in through the
 * emulator's Cognito, subscribes with `generateClient().graphql({ query: 'subscription …' })`
 * and gets each event in `next`, a refusal in `error`. Both ways Amplify authorizes:
 * - `authMode: 'userPool'` sends the signed-in user's **access token**;
 * - `authMode: 'lambda'` with `authToken` sends whichever token is given (here the ID token).
 * Node 20 has no global WebSocket: the `ws` client, trusting the emulator's certificate, stands in.
 */
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import { signIn, signOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { parse, print } from 'graphql';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphqlOk, PASSWORD, startTestEmulator } from '../server/support/emulator-fixture.ts';

/** Amplify's Hub event once AppSync acknowledged a `start` (`CONTROL_MSG.SUBSCRIPTION_ACK`, not exported by `aws-amplify/api`). */
const SUBSCRIPTION_ACK = 'Subscription ack';

type SubscribeOptions = { query: string; variables?: Record<string, unknown>; authMode?: 'userPool' | 'lambda'; authToken?: string };

/** One Amplify subscription and what reached its observer. */
interface AmplifySubscription {
  readonly values: unknown[];
  /** Resolves once the emulator acknowledged the subscription. */
  readonly acknowledged: Promise<void>;
  /** Resolves with the first value `next` received. */
  readonly firstValue: Promise<unknown>;
  /** Resolves with what `error` received. */
  readonly failed: Promise<unknown>;
  unsubscribe(): void;
}

function subscribe(options: SubscribeOptions): AmplifySubscription {
  const values: unknown[] = [];
  let acknowledge: () => void = () => undefined;
  const acknowledged = new Promise<void>((resolve) => {
    acknowledge = resolve;
  });
  // Amplify sends (and reports) the document as graphql-js prints it.
  const printed = print(parse(options.query));
  const stopListening = Hub.listen('api', ({ payload }) => {
    const data = payload.data as { query?: unknown; variables?: unknown } | undefined;
    if (payload.event === SUBSCRIPTION_ACK && typeof data?.query === 'string' && data.query.trim() === printed && JSON.stringify(data.variables ?? {}) === JSON.stringify(options.variables ?? {})) {
      stopListening();
      acknowledge();
    }
  });
  let gotValue: (value: unknown) => void = () => undefined;
  const firstValue = new Promise<unknown>((resolve) => {
    gotValue = resolve;
  });
  let gotError: (error: unknown) => void = () => undefined;
  const failed = new Promise<unknown>((resolve) => {
    gotError = resolve;
  });
  const observable = generateClient().graphql(options) as unknown as {
    subscribe(observer: { next(value: unknown): void; error(error: unknown): void }): { unsubscribe(): void };
  };
  const subscription = observable.subscribe({
    next: (value) => {
      values.push(value);
      gotValue(value);
    },
    error: (error) => {
      stopListening();
      gotError(error);
    },
  });
  return {
    values,
    acknowledged,
    firstValue,
    failed,
    unsubscribe: () => {
      stopListening();
      subscription.unsubscribe();
    },
  };
}

/** The message Amplify gives `error` for a refused `start`: its `error` frame's payload, as JSON. */
function refusal(errorType: string, message: string): unknown {
  return { errors: [expect.objectContaining({ message: `Connection failed: ${JSON.stringify({ errors: [{ errorType, message }] })}` })] };
}

describe('Subscriptions: Amplify v6 client against the emulator', () => {
  let emulator: RunningEmulator;
  const saved = (globalThis as { WebSocket?: unknown }).WebSocket;
  let tokens: Record<string, { idToken: string; accessToken: string }>;
  let ticketId: string;

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    const ca = emulator.certificate.cert;
    (globalThis as { WebSocket?: unknown }).WebSocket = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { ca });
      }
    };
    Amplify.configure({
      Auth: { Cognito: { userPoolId: emulator.userPoolId, userPoolClientId: emulator.clientId, userPoolEndpoint: emulator.cognitoEndpoint } },
      API: { GraphQL: { endpoint: emulator.graphqlUrl, region: emulator.region, defaultAuthMode: 'userPool' } },
    });
    tokens = {};
    for (const user of ['customer', 'agent']) tokens[user] = await emulator.identityProvider.signIn(`${user}@example.com`, PASSWORD);
    const opened = await graphqlOk(emulator, tokens.customer?.idToken as string, 'mutation { openTicket(input: { title: "Watched by Amplify", body: "Hello" }) { id } }');
    ticketId = (opened.openTicket as { id: string }).id;
  });

  afterAll(async () => {
    await signOut();
    (globalThis as { WebSocket?: unknown }).WebSocket = saved;
    await emulator?.close();
  });

  beforeEach(async () => {
    await signOut();
  });

  it('derives the wss:// real-time URL on the same port from the http:// GraphQL endpoint', () => {
    // Assess
    expect(emulator.graphqlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(emulator.realtimeUrl).toBe(emulator.graphqlUrl.replace('http://', 'wss://').concat('/realtime'));
  });

  describe("authMode 'userPool' (the access token)", () => {
    it("delivers a customer's openTicket to an agent's onTicketActivity", async () => {
      // Prepare
      await signIn({ username: 'agent@example.com', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
      const activity = subscribe({ query: 'subscription Activity { onTicketActivity { id title status } }' });
      await activity.acknowledged;

      // Act
      const opened = await graphqlOk(emulator, tokens.customer?.idToken as string, 'mutation { openTicket(input: { title: "Seen by Amplify", body: "x" }) { id title status } }');
      const value = await activity.firstValue;

      // Assess
      expect(value).toEqual({ data: { onTicketActivity: opened.openTicket } });
      activity.unsubscribe();
    });

    it("delivers a status change to an agent's onTicketChanged(id)", async () => {
      // Prepare
      await signIn({ username: 'agent@example.com', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
      const changed = subscribe({ query: 'subscription Changed($id: ID!) { onTicketChanged(id: $id) { id status } }', variables: { id: ticketId } });
      await changed.acknowledged;

      // Act
      await graphqlOk(emulator, tokens.agent?.idToken as string, 'mutation($id: ID!) { setTicketStatus(id: $id, status: IN_PROGRESS) { id status } }', { id: ticketId });
      const value = await changed.firstValue;

      // Assess
      expect(value).toEqual({ data: { onTicketChanged: { id: ticketId, status: 'IN_PROGRESS' } } });
      changed.unsubscribe();
    });
  });

  describe("authMode 'lambda' (authToken: the ID token)", () => {
    it("delivers an assignment to an agent's onTicketChanged(id) and onTicketActivity", async () => {
      // Prepare
      const agentIdToken = tokens.agent?.idToken as string;
      const changed = subscribe({ query: 'subscription Changed($id: ID!) { onTicketChanged(id: $id) { id assignee } }', variables: { id: ticketId }, authMode: 'lambda', authToken: agentIdToken });
      const activity = subscribe({ query: 'subscription Activity { onTicketActivity { id assignee } }', authMode: 'lambda', authToken: agentIdToken });
      await Promise.all([changed.acknowledged, activity.acknowledged]);

      // Act
      await graphqlOk(emulator, agentIdToken, 'mutation($id: ID!) { assignTicket(id: $id, assignee: "agent@example.com") { id assignee } }', { id: ticketId });
      const values = await Promise.all([changed.firstValue, activity.firstValue]);

      // Assess
      expect(values).toEqual([
        { data: { onTicketChanged: { id: ticketId, assignee: 'agent@example.com' } } },
        { data: { onTicketActivity: { id: ticketId, assignee: 'agent@example.com' } } },
      ]);
      changed.unsubscribe();
      activity.unsubscribe();
    });

    it("delivers a comment to its reporter's onCommentAdded(ticketId) with the customer's ID token", async () => {
      // Prepare
      const customerIdToken = tokens.customer?.idToken as string;
      const comments = subscribe({ query: 'subscription Comments($id: ID!) { onCommentAdded(ticketId: $id) { ticketId author body } }', variables: { id: ticketId }, authMode: 'lambda', authToken: customerIdToken });
      await comments.acknowledged;

      // Act
      await graphqlOk(emulator, tokens.agent?.idToken as string, 'mutation($id: ID!) { addComment(ticketId: $id, body: "On it.") { id ticketId author body } }', { id: ticketId });
      const value = await comments.firstValue;

      // Assess
      expect(value).toEqual({ data: { onCommentAdded: { ticketId, author: 'agent@example.com', body: 'On it.' } } });
      comments.unsubscribe();
    });
  });

  // After an Unauthorized refusal Amplify closes its socket to reconnect with fresh tokens: refusals come last.
  describe('refusals', () => {
    it("hands the refusal of a customer's onCommentAdded in userPool mode (an access token has no email) to error", async () => {
      // Prepare
      await signIn({ username: 'customer@example.com', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });

      // Act
      const comments = subscribe({ query: 'subscription Comments($id: ID!) { onCommentAdded(ticketId: $id) { id body } }', variables: { id: ticketId } });
      const error = await comments.failed;

      // Assess
      expect(error).toEqual(refusal('Unauthorized', 'Not Authorized to access onCommentAdded on type Subscription'));
      expect(comments.values).toEqual([]);
      comments.unsubscribe();
    });

    it("hands the refusal of onCommentAdded in lambda mode with the customer's access token to error", async () => {
      // Act
      const comments = subscribe({
        query: 'subscription Comments($id: ID!) { onCommentAdded(ticketId: $id) { id body } }',
        variables: { id: ticketId },
        authMode: 'lambda',
        authToken: tokens.customer?.accessToken as string,
      });
      const error = await comments.failed;

      // Assess
      expect(error).toEqual(refusal('Unauthorized', 'Not Authorized to access onCommentAdded on type Subscription'));
      expect(comments.values).toEqual([]);
      comments.unsubscribe();
    });
  });
});
