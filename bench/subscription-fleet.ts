/**
 * Child process of the subscription latency benchmark: the subscribers, kept out of the
 * process that runs the emulator and the floor so that they do not share its event loop.
 * Subscribers form groups (`emulator`, `floor`); each event carries a sequence number in its
 * text (`bench event 000042`), and once every subscriber of a group has an event the child
 * reports the arrival times (process.hrtime, the same monotonic clock in every process).
 */
import { fileURLToPath } from 'node:url';
import type { WebSocket } from 'ws';
import { closeSubscribers, openSubscribers, type FloorTarget, type RealtimeTarget } from './subscription-client.ts';
import { eventMarker } from './subscription-event-marker.ts';

/** Which subscribers. */
export type FleetGroup = 'emulator' | 'floor';

/** Commands the parent sends. */
export type FleetCommand =
  | { readonly kind: 'open'; readonly group: FleetGroup; readonly target: RealtimeTarget | FloorTarget; readonly count: number }
  /** Report what has arrived of `seq` now, and ignore its later arrivals. */
  | { readonly kind: 'collect'; readonly group: FleetGroup; readonly seq: number }
  | { readonly kind: 'closeGroup'; readonly group: FleetGroup }
  | { readonly kind: 'exit' };

/** Messages the child sends. */
export type FleetMessage =
  | { readonly kind: 'opened'; readonly group: FleetGroup; readonly count: number }
  /** `complete`: every subscriber had it; otherwise the answer to `collect`. `sample` is one frame's text. */
  | { readonly kind: 'arrivals'; readonly group: FleetGroup; readonly seq: number; readonly timesMs: number[]; readonly complete: boolean; readonly sample: string | null }
  | { readonly kind: 'closed'; readonly group: FleetGroup }
  | { readonly kind: 'error'; readonly message: string };

interface Group {
  sockets: WebSocket[];
  count: number;
  arrivals: Map<number, { timesMs: number[]; sample: string }>;
  collected: Set<number>;
}

function runFleet(): void {
  const send = (message: FleetMessage): void => {
    process.send?.(message);
  };
  const groups = new Map<FleetGroup, Group>();

  const onFrame = (name: FleetGroup) => (text: string, receivedAtMs: number): void => {
    // Parsed as any client would before handing the event on; both groups pay the same.
    const frame = JSON.parse(text) as { type?: unknown };
    if (frame.type !== 'data') return;
    const seq = eventMarker.read(text);
    const group = groups.get(name);
    if (seq === null || group === undefined || group.collected.has(seq)) return;
    let arrival = group.arrivals.get(seq);
    if (arrival === undefined) group.arrivals.set(seq, (arrival = { timesMs: [], sample: text }));
    arrival.timesMs.push(receivedAtMs);
    if (arrival.timesMs.length === group.count) {
      group.arrivals.delete(seq);
      group.collected.add(seq);
      send({ kind: 'arrivals', group: name, seq, timesMs: arrival.timesMs, complete: true, sample: arrival.sample });
    }
  };

  async function handle(command: FleetCommand): Promise<void> {
    switch (command.kind) {
      case 'open': {
        const group: Group = { sockets: [], count: command.count, arrivals: new Map(), collected: new Set() };
        groups.set(command.group, group);
        group.sockets = await openSubscribers(command.target, command.count, onFrame(command.group));
        send({ kind: 'opened', group: command.group, count: group.sockets.length });
        return;
      }
      case 'collect': {
        const group = groups.get(command.group);
        const arrival = group?.arrivals.get(command.seq);
        group?.arrivals.delete(command.seq);
        group?.collected.add(command.seq);
        send({ kind: 'arrivals', group: command.group, seq: command.seq, timesMs: arrival?.timesMs ?? [], complete: false, sample: arrival?.sample ?? null });
        return;
      }
      case 'closeGroup': {
        await closeSubscribers(groups.get(command.group)?.sockets ?? []);
        groups.delete(command.group);
        send({ kind: 'closed', group: command.group });
        return;
      }
      case 'exit':
        await Promise.all([...groups.values()].map((group) => closeSubscribers(group.sockets)));
        process.exit(0);
    }
  }

  // A parent that is gone (interrupted, crashed) takes its children with it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (command: FleetCommand) => {
    handle(command).catch((error: unknown) => send({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
  });
}

// Only as a forked child: importing this module for its types runs nothing.
if (process.send !== undefined && process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) runFleet();
