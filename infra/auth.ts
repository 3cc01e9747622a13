/**
 * The Cognito side: a user pool where people sign up with their email, the two groups the rule
 * table knows, one public app client, and the Pre Token Generation trigger from `triggers/`.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  UserPool,
  UserPoolClient,
  UserPoolOperation,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { Group } from '../policy/index.ts';
import { NodeFunction } from './node-function.ts';
import { PASSWORD_POLICY } from './password-policy.ts';

/** The groups of `policy/rules.ts`, with the precedence Cognito uses to order them in tokens. */
export const USER_POOL_GROUPS: ReadonlyArray<{ readonly name: Group; readonly precedence: number; readonly description: string }> = [
  { name: 'admins', precedence: 0, description: 'Helpdesk admins: everything agents can do, and deleting tickets' },
  { name: 'agents', precedence: 10, description: 'Helpdesk agents: work on every ticket' },
];

export interface HelpdeskAuthProps {
  /** Attach the trigger as V2_0 on the Essentials plan, so that access tokens carry `email`. */
  readonly accessTokenEmail: boolean;
  /** Lifetime of ID and access tokens. */
  readonly tokenValidity: Duration;
  /** What happens to the pool (and its users) when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The user pool, its app client and its trigger.
 *
 * @example
 * const auth = new HelpdeskAuth(this, 'Auth', {
 *   accessTokenEmail: false, tokenValidity: Duration.minutes(60), removalPolicy: RemovalPolicy.RETAIN,
 * });
 */
export class HelpdeskAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly trigger: NodejsFunction;

  constructor(scope: Construct, id: string, props: HelpdeskAuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Lite is the cheapest plan; only a V2_0 trigger (access token claims) needs Essentials.
      // Spelled out because CDK's default for a new pool is Essentials.
      featurePlan: props.accessTokenEmail ? FeaturePlan.ESSENTIALS : FeaturePlan.LITE,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: true,
      autoVerify: { email: true },
      userVerification: { emailStyle: VerificationEmailStyle.CODE },
      // An email change takes effect only once the new address is verified, so the verified
      // `email` claim that ownership rules trust can never name an address the user does not own.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: { ...PASSWORD_POLICY, tempPasswordValidity: Duration.days(3) },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy: props.removalPolicy,
    });

    for (const group of USER_POOL_GROUPS) {
      this.userPool.addGroup(`Group-${group.name}`, {
        groupName: group.name,
        precedence: group.precedence,
        description: group.description,
      });
    }

    this.client = this.userPool.addClient('WebClient', {
      // A public client (browser, mobile app): a secret could not be kept there.
      generateSecret: false,
      // Refresh (ALLOW_REFRESH_TOKEN_AUTH) is always allowed by CDK alongside these.
      authFlows: { userSrp: true, userPassword: true },
      // Sign-in goes through the Cognito API (Amplify, AWS SDK); no hosted UI, no OAuth flows.
      disableOAuth: true,
      idTokenValidity: props.tokenValidity,
      accessTokenValidity: props.tokenValidity,
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }),
      // `email_verified` is Cognito's to set, never the client's.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });

    this.trigger = new NodeFunction(this, 'PreTokenGeneration', {
      entry: 'triggers/pre-token-generation.ts',
      description: 'Cognito Pre Token Generation trigger (V1 and V2_0 events)',
      // Cognito waits five seconds for a trigger.
      timeout: Duration.seconds(5),
      memorySize: 128,
    }).function;
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      this.trigger,
      props.accessTokenEmail ? LambdaVersion.V2_0 : LambdaVersion.V1_0,
    );

    // cdk-nag findings accepted for this pool, each with its reason.
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP, no SMS cost) so that the example can be signed up to and used at once; ' +
        'set `mfa: Mfa.REQUIRED` in infra/auth.ts for production users.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus plan (threat protection) is billed per monthly active user; this reference stack ' +
        'defaults to Lite, the cheapest plan, and uses Essentials only when access tokens need email.',
    });
  }
}
