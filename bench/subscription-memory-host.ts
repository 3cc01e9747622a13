/**
 * Child process of the subscription memory benchmark: the emulator alone (started with
 * `--expose-gc`), measuring its own memory after full collections when asked, while the
 * subscribers live in the parent so that their memory is not counted.
 */
import { fileURLToPath } from 'node:url';
import type { RealtimeTarget } from './subscription-client.ts';
import { startSubscriptionEmulator } from './subscription-setup.ts';

/** Commands the parent sends. */
export type MemoryHostCommand = { readonly kind: 'measure' } | { readonly kind: 'exit' };

/** What one measurement reads, in bytes. */
export interface MemoryReading {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
}

/** Messages the host sends. */
export type MemoryHostMessage =
  | { readonly kind: 'ready'; readonly target: RealtimeTarget }
  | { readonly kind: 'measured'; readonly reading: MemoryReading }
  | { readonly kind: 'error'; readonly message: string };

/** Collects until the heap stops shrinking (finalizers of closed sockets run between passes). */
async function collect(gc: () => void): Promise<void> {
  let previous = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 10; pass += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    const used = process.memoryUsage().heapUsed;
    if (used >= previous * 0.999) return;
    previous = used;
  }
}

async function runHost(): Promise<void> {
  const send = (message: MemoryHostMessage): void => {
    process.send?.(message);
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the memory host needs --expose-gc');
  const [distDir = '', transport = 'ws'] = process.argv.slice(2);
  const subject = await startSubscriptionEmulator(distDir);
  // A parent that is gone (interrupted, crashed) takes its children with it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (command: MemoryHostCommand) => {
    if (command.kind === 'exit') {
      void subject.close().finally(() => process.exit(0));
      return;
    }
    collect(gc)
      .then(() => {
        const { rss, heapUsed, external } = process.memoryUsage();
        send({ kind: 'measured', reading: { rss, heapUsed, external } });
      })
      .catch((error: unknown) => send({ kind: 'error', message: String(error) }));
  });
  send({ kind: 'ready', target: subject.target(transport === 'wss' ? 'wss' : 'ws') });
}

if (process.send !== undefined && process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runHost().catch((error: unknown) => {
    process.send?.({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  });
}
