/**
 * `npm run client-config`: prints the Amplify v6 configuration (`Amplify.configure(...)`) of
 * the deployed stack, from its outputs, and on standard error the real-time endpoint of its
 * subscriptions, for WebSocket clients other than Amplify (Amplify derives it from the GraphQL
 * endpoint, and its configuration has no place for it).
 *
 * The outputs come from `cdk-outputs.json` (written by `npm run deploy`, i.e. `cdk deploy
 * --outputs-file cdk-outputs.json`), from another file, or from standard input (`-`) in either
 * that format or the one of `aws cloudformation describe-stacks`:
 *
 *   npm run -s client-config > src/amplify-config.json
 *   npm run -s client-config -- --outputs other-outputs.json --stack Helpdesk-Staging
 *   aws cloudformation describe-stacks --stack-name HelpdeskStack | npm run -s client-config -- -
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../infra/config.ts';
import { PASSWORD_POLICY } from '../infra/password-policy.ts';
import { STACK_OUTPUTS } from '../infra/stack-outputs.ts';
import { PROJECT_ROOT } from './project-root.ts';

/** Where `npm run deploy` writes the outputs. */
export const DEFAULT_OUTPUTS_FILE = join(PROJECT_ROOT, 'cdk-outputs.json');

/** The outputs the configuration needs. */
export interface StackOutputs {
  readonly graphqlUrl: string;
  /** `wss://<id>.appsync-realtime-api.<region>.amazonaws.com/graphql`: where subscriptions connect. */
  readonly realtimeUrl: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
}

/** The Amplify v6 `ResourcesConfig` for this API (the subset it uses). */
export interface AmplifyConfig {
  readonly Auth: {
    readonly Cognito: {
      readonly userPoolId: string;
      readonly userPoolClientId: string;
      readonly loginWith: { readonly email: true };
      readonly signUpVerificationMethod: 'code';
      readonly userAttributes: { readonly email: { readonly required: true } };
      readonly passwordFormat: {
        readonly minLength: number;
        readonly requireLowercase: boolean;
        readonly requireUppercase: boolean;
        readonly requireNumbers: boolean;
        readonly requireSpecialCharacters: boolean;
      };
    };
  };
  readonly API: {
    readonly GraphQL: { readonly endpoint: string; readonly region: string; readonly defaultAuthMode: 'lambda' };
  };
}

/** The outputs cannot be found or read; says what to do. */
export class ClientConfigError extends Error {
  override readonly name = 'ClientConfigError';
}

/**
 * Picks the stack's outputs from the JSON of `cdk deploy --outputs-file` or of
 * `aws cloudformation describe-stacks`.
 *
 * @example
 * readStackOutputs({ HelpdeskStack: { GraphqlUrl: 'https://…', RealtimeUrl: 'wss://…', Region: 'eu-west-1', UserPoolId: '…', UserPoolClientId: '…' } });
 */
export function readStackOutputs(document: unknown, stackName?: string): StackOutputs {
  const values = outputsOf(document, stackName);
  const read = (name: string): string => {
    const value = values[name];
    if (typeof value !== 'string' || value === '') throw new ClientConfigError(`The stack outputs have no "${name}": is this the helpdesk stack, deployed by this version?`);
    return value;
  };
  return {
    graphqlUrl: read(STACK_OUTPUTS.graphqlUrl),
    realtimeUrl: read(STACK_OUTPUTS.realtimeUrl),
    region: read(STACK_OUTPUTS.region),
    userPoolId: read(STACK_OUTPUTS.userPoolId),
    userPoolClientId: read(STACK_OUTPUTS.userPoolClientId),
  };
}

function outputsOf(document: unknown, stackName: string | undefined): Record<string, unknown> {
  if (typeof document !== 'object' || document === null) throw new ClientConfigError('The stack outputs are not a JSON object.');
  const stacks = (document as { Stacks?: unknown }).Stacks;
  if (Array.isArray(stacks)) {
    // `aws cloudformation describe-stacks`: { Stacks: [{ StackName, Outputs: [{ OutputKey, OutputValue }] }] }
    const stack = (stacks as Array<{ StackName?: string; Outputs?: Array<{ OutputKey?: string; OutputValue?: string }> }>).find(
      (candidate) => stackName === undefined || candidate.StackName === stackName,
    );
    if (stack === undefined) throw new ClientConfigError(`DescribeStacks returned no stack named ${stackName}.`);
    return Object.fromEntries((stack.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
  }
  // `cdk deploy --outputs-file`: { <stack name>: { <output key>: <value> } }
  const byStack = document as Record<string, unknown>;
  const names = Object.keys(byStack);
  const name = stackName ?? (names.length === 1 ? names[0]! : DEFAULT_CONFIG.stackName);
  const outputs = byStack[name];
  if (typeof outputs !== 'object' || outputs === null) {
    throw new ClientConfigError(`The outputs file has no stack named ${name} (it has: ${names.join(', ') || 'none'}); pass --stack <name>.`);
  }
  return outputs as Record<string, unknown>;
}

/**
 * The Amplify v6 configuration of the deployed API: Cognito sign-in with email, and the API's
 * only auth mode, `lambda` (each call passes a Cognito ID or access token as `authToken`).
 *
 * @example
 * Amplify.configure(amplifyConfigFrom(outputs));
 * await generateClient().graphql({ query, authMode: 'lambda', authToken: idToken });
 */
export function amplifyConfigFrom(outputs: StackOutputs): AmplifyConfig {
  return {
    Auth: {
      Cognito: {
        userPoolId: outputs.userPoolId,
        userPoolClientId: outputs.userPoolClientId,
        loginWith: { email: true },
        signUpVerificationMethod: 'code',
        userAttributes: { email: { required: true } },
        passwordFormat: {
          minLength: PASSWORD_POLICY.minLength,
          requireLowercase: PASSWORD_POLICY.requireLowercase,
          requireUppercase: PASSWORD_POLICY.requireUppercase,
          requireNumbers: PASSWORD_POLICY.requireDigits,
          requireSpecialCharacters: PASSWORD_POLICY.requireSymbols,
        },
      },
    },
    API: { GraphQL: { endpoint: outputs.graphqlUrl, region: outputs.region, defaultAuthMode: 'lambda' } },
  };
}

/**
 * The line that tells where subscriptions connect.
 *
 * @example
 * realtimeEndpointNote(outputs); // 'Real-time endpoint (subscriptions): wss://….appsync-realtime-api.eu-west-1.amazonaws.com/graphql …'
 */
export function realtimeEndpointNote(outputs: StackOutputs): string {
  return `Real-time endpoint (subscriptions): ${outputs.realtimeUrl} (Amplify derives it from the GraphQL endpoint; other WebSocket clients connect here).`;
}

/** Command-line options. */
export interface ClientConfigArgs {
  /** A file path, or `-` for standard input. */
  readonly outputs: string;
  readonly stack?: string;
}

/**
 * Parses `[--outputs <file> | -] [--stack <name>]` (a lone path or `-` is taken as `--outputs`).
 *
 * @example
 * parseArgs(['--stack', 'Helpdesk-Staging']); // { outputs: '<repo>/cdk-outputs.json', stack: 'Helpdesk-Staging' }
 */
export function parseArgs(argv: readonly string[]): ClientConfigArgs {
  let outputs = DEFAULT_OUTPUTS_FILE;
  let stack: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--outputs' || argument === '--stack') {
      const value = argv[index + 1];
      if (value === undefined) throw new ClientConfigError(`${argument} needs a value.`);
      if (argument === '--outputs') outputs = value;
      else stack = value;
      index += 1;
    } else if (argument === '-' || !argument.startsWith('-')) {
      outputs = argument;
    } else {
      throw new ClientConfigError(`Unknown option ${argument}. Usage: npm run -s client-config -- [--outputs <file> | -] [--stack <name>]`);
    }
  }
  return stack === undefined ? { outputs } : { outputs, stack };
}

function readInput(path: string): unknown {
  if (path !== '-' && !existsSync(path)) {
    throw new ClientConfigError(
      `No ${path}. Deploy with \`npm run deploy\` (it writes cdk-outputs.json), or pipe the stack's description in: ` +
        'aws cloudformation describe-stacks --stack-name HelpdeskStack | npm run -s client-config -- -',
    );
  }
  const text = readFileSync(path === '-' ? 0 : path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ClientConfigError(`${path === '-' ? 'Standard input' : path} is not JSON.`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const outputs = readStackOutputs(readInput(args.outputs), args.stack);
    process.stdout.write(`${JSON.stringify(amplifyConfigFrom(outputs), null, 2)}\n`);
    // Standard error, so that `> amplify-config.json` keeps Amplify's configuration alone.
    process.stderr.write(`${realtimeEndpointNote(outputs)}\n`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
