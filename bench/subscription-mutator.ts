/**
 * Child process of the subscription latency benchmark: the mutating client, in a process of
 * its own so that the emulator's work (delivering to every subscriber) cannot delay reading
 * its answer, nor its answer the subscribers. It reports when it sent each mutation and when
 * it had read the whole answer (process.hrtime, the same monotonic clock in every process).
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { nowMs } from './stats.ts';
import { addComment, type EventMutation } from './subscription-mutation.ts';

/** Commands the parent sends. */
export type MutatorCommand = { readonly kind: 'mutate'; readonly mutation: EventMutation; readonly seq: number } | { readonly kind: 'exit' };

/** Messages the mutator sends. */
export type MutatorMessage =
  | { readonly kind: 'mutated'; readonly seq: number; readonly sentAtMs: number; readonly answeredAtMs: number }
  | { readonly kind: 'error'; readonly message: string };

function runMutator(): void {
  const agent = new http.Agent({ keepAlive: true });
  // A parent that is gone (interrupted, crashed) takes its children with it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (command: MutatorCommand) => {
    if (command.kind === 'exit') {
      agent.destroy();
      process.exit(0);
    }
    const sentAtMs = nowMs();
    addComment(command.mutation, agent, command.seq).then(
      () => process.send?.({ kind: 'mutated', seq: command.seq, sentAtMs, answeredAtMs: nowMs() } satisfies MutatorMessage),
      (error: unknown) => process.send?.({ kind: 'error', message: error instanceof Error ? error.message : String(error) } satisfies MutatorMessage),
    );
  });
}

if (process.send !== undefined && process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) runMutator();
