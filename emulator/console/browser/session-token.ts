/** Which token of a session goes in `Authorization`. */
import type { Session } from './session.ts';

/** Which of the two Cognito tokens the console sends. */
export type TokenChoice = 'id' | 'access';

/**
 * The token of `session` that `choice` names; a machine has only its access token.
 *
 * @example
 * chosenToken(session, 'id'); // the ID token of a user, the access token of a machine
 */
export function chosenToken(session: Session, choice: TokenChoice): string {
  return session.kind === 'user' && choice === 'id' ? session.idToken : session.accessToken;
}

/**
 * Which token {@link chosenToken} gives.
 *
 * @example
 * chosenTokenUse(machineSession, 'id'); // 'access'
 */
export function chosenTokenUse(session: Session, choice: TokenChoice): TokenChoice {
  return session.kind === 'user' ? choice : 'access';
}
