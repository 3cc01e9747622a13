/**
 * Firefox driven over WebDriver BiDi (Firefox speaks it natively; playwright-core needs its own
 * patched Firefox), just enough for a smoke test of the console: navigate, evaluate, resize,
 * screenshot. Every request off this machine goes to a dead proxy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Firefox ESR; `FIREFOX_PATH` overrides. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Whether Firefox is installed. (Its driver speaks WebSocket, which Node 20 has behind a flag:
 * `vitest.browser.config.ts` passes it to the test workers.)
 */
export function firefoxInstalled(): boolean {
  return existsSync(FIREFOX_PATH);
}

const PREFERENCES: Readonly<Record<string, string | number | boolean>> = {
  // Loopback is never proxied; everything else goes to a port where nothing listens.
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.allow_hijacking_localhost': false,
  'network.dns.disablePrefetch': true,
  'network.trr.mode': 5,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
};

/** One Firefox with one page. */
export interface FirefoxPage {
  navigate(url: string): Promise<void>;
  /** Evaluates `expression` in the page (promises awaited) and returns its JSON-able value. */
  evaluate<T>(expression: string): Promise<T>;
  setViewport(width: number, height: number): Promise<void>;
  /** PNG bytes of the viewport. */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

interface BidiMessage {
  readonly id?: number;
  readonly type?: string;
  readonly result?: Record<string, unknown>;
  readonly error?: string;
  readonly message?: string;
}

/** Reads a BiDi remote value back into plain JSON. */
function fromRemote(value: unknown): unknown {
  const remote = value as { type: string; value?: unknown };
  switch (remote.type) {
    case 'undefined':
    case 'null':
      return null;
    case 'array':
      return (remote.value as unknown[]).map(fromRemote);
    case 'object':
      return Object.fromEntries((remote.value as Array<[string, unknown]>).map(([key, entry]) => [key, fromRemote(entry)]));
    default:
      return remote.value;
  }
}

/**
 * @example
 * const firefox = await launchFirefox();
 * await firefox.navigate('http://127.0.0.1:4000/');
 */
export async function launchFirefox(): Promise<FirefoxPage> {
  const profile = mkdtempSync(join(tmpdir(), 'console-firefox-'));
  writeFileSync(join(profile, 'user.js'), Object.entries(PREFERENCES).map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`).join('\n'));
  const firefox: ChildProcess = spawn(FIREFOX_PATH, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not start its WebDriver BiDi server: ${seen.slice(-500)}`)), 30_000);
    firefox.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    firefox.on('exit', (code) => reject(new Error(`Firefox exited with ${code}: ${seen.slice(-500)}`)));
  });
  const socket = new WebSocket(`${endpoint}/session`);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let nextId = 0;
  const pending = new Map<number, (message: BidiMessage) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as BidiMessage;
    if (message.id !== undefined) pending.get(message.id)?.(message);
  });
  const send = async (method: string, params: object): Promise<Record<string, unknown>> => {
    nextId += 1;
    const id = nextId;
    const answer = await new Promise<BidiMessage>((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
    pending.delete(id);
    if (answer.type === 'error') throw new Error(`${method}: ${answer.error}: ${answer.message}`);
    return answer.result ?? {};
  };

  await send('session.new', { capabilities: {} });
  const tree = (await send('browsingContext.getTree', {})) as { contexts: Array<{ context: string }> };
  const context = tree.contexts[0]?.context ?? '';
  return {
    async navigate(url) {
      await send('browsingContext.navigate', { context, url, wait: 'complete' });
    },
    async evaluate<T>(expression: string) {
      const result = (await send('script.evaluate', { expression, target: { context }, awaitPromise: true })) as {
        type: string;
        result?: unknown;
        exceptionDetails?: { text: string };
      };
      if (result.type === 'exception') throw new Error(`In Firefox: ${result.exceptionDetails?.text ?? 'exception'}`);
      return fromRemote(result.result) as T;
    },
    async setViewport(width, height) {
      await send('browsingContext.setViewport', { context, viewport: { width, height } });
    },
    async screenshot() {
      const { data } = (await send('browsingContext.captureScreenshot', { context })) as { data: string };
      return Buffer.from(data, 'base64');
    },
    async close() {
      await send('session.end', {}).catch(() => undefined);
      socket.close();
      firefox.kill();
      if (firefox.exitCode === null) await new Promise((resolve) => firefox.once('exit', resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
