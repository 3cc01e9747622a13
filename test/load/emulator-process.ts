/**
 * The emulator as a child process, as a developer runs it (`tsx emulator/cli.ts --port <p>
 * --data-dir <d> --no-watch`), for load runs that stop it with SIGTERM and start it again on the
 * same data directory and port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { PROJECT_ROOT } from '../../scripts/project-root.ts';

const READY_LINE = 'Ctrl-C stops it.';

/** A running emulator process. */
export interface EmulatorProcess {
  readonly url: string;
  /** Sends SIGTERM and resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts `emulator/cli.ts` and resolves once it prints that it is ready. Its output is drained
 * (one log line per request would otherwise fill the pipe) and the last lines kept for errors.
 *
 * @example
 * const emulator = await startEmulatorProcess({ port: await freePort(), dataDir });
 * await emulator.stop();
 */
export async function startEmulatorProcess(options: { port: number; dataDir: string; timeoutMs?: number }): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', String(options.port), '--data-dir', options.dataDir, '--no-watch'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const tail: string[] = [];
  let ready = false;
  let onReady: (() => void) | null = null;
  const keep = (chunk: Buffer): void => {
    const text = chunk.toString();
    if (!ready && text.includes(READY_LINE)) {
      ready = true;
      onReady?.();
    }
    tail.push(...text.split('\n').filter((line) => line !== ''));
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = await Promise.race([
    new Promise<boolean>((resolve) => {
      onReady = () => resolve(true);
      if (ready) resolve(true);
    }),
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
  ]);
  if (!started) {
    child.kill('SIGKILL');
    throw new Error(`The emulator did not start on port ${options.port}:\n${tail.join('\n')}`);
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}
