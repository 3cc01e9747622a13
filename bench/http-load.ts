/**
 * A small closed-loop HTTP load generator for loopback servers: `concurrency` workers, each
 * sending the next request as soon as the previous answer is read, over keep-alive sockets.
 */
import http from 'node:http';
import { nowMs } from './stats.ts';

/** One POST to repeat. `body` is called per request, so that mutations can vary their input. */
export interface LoadRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: () => string;
  /** Throws when an answer is not the expected success (a benchmark of errors is meaningless). */
  readonly check: (status: number, body: string) => void;
}

/** What a load run measured. */
export interface LoadResult {
  /** Per-request latencies in milliseconds. */
  readonly latenciesMs: number[];
  readonly elapsedMs: number;
}

/** Refuses anything but this machine: benchmarks only talk to 127.0.0.1. */
function assertLoopback(url: URL): void {
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' && url.hostname !== '[::1]') {
    throw new Error(`benchmarks only talk to loopback addresses, not ${url.hostname}`);
  }
}

/**
 * POSTs once and reads the whole answer.
 *
 * @example
 * const { status, body } = await post(new URL('http://127.0.0.1:4000/graphql'), agent, headers, '{"query":"{ me { sub } }"}');
 */
export function post(url: URL, agent: http.Agent, headers: Readonly<Record<string, string>>, body: string): Promise<{ status: number; body: string }> {
  assertLoopback(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-type': headers['content-type'] ?? 'application/json', 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Runs `concurrency` workers for `durationMs` and records every request's latency.
 *
 * @example
 * const { latenciesMs } = await runLoad(request, { concurrency: 16, durationMs: 1000 });
 */
export async function runLoad(request: LoadRequest, options: { readonly concurrency: number; readonly durationMs: number }): Promise<LoadResult> {
  const url = new URL(request.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs: number[] = [];
  const start = nowMs();
  const deadline = start + options.durationMs;
  const worker = async () => {
    while (nowMs() < deadline) {
      const sent = nowMs();
      const answer = await post(url, agent, request.headers, request.body());
      latenciesMs.push(nowMs() - sent);
      request.check(answer.status, answer.body);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { latenciesMs, elapsedMs: nowMs() - start };
}
