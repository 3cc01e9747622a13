/**
 * Subscription delivery latency: from a mutation's HTTP answer reaching the mutating client
 * (`addComment`, the seeded agent) to its event reaching each subscriber of
 * `onCommentAdded(ticketId)` on the same ticket, at each subscriber count; against a floor, a
 * bare `ws` server sending a frame of the same size to as many sockets, timed from the
 * broadcast call. Emulator and floor run in the same process and alternate in short batches,
 * so a busy machine slows both. The subscribers (`subscription-fleet.ts`) and the mutating client
 * (`subscription-mutator.ts`) are child processes, so that none shares the emulator's event loop.
 * An event still missing at a subscriber after `lostAfterMs` counts as lost; losses are a figure
 * at the largest subscriber count.
 */
import { figure, type Figure, type Goal } from './figures.ts';
import { forkBenchChild, type BenchChild } from './bench-child.ts';
import { nowMs, percentile } from './stats.ts';
import { startBroadcastFloor, type BroadcastFloor } from './subscription-floor.ts';
import { eventMarker } from './subscription-event-marker.ts';
import type { FleetGroup, FleetMessage } from './subscription-fleet.ts';
import type { MutatorMessage } from './subscription-mutator.ts';
import type { SubscriptionEmulator } from './subscription-setup.ts';

/** Sizes of the latency run. */
export interface SubscriptionLatencyOptions {
  readonly subscriberCounts: readonly number[];
  /** Alternating batches per target and subscriber count. */
  readonly rounds: number;
  /** Events per batch; each waits for every subscriber before the next. */
  readonly eventsPerRound: number;
  /** How long an event may take to reach every subscriber before the missing count as lost; default 5 s. */
  readonly lostAfterMs?: number;
}

/** Latencies and losses of one target at one subscriber count. */
export interface DeliveryFigures {
  readonly events: number;
  readonly deliveries: number;
  readonly lost: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** The emulator's figures, with the mutation's own round trip and the time from sending it. */
export interface EmulatorDeliveryFigures extends DeliveryFigures {
  /** Mutation sent → event received. */
  readonly fromSentP50Ms: number;
  readonly fromSentP99Ms: number;
  /** Mutation sent → answer read. */
  readonly roundTripP50Ms: number;
}

/** Latency figures and the measurements behind them. */
export interface SubscriptionLatencyResult {
  readonly figures: Figure[];
  /** Keyed by subscriber count. */
  readonly measurements: Readonly<Record<string, { readonly emulator: EmulatorDeliveryFigures; readonly floor: DeliveryFigures; readonly frameBytes: number }>>;
  readonly options: SubscriptionLatencyOptions;
}

/** The goal: p50 at most 3× the floor's, at 100 subscribers. The largest count run must lose nothing. */
export const LATENCY_GOAL = { subscribers: 100, goal: { on: 'ratio', op: '<=', target: 3 } } as const satisfies { subscribers: number; goal: Omit<Goal, 'met'> };

type Fleet = BenchChild<FleetMessage>;

async function arrivals(fleet: Fleet, group: FleetGroup, seq: number, lostAfterMs: number): Promise<{ timesMs: number[]; sample: string | null }> {
  const arrived = fleet.next('arrivals', (message) => message.group === group && message.seq === seq);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), lostAfterMs);
  });
  const first = await Promise.race([arrived, late]);
  clearTimeout(timer);
  if (first !== 'late') return first;
  // Ask for what has arrived; the complete report may have crossed the request.
  fleet.send({ kind: 'collect', group, seq });
  return arrived;
}

interface Samples {
  latencies: number[];
  fromSent: number[];
  roundTrips: number[];
  events: number;
  lost: number;
}

const emptySamples = (): Samples => ({ latencies: [], fromSent: [], roundTrips: [], events: 0, lost: 0 });

function delivery(samples: Samples): DeliveryFigures {
  return {
    events: samples.events,
    deliveries: samples.latencies.length,
    lost: samples.lost,
    p50Ms: percentile(samples.latencies, 50),
    p99Ms: percentile(samples.latencies, 99),
  };
}

const fixed = (value: number): string => value.toFixed(2);

/**
 * Runs the latency benchmark on a running emulator.
 *
 * @example
 * const { figures } = await benchSubscriptionLatency({ subscriberCounts: [1, 100, 1000], rounds: 6, eventsPerRound: 10 }, subject);
 */
export async function benchSubscriptionLatency(options: SubscriptionLatencyOptions, subject: SubscriptionEmulator): Promise<SubscriptionLatencyResult> {
  const lostAfterMs = options.lostAfterMs ?? 5000;
  const fleet = forkBenchChild<FleetMessage>(new URL('./subscription-fleet.ts', import.meta.url));
  const mutator = forkBenchChild<MutatorMessage>(new URL('./subscription-mutator.ts', import.meta.url));
  let floor: BroadcastFloor | null = null;
  try {
    const running = await startBroadcastFloor();
    floor = running;
    const floorTarget = { kind: 'floor' as const, url: running.url };
    const measurements: Record<string, { emulator: EmulatorDeliveryFigures; floor: DeliveryFigures; frameBytes: number }> = {};
    const figures: Figure[] = [];
    let seq = 0;

    for (const count of options.subscriberCounts) {
      fleet.send({ kind: 'open', group: 'emulator', target: subject.target('ws'), count });
      await fleet.next('opened', (message) => message.group === 'emulator');
      fleet.send({ kind: 'open', group: 'floor', target: floorTarget, count });
      await fleet.next('opened', (message) => message.group === 'floor');

      const samples = { emulator: emptySamples(), floor: emptySamples() };
      /** One event through the emulator; resolves with one of its frames (`null` if none arrived). */
      const runEmulator = async (timed: boolean): Promise<string | null> => {
        const event = (seq += 1);
        mutator.send({ kind: 'mutate', mutation: subject.mutation, seq: event });
        const { sentAtMs: sentAt, answeredAtMs: ackAt } = await mutator.next('mutated', (message) => message.seq === event);
        const arrived = await arrivals(fleet, 'emulator', event, lostAfterMs);
        if (!timed) return arrived.sample;
        const into = samples.emulator;
        into.events += 1;
        into.lost += count - arrived.timesMs.length;
        into.roundTrips.push(ackAt - sentAt);
        for (const at of arrived.timesMs) {
          into.latencies.push(at - ackAt);
          into.fromSent.push(at - sentAt);
        }
        return arrived.sample;
      };
      const runFloor = async (frame: string): Promise<void> => {
        const event = (seq += 1);
        const calledAt = nowMs();
        running.broadcast(frame.replace(eventMarker.write(0), eventMarker.write(event)));
        const arrived = await arrivals(fleet, 'floor', event, lostAfterMs);
        const into = samples.floor;
        into.events += 1;
        into.lost += count - arrived.timesMs.length;
        for (const at of arrived.timesMs) into.latencies.push(at - calledAt);
      };

      // One untimed event warms the path and gives the frame the floor copies, byte for byte.
      const sample = await runEmulator(false);
      if (sample === null) throw new Error(`no subscriber of ${count} received the first event`);
      const floorFrame = sample.replace(eventMarker.pattern, eventMarker.write(0));
      await runFloor(floorFrame);
      samples.floor = emptySamples();

      for (let round = 0; round < options.rounds; round += 1) {
        const order = round % 2 === 0 ? (['emulator', 'floor'] as const) : (['floor', 'emulator'] as const);
        for (const name of order) {
          for (let index = 0; index < options.eventsPerRound; index += 1) {
            if (name === 'emulator') await runEmulator(true);
            else await runFloor(floorFrame);
          }
        }
      }

      fleet.send({ kind: 'closeGroup', group: 'emulator' });
      await fleet.next('closed', (message) => message.group === 'emulator');
      fleet.send({ kind: 'closeGroup', group: 'floor' });
      await fleet.next('closed', (message) => message.group === 'floor');

      const emulator: EmulatorDeliveryFigures = {
        ...delivery(samples.emulator),
        fromSentP50Ms: percentile(samples.emulator.fromSent, 50),
        fromSentP99Ms: percentile(samples.emulator.fromSent, 99),
        roundTripP50Ms: percentile(samples.emulator.roundTrips, 50),
      };
      const floorFigures = delivery(samples.floor);
      measurements[String(count)] = { emulator, floor: floorFigures, frameBytes: Buffer.byteLength(floorFrame) };
      const plural = count === 1 ? 'subscriber' : 'subscribers';
      figures.push(
        figure({
          id: `subscriptions.latency.s${count}`,
          label: `Subscription event, ${count} ${plural}: mutation answered → event received, p50`,
          value: emulator.p50Ms,
          unit: 'ms',
          reference: { label: 'bare ws broadcast p50', value: floorFigures.p50Ms },
          ...(count === LATENCY_GOAL.subscribers ? { goal: LATENCY_GOAL.goal } : {}),
          note:
            `p99 ${fixed(emulator.p99Ms)} ms (floor ${fixed(floorFigures.p99Ms)}); floor p50 ${fixed(floorFigures.p50Ms)} ms; ` +
            `from mutation sent p50 ${fixed(emulator.fromSentP50Ms)} / p99 ${fixed(emulator.fromSentP99Ms)} ms (its round trip p50 ${fixed(emulator.roundTripP50Ms)} ms); ` +
            `${emulator.events} events × ${count}, ${emulator.lost} lost; ${Buffer.byteLength(floorFrame)}-byte frames`,
        }),
      );
      if (count === Math.max(...options.subscriberCounts)) {
        figures.push(
          figure({
            id: `subscriptions.lost.s${count}`,
            label: `Subscription events lost, ${count} ${plural} on one emulator`,
            value: emulator.lost,
            unit: 'events',
            goal: { on: 'value', op: '<=', target: 0 },
            note: `${emulator.deliveries} of ${emulator.events * count} deliveries arrived within ${lostAfterMs} ms`,
          }),
        );
      }
    }
    return { figures, measurements, options };
  } finally {
    await Promise.all([fleet.close(), mutator.close()]);
    await floor?.close();
  }
}
