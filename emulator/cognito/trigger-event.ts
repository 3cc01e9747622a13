/**
 * The Pre Token Generation event Cognito sends to the trigger, in version 1 (`V1_0`, Lite plan:
 * the ID token can be customized) or version 2 (`V2_0`, Essentials plan: both tokens), and the
 * invocation of the trigger as Lambda would run it (event in, event out, 5 s timeout).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { CognitoServiceError } from './errors.ts';
import { userAttributes, type PoolUser } from './user-store.ts';

/** `1` for V1_0, `2` for V2_0. */
export type TriggerVersion = '1' | '2';

/** The trigger sources this emulator produces. */
export type TriggerSource = 'TokenGeneration_Authentication' | 'TokenGeneration_RefreshTokens';

/**
 * A Lambda handler for the trigger, in any of Lambda's Node styles (async, or callback). Typed
 * loosely on purpose so that a handler typed for either event version fits.
 */
export type PreTokenGenerationHandler = (event: never, context: never, callback: never) => unknown;

/** The scope Cognito grants to tokens from its user API (`InitiateAuth`). */
export const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** Cognito gives the trigger 5 seconds. */
const TRIGGER_TIMEOUT_MS = 5_000;

/** What the event is built from. */
export interface TriggerEventInput {
  readonly version: TriggerVersion;
  readonly triggerSource: TriggerSource;
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly user: PoolUser;
  readonly clientMetadata?: Readonly<Record<string, string>> | undefined;
}

/**
 * Builds the event exactly as Cognito shapes it: common trigger fields, `request.userAttributes`
 * (strings, with `cognito:user_status`), `request.groupConfiguration`, V2's `request.scopes`,
 * and a `null` override in `response`.
 *
 * @example
 * buildTriggerEvent({ version: '2', triggerSource: 'TokenGeneration_Authentication', ... }).response;
 * // { claimsAndScopeOverrideDetails: null }
 */
export function buildTriggerEvent(input: TriggerEventInput): Record<string, unknown> {
  const { sub, ...rest } = userAttributes(input.user);
  const request: Record<string, unknown> = {
    userAttributes: { sub, 'cognito:user_status': input.user.status, ...rest },
    groupConfiguration: { groupsToOverride: [...input.user.groups], iamRolesToOverride: [], preferredRole: null },
  };
  if (input.version === '2') request.scopes = [USER_ADMIN_SCOPE];
  if (input.clientMetadata !== undefined) request.clientMetadata = { ...input.clientMetadata };
  return {
    version: input.version,
    triggerSource: input.triggerSource,
    region: input.region,
    userPoolId: input.userPoolId,
    userName: input.user.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: input.clientId },
    request,
    response: input.version === '2' ? { claimsAndScopeOverrideDetails: null } : { claimsOverrideDetails: null },
  };
}

function lambdaContext(deadline: number): Context {
  const requestId = randomUUID();
  const unsupported = (): never => {
    throw new Error('context.done/fail/succeed are not supported by the emulator; return a value or use the callback');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'pre-token-generation',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre-token-generation',
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/pre-token-generation',
    logStreamName: 'emulator',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Invokes the trigger with a copy of `event` and returns what it answered. A throw, a rejected
 * promise, a callback error or a timeout becomes Cognito's `UserLambdaValidationException`.
 *
 * @example
 * const answer = await invokeTrigger(handler, event);
 */
export function invokeTrigger(handler: PreTokenGenerationHandler, event: Record<string, unknown>): Promise<unknown> {
  const deadline = Date.now() + TRIGGER_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, result?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== null && error !== undefined) {
        reject(new CognitoServiceError('UserLambdaValidationException', `PreTokenGeneration failed with error ${describe(error)}.`, { cause: error }));
      } else {
        resolve(result);
      }
    };
    const timer = setTimeout(() => finish(new Error(`Task timed out after ${(TRIGGER_TIMEOUT_MS / 1000).toFixed(2)} seconds`)), TRIGGER_TIMEOUT_MS);
    const callback = (error: unknown, result?: unknown): void => finish(error, result);
    const loose = handler as unknown as (event: unknown, context: Context, callback: (error: unknown, result?: unknown) => void) => unknown;
    try {
      // A deep copy: the handler mutates its event, and the caller's must stay as built.
      const returned = loose(structuredClone(event), lambdaContext(deadline), callback);
      if (returned !== null && typeof returned === 'object' && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(
          (result) => finish(null, result),
          (error: unknown) => finish(error ?? new Error('the handler rejected')),
        );
      } else if (handler.length < 3) {
        finish(null, returned);
      }
    } catch (error) {
      finish(error);
    }
  });
}
