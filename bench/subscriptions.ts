/**
 * The "Subscriptions" part of `npm run bench`: delivery latency against a bare `ws` broadcast
 * at each subscriber count, events lost at the largest, and memory per idle subscription. One
 * call for `run.ts`; a failure becomes not-measured rows (with the reason) instead of hiding
 * the other parts' figures.
 */
import { notMeasured, type Figure } from './figures.ts';
import { benchSubscriptionLatency, LATENCY_GOAL, type SubscriptionLatencyOptions } from './subscription-latency.ts';
import { benchSubscriptionMemory, MEMORY_GOAL, type SubscriptionMemoryOptions } from './subscription-memory.ts';
import { prepareDist, startSubscriptionEmulator } from './subscription-setup.ts';

/** Sizes of the subscription benchmarks. */
export interface SubscriptionBenchOptions {
  readonly latency: SubscriptionLatencyOptions;
  readonly memory: SubscriptionMemoryOptions;
  /** An existing build to run (e.g. the test suite's `dist/`); default: build into a temporary folder. */
  readonly distDir?: string;
}

/** What `npm run bench` runs: 1, 100 and 1 000 subscribers; 1 000 idle connections per transport. */
export const DEFAULT_SUBSCRIPTION_BENCH_OPTIONS: SubscriptionBenchOptions = {
  latency: { subscriberCounts: [1, 100, 1000], rounds: 6, eventsPerRound: 10 },
  memory: { connections: 1000, transports: ['ws', 'wss'] },
};

/** Figures for the report's table, and the details for its JSON. */
export interface SubscriptionBenchResult {
  readonly figures: Figure[];
  readonly details: Readonly<Record<string, unknown>>;
}

const reasonOf = (error: unknown): string => `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);

/**
 * @example
 * const { figures, details } = await benchSubscriptions(DEFAULT_SUBSCRIPTION_BENCH_OPTIONS, (line) => console.error(line));
 */
export async function benchSubscriptions(options: SubscriptionBenchOptions, progress: (line: string) => void = () => undefined): Promise<SubscriptionBenchResult> {
  const dist = await prepareDist(options.distDir);
  try {
    const figures: Figure[] = [];
    const details: Record<string, unknown> = { options };
    progress(`subscriptions: latency at ${options.latency.subscriberCounts.join(', ')} subscribers, against a bare ws broadcast…`);
    try {
      const subject = await startSubscriptionEmulator(dist.distDir);
      try {
        const { figures: latencyFigures, measurements } = await benchSubscriptionLatency(options.latency, subject);
        figures.push(...latencyFigures);
        details.latency = measurements;
      } finally {
        await subject.close();
      }
    } catch (error) {
      const reason = reasonOf(error);
      progress(`subscriptions: latency ${reason}`);
      for (const count of options.latency.subscriberCounts) {
        const goal = count === LATENCY_GOAL.subscribers ? LATENCY_GOAL.goal : undefined;
        figures.push(notMeasured(`subscriptions.latency.s${count}`, `Subscription event, ${count} subscribers`, 'ms', reason, goal));
      }
      details.latency = { error: reason };
    }
    progress(`subscriptions: memory of ${options.memory.connections} idle subscriptions (${options.memory.transports.join(', ')})…`);
    try {
      const { figures: memoryFigures, measurements } = await benchSubscriptionMemory(options.memory, dist.distDir);
      figures.push(...memoryFigures);
      details.memory = measurements;
    } catch (error) {
      const reason = reasonOf(error);
      progress(`subscriptions: memory ${reason}`);
      for (const transport of options.memory.transports) {
        figures.push(notMeasured(`subscriptions.memory.${transport}`, `Memory per idle subscription (${transport}://)`, 'KiB', reason, MEMORY_GOAL));
      }
      details.memory = { error: reason };
    }
    return { figures, details };
  } finally {
    dist.cleanup();
  }
}
