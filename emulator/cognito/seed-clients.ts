/**
 * Reads the optional `clients` section of the seed file: app clients besides the default public
 * one, such as machine clients for `/oauth2/token`. Mistakes are reported with the file, the
 * client's position and what to fix; the values themselves are checked by `app-client.ts`.
 */
import type { AppClientConfig } from './app-client.ts';
import { CognitoConfigurationError } from './errors.ts';

const CLIENT_KEYS = new Set(['clientId', 'secret', 'explicitAuthFlows', 'allowedOAuthFlows', 'allowedOAuthScopes']);

function fail(file: string, where: string, problem: string): never {
  throw new CognitoConfigurationError(`${file}: ${where}: ${problem}`);
}

function strings(value: unknown, file: string, where: string, key: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) fail(file, where, `"${key}" must be an array of strings`);
  return value as string[];
}

/**
 * Parses the `clients` array of seed file content (absent: none).
 *
 * @example
 * parseSeedClients({ clients: [{ clientId: 'localreportingclient', secret: 'reporting-secret', allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: ['helpdesk/tickets.read'] }] }, 'inline');
 */
export function parseSeedClients(value: unknown, file: string): AppClientConfig[] {
  const clients = (value as { clients?: unknown } | null)?.clients;
  if (clients === undefined) return [];
  if (!Array.isArray(clients)) fail(file, 'top level', '"clients" must be an array');
  return clients.map((raw: unknown, index) => {
    const where = `clients[${index}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(file, where, 'must be an object');
    const entry = raw as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!CLIENT_KEYS.has(key)) fail(file, where, `unknown key "${key}" (allowed: ${[...CLIENT_KEYS].join(', ')})`);
    }
    if (typeof entry.clientId !== 'string') fail(file, where, '"clientId" must be a string');
    if (entry.secret !== undefined && typeof entry.secret !== 'string') fail(file, where, '"secret" must be a string');
    return {
      clientId: entry.clientId,
      ...(entry.secret === undefined ? {} : { secret: entry.secret }),
      explicitAuthFlows: (strings(entry.explicitAuthFlows, file, where, 'explicitAuthFlows') ?? []) as AppClientConfig['explicitAuthFlows'],
      allowedOAuthFlows: (strings(entry.allowedOAuthFlows, file, where, 'allowedOAuthFlows') ?? []) as AppClientConfig['allowedOAuthFlows'],
      allowedOAuthScopes: strings(entry.allowedOAuthScopes, file, where, 'allowedOAuthScopes') ?? [],
    };
  });
}
