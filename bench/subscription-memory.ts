/**
 * Memory per idle subscription: the emulator runs alone in a child process
 * (`subscription-memory-host.ts`, `--expose-gc`); this process opens `connections` clients,
 * each with one live `onCommentAdded` subscription, and the host's memory after full
 * collections is compared with its memory before them. A few clients are opened and closed
 * first, so that what the first connection loads once (the authorizer's cache entry, resolver
 * code) is in the baseline. One host per transport, so that neither reuses the other's pages.
 */
import { forkBenchChild } from './bench-child.ts';
import { figure, type Figure, type Goal } from './figures.ts';
import { closeSubscribers, openSubscribers } from './subscription-client.ts';
import type { MemoryHostMessage, MemoryReading } from './subscription-memory-host.ts';

/** Sizes of the memory run. */
export interface SubscriptionMemoryOptions {
  /** Idle connections, one subscription each. */
  readonly connections: number;
  readonly transports: ReadonlyArray<'ws' | 'wss'>;
}

/** Bytes per idle connection on one transport. */
export interface ConnectionMemory {
  readonly connections: number;
  /** Resident set growth per connection (everything, native TLS buffers included). */
  readonly rssBytes: number;
  /** V8 heap and external memory growth per connection. */
  readonly heapAndExternalBytes: number;
  readonly before: MemoryReading;
  readonly after: MemoryReading;
}

/** Memory figures and the readings behind them. */
export interface SubscriptionMemoryResult {
  readonly figures: Figure[];
  readonly measurements: Readonly<Record<string, ConnectionMemory>>;
  readonly options: SubscriptionMemoryOptions;
}

/** The goal: at most this many KiB per idle connection. */
export const MEMORY_GOAL: Omit<Goal, 'met'> = { on: 'value', op: '<=', target: 64 };
const WARM_UP_CONNECTIONS = 20;

async function measureTransport(distDir: string, transport: 'ws' | 'wss', connections: number): Promise<ConnectionMemory> {
  const host = forkBenchChild<MemoryHostMessage>(new URL('./subscription-memory-host.ts', import.meta.url), { nodeFlags: ['--expose-gc'], args: [distDir, transport] });
  try {
    const { target } = await host.next('ready');
    const ignore = (): void => undefined;
    await closeSubscribers(await openSubscribers(target, WARM_UP_CONNECTIONS, ignore));
    const measure = async (): Promise<MemoryReading> => {
      host.send({ kind: 'measure' });
      return (await host.next('measured')).reading;
    };
    const before = await measure();
    const sockets = await openSubscribers(target, connections, ignore);
    const after = await measure();
    await closeSubscribers(sockets);
    return {
      connections,
      rssBytes: (after.rss - before.rss) / connections,
      heapAndExternalBytes: (after.heapUsed + after.external - before.heapUsed - before.external) / connections,
      before,
      after,
    };
  } finally {
    await host.close();
  }
}

/**
 * @example
 * const { figures } = await benchSubscriptionMemory({ connections: 1000, transports: ['ws', 'wss'] }, distDir);
 */
export async function benchSubscriptionMemory(options: SubscriptionMemoryOptions, distDir: string): Promise<SubscriptionMemoryResult> {
  const measurements: Record<string, ConnectionMemory> = {};
  const figures: Figure[] = [];
  for (const transport of options.transports) {
    const memory = await measureTransport(distDir, transport, options.connections);
    measurements[transport] = memory;
    figures.push(
      figure({
        id: `subscriptions.memory.${transport}`,
        label: `Memory per idle subscription (${transport}://, one subscription per connection): process RSS growth`,
        value: memory.rssBytes / 1024,
        unit: 'KiB',
        goal: MEMORY_GOAL,
        note: `V8 heap + external ${(memory.heapAndExternalBytes / 1024).toFixed(1)} KiB per connection; ${memory.connections} connections; after full collections`,
      }),
    );
  }
  return { figures, measurements, options };
}
