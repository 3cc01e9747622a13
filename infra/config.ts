/**
 * The deployment's settings, read once from CDK context (`cdk.json` or `-c key=value`) and
 * validated, so that a typo fails `cdk synth` with a message instead of deploying a default.
 */
import { DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS, MAX_AUTHORIZER_RESULT_TTL_SECONDS } from './api-limits.ts';

/** What to do with the user pool and the table when the stack is deleted. */
export type RemovalChoice = 'retain' | 'destroy';

/** The validated settings of one deployment. */
export interface HelpdeskConfig {
  /** Name of the CloudFormation stack (context `stackName`). */
  readonly stackName: string;
  /**
   * Attach the Pre Token Generation trigger as V2_0 so that access tokens carry `email`; this
   * needs the Essentials feature plan (context `accessTokenEmail`, default false: Lite and V1).
   */
  readonly accessTokenEmail: boolean;
  /** AppSync's cache time for an authorizer answer, 0–3600 s (context `authTtlSeconds`). */
  readonly authTtlSeconds: number;
  /** Lifetime of ID and access tokens, 5–1440 minutes (context `tokenValidityMinutes`). */
  readonly tokenValidityMinutes: number;
  /** Whether the API answers introspection queries (context `introspection`, default true). */
  readonly introspection: boolean;
  /** Whether AppSync traces requests with X-Ray (context `xray`, default false). */
  readonly xray: boolean;
  /** Fate of the user pool and the table on stack deletion (context `removalPolicy`). */
  readonly removalPolicy: RemovalChoice;
  /**
   * The Cognito domain prefix serving `/oauth2/token` to machine callers (context
   * `userPoolDomainPrefix`), unique in the region; `null`: the stack name and the account id.
   */
  readonly userPoolDomainPrefix: string | null;
  /**
   * Whether the stack has machine callers: the resource server, the domain and one
   * client-credentials app client per machine role (context `machineCallers`, default true).
   * Cognito bills each such client by the month, so a stack without them costs nothing at rest.
   */
  readonly machineCallers: boolean;
}

/** The defaults, which are also what `cdk.json` documents. */
export const DEFAULT_CONFIG: HelpdeskConfig = {
  stackName: 'HelpdeskStack',
  accessTokenEmail: false,
  authTtlSeconds: DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS,
  tokenValidityMinutes: 60,
  introspection: true,
  xray: false,
  removalPolicy: 'retain',
  userPoolDomainPrefix: null,
  machineCallers: true,
};

/** A context value that cannot be used; names the key, what it got and what it accepts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly key: string,
    readonly actual: unknown,
    readonly expected: string,
  ) {
    super(`Context "${key}" is ${JSON.stringify(actual)}; expected ${expected}. Fix it in cdk.json or pass -c ${key}=<value>.`);
  }
}

/** Reads one context value; CDK hands values from `-c` as strings and from `cdk.json` as JSON. */
export type ContextReader = (key: string) => unknown;

/**
 * Reads and validates every setting.
 *
 * @example
 * const app = new App();
 * const config = readConfig((key) => app.node.tryGetContext(key));
 */
export function readConfig(context: ContextReader): HelpdeskConfig {
  return {
    stackName: readStackName(context('stackName')),
    accessTokenEmail: readBoolean('accessTokenEmail', context('accessTokenEmail'), DEFAULT_CONFIG.accessTokenEmail),
    authTtlSeconds: readInteger('authTtlSeconds', context('authTtlSeconds'), DEFAULT_CONFIG.authTtlSeconds, 0, MAX_AUTHORIZER_RESULT_TTL_SECONDS),
    tokenValidityMinutes: readInteger('tokenValidityMinutes', context('tokenValidityMinutes'), DEFAULT_CONFIG.tokenValidityMinutes, 5, 1440),
    introspection: readBoolean('introspection', context('introspection'), DEFAULT_CONFIG.introspection),
    xray: readBoolean('xray', context('xray'), DEFAULT_CONFIG.xray),
    removalPolicy: readRemovalChoice(context('removalPolicy')),
    userPoolDomainPrefix: readDomainPrefix(context('userPoolDomainPrefix')),
    machineCallers: readBoolean('machineCallers', context('machineCallers'), DEFAULT_CONFIG.machineCallers),
  };
}

function readDomainPrefix(value: unknown): string | null {
  if (value === undefined) return DEFAULT_CONFIG.userPoolDomainPrefix;
  // Cognito's rule for a prefix of its own domain; it also refuses these reserved words.
  if (typeof value === 'string' && /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value) && !/aws|amazon|cognito/.test(value)) return value;
  throw new ConfigError('userPoolDomainPrefix', value, 'lowercase letters, digits and hyphens (at most 63, not starting or ending with a hyphen, without "aws", "amazon" or "cognito")');
}

function readBoolean(key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ConfigError(key, value, 'true or false');
}

function readInteger(key: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max) return number;
  throw new ConfigError(key, value, `an integer from ${min} to ${max}`);
}

function readRemovalChoice(value: unknown): RemovalChoice {
  if (value === undefined) return DEFAULT_CONFIG.removalPolicy;
  if (value === 'retain' || value === 'destroy') return value;
  throw new ConfigError('removalPolicy', value, '"retain" or "destroy"');
}

function readStackName(value: unknown): string {
  if (value === undefined) return DEFAULT_CONFIG.stackName;
  // CloudFormation's own rule for stack names.
  if (typeof value === 'string' && /^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value)) return value;
  throw new ConfigError('stackName', value, 'a CloudFormation stack name (a letter, then letters, digits or hyphens)');
}
