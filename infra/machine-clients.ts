/**
 * Machine callers: the resource server `helpdesk` with the scopes the rule table grants, a user
 * pool domain (Cognito serves `/oauth2/token` only on one), and one app client per machine
 * role, each with a secret and the client-credentials flow alone.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import {
  OAuthScope,
  ResourceServerScope,
  type UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { SCOPES, type Scope } from '../policy/index.ts';

/** The resource server's identifier: every scope of the rule table is `<identifier>/<name>`. */
export const RESOURCE_SERVER_IDENTIFIER = 'helpdesk';

/** The machine roles, each an app client allowed these scopes. */
export const MACHINE_ROLES: ReadonlyArray<{ readonly name: string; readonly description: string; readonly scopes: readonly Scope[] }> = [
  { name: 'Reporting', description: 'reads every ticket and its comments', scopes: ['helpdesk/tickets.read'] },
  { name: 'Triage', description: 'reads tickets and sets their status', scopes: ['helpdesk/tickets.read', 'helpdesk/tickets.triage'] },
];

const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  'helpdesk/tickets.read': 'Read every ticket and its comments (never the internal notes)',
  'helpdesk/tickets.triage': 'Set the status of any ticket',
};

export interface HelpdeskMachineClientsProps {
  readonly userPool: UserPool;
  /** The Cognito domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region. */
  readonly domainPrefix: string;
  /** Lifetime of the access tokens the clients get. */
  readonly tokenValidity: Duration;
}

/**
 * @example
 * const machines = new HelpdeskMachineClients(this, 'Machines', { userPool, domainPrefix: 'helpdesk-123', tokenValidity: Duration.minutes(60) });
 */
export class HelpdeskMachineClients extends Construct {
  readonly domain: UserPoolDomain;
  readonly clients: ReadonlyArray<{ readonly role: string; readonly client: UserPoolClient }>;

  constructor(scope: Construct, id: string, props: HelpdeskMachineClientsProps) {
    super(scope, id);
    const scopes = new Map(
      SCOPES.map((name) => [name, new ResourceServerScope({ scopeName: scopeName(name), scopeDescription: SCOPE_DESCRIPTIONS[name] })]),
    );
    const server = props.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER_IDENTIFIER,
      userPoolResourceServerName: 'Helpdesk API',
      scopes: [...scopes.values()],
    });
    this.domain = props.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.clients = MACHINE_ROLES.map((role) => ({
      role: role.name,
      client: props.userPool.addClient(`${role.name}Client`, {
        userPoolClientName: `helpdesk-${role.name.toLowerCase()}`,
        // A confidential client: the secret stays on the server that calls the API.
        generateSecret: true,
        // No user signs in through it: the client-credentials grant only, no other auth flow.
        authFlows: {},
        oAuth: {
          flows: { clientCredentials: true },
          scopes: role.scopes.map((name) => OAuthScope.resourceServer(server, scopes.get(name) as ResourceServerScope)),
        },
        accessTokenValidity: props.tokenValidity,
        enableTokenRevocation: true,
        preventUserExistenceErrors: true,
      }),
    }));
  }

  /** Cognito's token endpoint of the pool's domain. */
  get tokenEndpoint(): string {
    return `${this.domain.baseUrl()}/oauth2/token`;
  }
}

/** `helpdesk/tickets.read` → `tickets.read`. */
function scopeName(scope: Scope): string {
  const prefix = `${RESOURCE_SERVER_IDENTIFIER}/`;
  if (!scope.startsWith(prefix)) throw new Error(`Scope ${scope} of the rule table is not one of the resource server ${RESOURCE_SERVER_IDENTIFIER}.`);
  return scope.slice(prefix.length);
}

/** The default domain prefix: the stack's name and account, unique per account and stack. */
export function defaultDomainPrefix(scope: Construct, stackName: string): string {
  return `${stackName.toLowerCase()}-${Stack.of(scope).account}`;
}

