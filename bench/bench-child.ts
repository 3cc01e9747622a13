/**
 * Forks one of the bench's TypeScript entry points as a Node child process with an IPC channel
 * (through tsx, run from the project root so that `--import tsx` resolves), and turns its
 * messages into awaited answers. Children's memory and CPU are their own: benchmarks use them
 * to keep load generators out of what they measure.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { PROJECT_ROOT } from '../scripts/project-root.ts';

/** A child that exited, or answered with an error, before the awaited message. */
export class BenchChildError extends Error {
  override readonly name = 'BenchChildError';
}

/** A forked child: send commands, await messages of a kind. */
export interface BenchChild<Message extends { readonly kind: string }> {
  send(command: unknown): void;
  /** The next message of `kind` that `accept` accepts (messages not awaited are kept, in order). */
  next<Kind extends Message['kind']>(kind: Kind, accept?: (message: Extract<Message, { kind: Kind }>) => boolean): Promise<Extract<Message, { kind: Kind }>>;
  /** Asks the child to exit (`{ kind: 'exit' }`) and waits; kills it after 10 s. */
  close(): Promise<void>;
}

/**
 * @example
 * const host = forkBenchChild<HostMessage>(new URL('./subscription-memory-host.ts', import.meta.url), { nodeFlags: ['--expose-gc'], args: [distDir] });
 * const ready = await host.next('ready');
 */
export function forkBenchChild<Message extends { readonly kind: string }>(
  entry: URL,
  options: { readonly nodeFlags?: readonly string[]; readonly args?: readonly string[] } = {},
): BenchChild<Message> {
  const { nodeFlags = [], args = [] } = options;
  const child: ChildProcess = fork(entry, [...args], {
    cwd: PROJECT_ROOT,
    // The AWS SDK's notice about future Node versions says nothing about a benchmark.
    execArgv: ['--import', 'tsx', '--disable-warning=NodeVersionSupportWarning', ...nodeFlags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const kept: Message[] = [];
  const waiters: Array<{ kind: string; accept: (message: Message) => boolean; resolve: (message: Message) => void; reject: (error: Error) => void }> = [];
  /** Set once the child exited or reported an error: every later `next` fails with it. */
  let failed: Error | null = null;

  child.on('message', (raw) => {
    const message = raw as Message;
    if (message.kind === 'error') {
      failed = new BenchChildError(String((message as { message?: unknown }).message));
      for (const waiter of waiters.splice(0)) waiter.reject(failed);
      return;
    }
    const index = waiters.findIndex((waiter) => waiter.kind === message.kind && waiter.accept(message));
    if (index < 0) kept.push(message);
    else waiters.splice(index, 1)[0]?.resolve(message);
  });
  child.on('exit', (code, signal) => {
    failed ??= new BenchChildError(`bench child ${entry.pathname.split('/').pop()} exited (${signal ?? code})`);
    for (const waiter of waiters.splice(0)) waiter.reject(failed);
  });

  return {
    send(command) {
      child.send(command as object);
    },
    next(kind, accept = () => true) {
      const test = (message: Message): boolean => message.kind === kind && accept(message as never);
      const index = kept.findIndex(test);
      if (index >= 0) return Promise.resolve(kept.splice(index, 1)[0] as never);
      if (failed !== null) return Promise.reject(failed);
      return new Promise((resolve, reject) => waiters.push({ kind, accept: test, resolve: resolve as (message: Message) => void, reject }));
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.send({ kind: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
