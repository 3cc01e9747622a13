/**
 * Amplify v6 subscribing through the real-time part, exactly as an app does: it derives
 * `wss://127.0.0.1:<port>/graphql/realtime` from the configured `https://…/graphql`, offers
 * `graphql-ws` with the header object as a `header-…` subprotocol, sends `connection_init`,
 * then `start` with `extensions.authorization`, and hands `data` frames to `next`.
 * Node has no global WebSocket: the `ws` client, trusting the test's certificate, stands in.
 */
import { Amplify } from 'aws-amplify';
import { CONNECTION_STATE_CHANGE, ConnectionState, generateClient } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealtimeFixture, type RealtimeFixture } from './support/realtime-fixture.ts';

describe('Realtime: Amplify v6 client', () => {
  let fixture: RealtimeFixture;
  const saved = (globalThis as { WebSocket?: unknown }).WebSocket;

  beforeAll(async () => {
    fixture = await startRealtimeFixture({ tls: true });
    const ca = fixture.certificate ?? undefined;
    (globalThis as { WebSocket?: unknown }).WebSocket = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { ca });
      }
    };
    Amplify.configure({ API: { GraphQL: { endpoint: `https://127.0.0.1:${fixture.port}/graphql`, region: 'us-east-1', defaultAuthMode: 'lambda' } } });
  });
  afterAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = saved;
    await fixture.close();
  });

  it('receives a mutation published to its subscription', async () => {
    // Prepare
    const token = fixture.pool.idToken('agent');
    const connected = new Promise<void>((resolve) => {
      const stop = Hub.listen('api', ({ payload }) => {
        if (payload.event === CONNECTION_STATE_CHANGE && (payload.data as { connectionState?: string }).connectionState === ConnectionState.Connected) {
          stop();
          resolve();
        }
      });
    });
    const received: unknown[] = [];
    let delivered: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    const subscription = (
      generateClient().graphql({ query: 'subscription { onTicketUpdated(id: "t-amplify") { id title } }', authMode: 'lambda', authToken: token }) as unknown as {
        subscribe(observer: { next(value: unknown): void; error(error: unknown): void }): { unsubscribe(): void };
      }
    ).subscribe({
      next: (value) => {
        received.push(value);
        delivered();
      },
      error: (error) => received.push({ error }),
    });
    await connected;

    // Act
    await fixture.request(token, 'mutation { updateTicket(id: "t-amplify", title: "From Amplify") { id title } }');
    await arrived;

    // Assess
    expect(received).toEqual([{ data: { onTicketUpdated: { id: 't-amplify', title: 'From Amplify' } } }]);
    const connect = fixture.authorizeRequests.find((request) => request.operationName === 'DeepDish:Connect' && request.authorization === token);
    expect(connect?.requestHeaders.host).toBe(`127.0.0.1:${fixture.port}`);
    subscription.unsubscribe();
  });
});
