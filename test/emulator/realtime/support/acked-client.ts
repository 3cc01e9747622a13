/**
 * A client past `connection_init` / `connection_ack`, and a subscription past `start_ack`.
 */
import type { RealtimeFixture, TestClient } from './realtime-fixture.ts';

/** Connects with `token` (header object in the subprotocol, as Amplify sends it) and waits for the ack. */
export async function ackedClient(fixture: RealtimeFixture, token: string): Promise<TestClient> {
  const client = await fixture.connect({ token });
  client.send({ type: 'connection_init' });
  const ack = await client.next();
  if (ack.type !== 'connection_ack') throw new Error(`expected connection_ack, got ${JSON.stringify(ack)}`);
  return client;
}

/** Sends `start` and returns the answer (`start_ack` or `error`). */
export async function startSubscription(
  fixture: RealtimeFixture,
  client: TestClient,
  id: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  client.send(fixture.start(id, token, query, variables));
  return client.next();
}
