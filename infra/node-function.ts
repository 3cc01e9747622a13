/**
 * One way to deploy a TypeScript Lambda handler of this project: bundled by the locally
 * installed esbuild (no Docker) into one minified ESM file with a source map, on arm64 and
 * the newest Node.js runtime, with its own log group and a role that can write to that log
 * group and do nothing else. Callers add permissions explicitly, if ever.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from '../scripts/project-root.ts';

/** The repository root, where `package-lock.json` lives; owned by `scripts/project-root.ts`. */
export { PROJECT_ROOT };

/** The runtime every function of the stack uses: the newest Node.js Lambda offers. */
export const NODE_RUNTIME = Runtime.NODEJS_24_X;

/** What differs between the project's functions. */
export interface NodeFunctionProps {
  /** Handler source, relative to the repository root, e.g. `authorizer/index.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly timeout: Duration;
  readonly memorySize?: number;
}

/**
 * A bundled Node.js function with a logs-only role.
 *
 * @example
 * const fn = new NodeFunction(this, 'Authorizer', {
 *   entry: 'authorizer/index.ts', description: 'AppSync Lambda authorizer', timeout: Duration.seconds(5),
 * }).function;
 */
export class NodeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);

    // A log group of our own: its retention is set here, it goes with the stack, and the role
    // below can be scoped to it instead of to every log group of the account.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Not the default role: that one attaches the AWS managed AWSLambdaBasicExecutionRole,
    // which may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description}: writes its own logs, nothing else`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${PROJECT_ROOT}${props.entry}`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: props.description,
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      // Node reads the bundle's source map only when asked to.
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        // The authorizer logs error class names; keep them readable in the minified bundle.
        keepNames: true,
        sourceMap: true,
        // The map gives file names and lines in stack traces; the sources stay out of the zip.
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // esbuild's ESM output cannot `require` Node built-ins from CommonJS dependencies
        // without this.
        banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    });
  }
}
