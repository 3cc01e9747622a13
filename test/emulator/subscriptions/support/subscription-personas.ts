/**
 * Everyone who can hold a token of the emulator's Cognito, each with the identity the rule table
 * should see for it: the seeded users with their ID and access tokens (signed in through the
 * emulator's own user pool) and the seeded machine clients with client-credentials access tokens
 * from `POST /oauth2/token` (HTTP Basic, as Cognito's token endpoint wants).
 */
import type { Identity } from '../../../../policy/index.ts';
import type { RunningEmulator } from '../../../../emulator/start-emulator.ts';
import { expectedIdentity, machineIdentity } from '../../server/support/expected-access.ts';
import { PASSWORD, SEEDED_USERS } from '../../server/support/emulator-fixture.ts';
import { clientCredentialsToken } from '../../../helpers/client-credentials.ts';

/** The seeded client-credentials clients (`emulator/seed-users.json` `clients`) and their scopes. */
export const MACHINE_CLIENTS = [
  { clientId: 'localreportingclient', secret: 'reporting-secret', scopes: ['helpdesk/tickets.read'] },
  { clientId: 'localtriageclient', secret: 'triage-secret', scopes: ['helpdesk/tickets.read', 'helpdesk/tickets.triage'] },
] as const;

/** One caller of the matrix: who, which token, and the identity the authorizer should build from it. */
export interface SubscriptionPersona {
  /** e.g. `customer@example.com/id`, `localtriageclient/access`. */
  readonly name: string;
  readonly token: string;
  readonly identity: Identity;
}

export { clientCredentialsToken };

/**
 * Every seeded user × {ID, access} and every seeded machine client × {access}.
 *
 * @example
 * const personas = await everyPersona(emulator);
 * personas.map((persona) => persona.name); // ['customer@example.com/id', …, 'localtriageclient/access']
 */
export async function everyPersona(emulator: RunningEmulator): Promise<SubscriptionPersona[]> {
  const personas: SubscriptionPersona[] = [];
  for (const email of SEEDED_USERS) {
    const tokens = await emulator.identityProvider.signIn(email, PASSWORD);
    personas.push(
      { name: `${email}/id`, token: tokens.idToken, identity: expectedIdentity(email, 'id') },
      { name: `${email}/access`, token: tokens.accessToken, identity: expectedIdentity(email, 'access') },
    );
  }
  for (const client of MACHINE_CLIENTS) {
    personas.push({
      name: `${client.clientId}/access`,
      token: await clientCredentialsToken(emulator, client.clientId, client.secret),
      identity: machineIdentity(client.clientId, client.scopes),
    });
  }
  return personas;
}
