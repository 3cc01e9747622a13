/**
 * The authorizer's configuration, read from the environment once at cold start. Other programs
 * (the CDK stack, the emulator) set exactly these five variables.
 */
import { ConfigurationError } from './errors.ts';
import { DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS, MAX_AUTHORIZER_RESULT_TTL_SECONDS } from './result-ttl.ts';

/** Validated authorizer configuration. */
export interface AuthorizerConfig {
  /** `USER_POOL_ID`, e.g. `us-east-1_AbC123`. */
  readonly userPoolId: string;
  /** `APP_CLIENT_ID`, comma-separated: the app clients whose tokens are accepted. */
  readonly clientIds: readonly string[];
  /**
   * `MACHINE_CLIENT_IDS`, comma-separated, may be empty: the client-credentials app clients
   * whose access tokens stand for machines. None may also be in `APP_CLIENT_ID`.
   */
  readonly machineClientIds: readonly string[];
  /** `AUTH_TTL_SECONDS` (default 300): the longest AppSync may cache a decision. */
  readonly ttlSeconds: number;
  /** `JWKS_FILE`: a JWKS document to preload instead of fetching, or `null` to fetch. */
  readonly jwksFile: string | null;
}

const USER_POOL_ID = /^[a-z]{2}(?:-[a-z]+)+-\d_[A-Za-z0-9]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;

/**
 * Reads and validates the configuration.
 *
 * @throws {ConfigurationError} naming the variable at fault and what it should hold.
 * @example
 * const config = readConfig(process.env);
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): AuthorizerConfig {
  const userPoolId = (env.USER_POOL_ID ?? '').trim();
  if (!USER_POOL_ID.test(userPoolId)) {
    throw new ConfigurationError('set it to the Cognito user pool id, such as us-east-1_AbC123', 'USER_POOL_ID');
  }
  const clientIds = clientIdList(env.APP_CLIENT_ID);
  if (clientIds.length === 0 || !clientIds.every((id) => CLIENT_ID.test(id))) {
    throw new ConfigurationError('set it to the app client id, or several separated by commas', 'APP_CLIENT_ID');
  }
  const machineClientIds = clientIdList(env.MACHINE_CLIENT_IDS);
  if (!machineClientIds.every((id) => CLIENT_ID.test(id))) {
    throw new ConfigurationError('set it to the machine app client ids separated by commas, or leave it empty', 'MACHINE_CLIENT_IDS');
  }
  // A client is either a user's or a machine's: in both lists, its user tokens would be refused.
  const both = machineClientIds.filter((id) => clientIds.includes(id));
  if (both.length > 0) {
    throw new ConfigurationError(`${both.join(', ')} is also in APP_CLIENT_ID; a client is a user's or a machine's, not both`, 'MACHINE_CLIENT_IDS');
  }
  const rawTtl = (env.AUTH_TTL_SECONDS ?? '').trim();
  const ttlSeconds = rawTtl === '' ? DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS : Number(rawTtl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > MAX_AUTHORIZER_RESULT_TTL_SECONDS) {
    throw new ConfigurationError(`set it to a whole number of seconds from 0 to ${MAX_AUTHORIZER_RESULT_TTL_SECONDS}`, 'AUTH_TTL_SECONDS');
  }
  const jwksFile = (env.JWKS_FILE ?? '').trim();
  return { userPoolId, clientIds, machineClientIds, ttlSeconds, jwksFile: jwksFile === '' ? null : jwksFile };
}

function clientIdList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}
