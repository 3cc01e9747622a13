/**
 * Test fixtures for the runtime: a real host (randomness from node:crypto, which is fine on the
 * host side) with an optionally pinned clock, a fresh session, and the modules built over both.
 */
import { randomBytes } from 'node:crypto';
import { createAppSyncModules } from '../../../emulator/runtime/index.ts';
import type { EvaluationSession, HostCapabilities } from '../../../emulator/runtime/index.ts';

/** The instant the developer guide's util.time examples were taken at (2018-02-06T19:01:35.758Z). */
export const GUIDE_EPOCH_MILLIS = 1517943695758;

export function makeHost(options: { now?: number } = {}): HostCapabilities {
  const host: HostCapabilities = { randomHex: (count) => randomBytes(count).toString('hex') };
  if (options.now !== undefined) {
    const now = options.now;
    host.nowEpochMilliseconds = () => now;
  }
  return host;
}

export function makeSession(authType = 'Lambda Authorization'): EvaluationSession {
  return { outErrors: [], extensions: [], authType };
}

/** The two modules, typed loosely enough for tests to call any helper. */
export interface TestModules {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  util: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  runtime: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  extensions: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ddb: any;
  session: EvaluationSession;
}

export function makeModules(options: { now?: number; session?: EvaluationSession } = {}): TestModules {
  const session = options.session ?? makeSession();
  const modules = createAppSyncModules(makeHost(options), () => session);
  const utils = modules['@aws-appsync/utils'] as Record<string, unknown>;
  return {
    util: utils['util'],
    runtime: utils['runtime'],
    extensions: utils['extensions'],
    ddb: modules['@aws-appsync/utils/dynamodb'],
    session,
  };
}

/** What a call throws (the runtime throws non-Error values such as HandlerStop). */
export function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (caught) {
    return caught;
  }
  throw new Error('expected the call to throw, but it returned');
}
