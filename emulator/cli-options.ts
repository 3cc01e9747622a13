/**
 * `npm start`'s command line and environment, read into `EmulatorOptions`.
 *
 * Flags: `--port <n>`, `--host <h>`, `--data-dir <dir>`, `--in-memory`, `--access-token-email`,
 * `--no-introspection`, `--no-watch`, `--jwks-fault <spec>`, `--help`. Environment: `PORT`, `DYNAMODB_ENDPOINT`, `ACCESS_TOKEN_EMAIL`
 * (`true`/`1`), `USER_POOL_ID`, `APP_CLIENT_ID`, `AUTH_TTL_SECONDS`. Flags win over the
 * environment.
 */
import { parseArgs } from 'node:util';
import { MAX_AUTHORIZER_RESULT_TTL_SECONDS } from '../infra/api-limits.ts';
import { JWKS_FAULT_USAGE, JwksFaultSpecError, parseJwksFaultSpec } from './faults/index.ts';
import type { EmulatorOptions } from './start-emulator.ts';

/** The usage text. */
export const USAGE = `Usage: npm start -- [options]

  --port <n>              port to listen on (default 4000, or PORT)
  --host <address>        interface to listen on (default 127.0.0.1)
  --data-dir <dir>        where keys, users and the table are kept (default .data/)
  --in-memory             keep everything in memory; nothing is written
  --access-token-email    V2_0 trigger: access tokens carry email (ACCESS_TOKEN_EMAIL=true)
  --no-introspection      refuse introspection queries, as a stack deployed with introspection off
  --no-watch              do not rebuild when resolvers, authorizer, triggers, policy or schema change
${JWKS_FAULT_USAGE}
  --help                  show this text

Environment: PORT, DYNAMODB_ENDPOINT (use that DynamoDB instead of the embedded one),
ACCESS_TOKEN_EMAIL, USER_POOL_ID, APP_CLIENT_ID, AUTH_TTL_SECONDS.`;

/** Why the command line was refused. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

function port(text: string, source: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new CliUsageError(`${source} must be a port number from 0 to 65535, got "${text}".`);
  return value;
}

function flag(text: string | undefined): boolean {
  return text !== undefined && /^(?:1|true|yes|on)$/i.test(text.trim());
}

/**
 * @example
 * readCliOptions(['--in-memory', '--port', '0'], process.env); // { options: { inMemory: true, port: 0, … }, help: false }
 */
export function readCliOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): { options: EmulatorOptions; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'in-memory': { type: 'boolean' },
        'access-token-email': { type: 'boolean' },
        'no-watch': { type: 'boolean' },
        'no-introspection': { type: 'boolean' },
        'jwks-fault': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values;
  const ttl = env.AUTH_TTL_SECONDS?.trim();
  const ttlSeconds = ttl === undefined || ttl === '' ? undefined : Number(ttl);
  if (ttlSeconds !== undefined && (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > MAX_AUTHORIZER_RESULT_TTL_SECONDS)) {
    throw new CliUsageError(`AUTH_TTL_SECONDS must be a whole number of seconds from 0 to ${MAX_AUTHORIZER_RESULT_TTL_SECONDS}, got "${ttl}".`);
  }
  let jwksFaults;
  try {
    jwksFaults = values['jwks-fault'] === undefined ? undefined : parseJwksFaultSpec(values['jwks-fault']);
  } catch (error) {
    if (error instanceof JwksFaultSpecError) throw new CliUsageError(error.message);
    throw error;
  }
  const options: EmulatorOptions = {
    port: values.port !== undefined ? port(values.port, '--port') : env.PORT !== undefined && env.PORT !== '' ? port(env.PORT, 'PORT') : 4000,
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? '.data',
    inMemory: values['in-memory'] === true,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT !== undefined && env.DYNAMODB_ENDPOINT !== '' ? env.DYNAMODB_ENDPOINT : null,
    accessTokenEmail: values['access-token-email'] === true || flag(env.ACCESS_TOKEN_EMAIL),
    watch: values['no-watch'] !== true,
    introspection: values['no-introspection'] !== true,
    ...(jwksFaults === undefined ? {} : { jwksFaults }),
    ...(env.USER_POOL_ID ? { userPoolId: env.USER_POOL_ID } : {}),
    ...(env.APP_CLIENT_ID ? { clientId: env.APP_CLIENT_ID } : {}),
    ...(ttlSeconds === undefined ? {} : { authTtlSeconds: ttlSeconds }),
  };
  return { options, help: values.help === true };
}
