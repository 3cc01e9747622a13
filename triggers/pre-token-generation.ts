/**
 * Cognito Pre Token Generation trigger, for both event versions.
 *
 * - V1_0 (Lite plan, the default stack): Cognito can only customize the ID token, which already
 *   carries `email`, `email_verified` and `cognito:groups`. Nothing to add, so the event is
 *   returned untouched: an override here could only weaken standard claims.
 * - V2_0 (Essentials plan, context flag `accessTokenEmail=true`): the access token, which Amplify
 *   sends by default, gets `email` and `email_verified: true`, but only for a verified email, so
 *   that email-ownership rules work with it. Groups are copied into `groupOverrideDetails`
 *   because an empty override would remove them from both tokens.
 * - V3_0 also runs for machine-to-machine (client-credentials) tokens, `triggerSource`
 *   `TokenGeneration_ClientCredentials`: there is no user, so nothing to add, and the event is
 *   returned untouched. The stack selects V2_0, under which Cognito does not call the trigger
 *   for those tokens at all (V3_0 would add a Lambda call, billed, to every machine token).
 */
import type { PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

/** Either version of the event; `version` is `"1"` or `"2"` (`"3"` for the M2M variant). */
export type PreTokenGenerationEvent = PreTokenGenerationTriggerEvent | PreTokenGenerationV2TriggerEvent;

/** V2 lets claims be JSON values, not just strings; `@types/aws-lambda` types them as strings. */
type ClaimValue = string | number | boolean | readonly string[];

function isV2(event: PreTokenGenerationEvent): event is PreTokenGenerationV2TriggerEvent {
  return event.version !== '1';
}

/** A V3_0 event for a client-credentials token: no user, no attributes, no groups. */
function isMachineToken(event: PreTokenGenerationEvent): boolean {
  return (event.triggerSource as string) === 'TokenGeneration_ClientCredentials';
}

/**
 * The claims to add to the access token: the email, only when Cognito marks it verified.
 * User attributes arrive as strings, so `email_verified` is the string `"true"`.
 */
export function accessTokenEmailClaims(userAttributes: Readonly<Record<string, string | undefined>>): Record<string, ClaimValue> {
  const email = userAttributes.email;
  if (typeof email !== 'string' || email === '' || userAttributes.email_verified !== 'true') return {};
  return { email, email_verified: true };
}

/**
 * The trigger handler.
 *
 * @example
 * // UserPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, LambdaVersion.V2_0)
 */
export async function handler(event: PreTokenGenerationEvent): Promise<PreTokenGenerationEvent> {
  if (!isV2(event) || isMachineToken(event)) return event;
  const claims = accessTokenEmailClaims(event.request.userAttributes);
  const groups = event.request.groupConfiguration;
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: { claimsToAddOrOverride: claims as Record<string, string> },
      groupOverrideDetails: {
        groupsToOverride: [...(groups?.groupsToOverride ?? [])],
        iamRolesToOverride: [...(groups?.iamRolesToOverride ?? [])],
        ...(groups?.preferredRole ? { preferredRole: groups.preferredRole } : {}),
      },
    },
  };
  return event;
}
