/**
 * The subscription benchmarks' code paths with tiny sizes, against the real emulator: every
 * figure is produced and judged, no event is lost, and the memory readings are taken. No
 * timing is asserted: this is not a benchmark.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchSubscriptions } from '../../bench/subscriptions.ts';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

interface LatencyDetails {
  readonly emulator: { readonly events: number; readonly deliveries: number; readonly lost: number };
  readonly floor: { readonly events: number; readonly deliveries: number; readonly lost: number };
  readonly frameBytes: number;
}

describe('Bench: subscriptions smoke run', () => {
  it('delivers every event to 5 subscribers, compares with the floor, and reads memory per connection', async () => {
    // Prepare
    const options = {
      latency: { subscriberCounts: [5], rounds: 2, eventsPerRound: 2 },
      memory: { connections: 5, transports: ['ws', 'wss'] as const },
      // The suite's global setup has built dist/.
      distDir: DIST,
    };

    // Act
    const { figures, details } = await benchSubscriptions(options);

    // Assess
    expect(figures.map((figure) => figure.id)).toEqual(['subscriptions.latency.s5', 'subscriptions.lost.s5', 'subscriptions.memory.ws', 'subscriptions.memory.wss']);
    for (const figure of figures) {
      expect(figure.note ?? '', figure.id).not.toMatch(/^not measured/);
      expect(Number.isFinite(figure.value), figure.id).toBe(true);
      if (figure.goal !== null) expect(typeof figure.goal.met, figure.id).toBe('boolean');
    }
    const [latency, lost] = figures;
    expect(latency?.ratioTo).toBe('bare ws broadcast p50');
    expect(Number.isFinite(latency?.ratio)).toBe(true);
    expect(lost?.value).toBe(0);
    expect(lost?.goal?.met).toBe(true);
    const measured = (details.latency as Record<string, LatencyDetails>)['5'];
    // Two rounds of two events per target, each to 5 subscribers.
    expect(measured?.emulator).toMatchObject({ events: 4, deliveries: 20, lost: 0 });
    expect(measured?.floor).toMatchObject({ events: 4, deliveries: 20, lost: 0 });
    expect(measured?.frameBytes).toBeGreaterThan(100);
    const memory = details.memory as Record<string, { connections: number; before: { rss: number }; after: { rss: number } }>;
    expect(Object.keys(memory)).toEqual(['ws', 'wss']);
    for (const reading of Object.values(memory)) {
      expect(reading.connections).toBe(5);
      expect(reading.before.rss).toBeGreaterThan(0);
      expect(reading.after.rss).toBeGreaterThan(0);
    }
  }, 120_000);
});
