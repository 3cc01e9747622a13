/**
 * What every subscription benchmark starts from: the real emulator (in memory, port 0, the
 * built bundles), the seeded agent signed in, one ticket it opened, and the subscription the
 * benchmarks use, `onCommentAdded(ticketId)`, fed by `addComment` (`subscription-mutation.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index.ts';
import { REALTIME_PATH } from '../emulator/realtime/index.ts';
import { build } from '../scripts/build.ts';
import type { RealtimeTarget } from './subscription-client.ts';
import { callGraphql, type EventMutation } from './subscription-mutation.ts';

/** The seeded staff user: may comment on and subscribe to any ticket. */
const AGENT = { username: 'agent@example.com', password: 'Passw0rd!' };

const SUBSCRIPTION = 'subscription Comments($ticketId: ID!) { onCommentAdded(ticketId: $ticketId) { id ticketId author body createdAt } }';
const OPEN_TICKET = 'mutation Open($input: OpenTicketInput!) { openTicket(input: $input) { id } }';

/** The running emulator and what the benchmarks drive it with. */
export interface SubscriptionEmulator {
  readonly mutation: EventMutation;
  /** A subscriber target over `ws://` (plain) or `wss://` (trusting the emulator's certificate). */
  target(transport: 'ws' | 'wss'): RealtimeTarget;
  close(): Promise<void>;
}

/**
 * Builds into a temporary folder unless given a build (the shared `dist/` is left alone).
 *
 * @example
 * const dist = await prepareDist(undefined);
 * dist.cleanup();
 */
export async function prepareDist(distDir: string | undefined): Promise<{ readonly distDir: string; cleanup(): void }> {
  if (distDir !== undefined) return { distDir, cleanup: () => undefined };
  const outDir = mkdtempSync(join(tmpdir(), 'bench-dist-'));
  await build({ outDir, generate: false });
  return { distDir: outDir, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

/**
 * @example
 * const subject = await startSubscriptionEmulator(distDir);
 * const target = subject.target('wss');
 */
export async function startSubscriptionEmulator(distDir: string): Promise<SubscriptionEmulator> {
  const emulator = await startEmulator({ port: 0, inMemory: true, distDir, log: () => undefined });
  const agent = new http.Agent();
  try {
    const { idToken } = await emulator.identityProvider.signIn(AGENT.username, AGENT.password);
    const opened = await callGraphql(emulator.graphqlUrl, idToken, agent, OPEN_TICKET, {
      input: { title: 'Subscribed to by npm run bench', body: 'Each comment is one event.' },
    });
    agent.destroy();
    const ticketId = String((opened.openTicket as { id: string }).id);
    const { port } = new URL(emulator.graphqlUrl);
    return {
      mutation: { graphqlUrl: emulator.graphqlUrl, token: idToken, ticketId },
      target: (transport) => ({
        kind: 'realtime',
        url: `${transport}://127.0.0.1:${port}${REALTIME_PATH}`,
        ca: transport === 'wss' ? emulator.certificate.cert : null,
        token: idToken,
        host: `127.0.0.1:${port}`,
        query: SUBSCRIPTION,
        variables: { ticketId },
      }),
      close: () => emulator.close(),
    };
  } catch (error) {
    agent.destroy();
    await emulator.close();
    throw error;
  }
}
