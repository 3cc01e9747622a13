/**
 * An emulator for the browser tests, started in the test: in memory, on a free loopback port,
 * with the console mounted at `/` as `npm start` serves it.
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/start-emulator.ts';

/** A running emulator and the URL of its console. */
export interface ConsoleEnvironment {
  readonly emulator: RunningEmulator;
  readonly consoleUrl: string;
  /** Signs `email` in and calls the API with its ID token, as a client would. */
  graphql(email: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * Starts an in-memory emulator; `options` go to it.
 *
 * @example
 * const environment = await startConsoleEnvironment();
 * await page.goto(environment.consoleUrl);
 */
export async function startConsoleEnvironment(options: EmulatorOptions = {}): Promise<ConsoleEnvironment> {
  const emulator = await startEmulator({ port: 0, inMemory: true, log: () => {}, ...options });
  return {
    emulator,
    consoleUrl: emulator.consoleUrl,
    async graphql(email, query, variables = {}) {
      const { idToken } = await emulator.identityProvider.signIn(email, 'Passw0rd!');
      const response = await fetch(emulator.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: idToken },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    close: () => emulator.close(),
  };
}
