/** Asks the console's server for the authorizer's decision on a token. */
import type { ConsoleConfig, ConsoleDecision } from '../contract.ts';

/**
 * @example
 * const decision = await fetchDecision(config, accessToken);
 * if (decision.isAuthorized) decision.deniedFields; // ['Mutation.deleteTicket', ...]
 */
export async function fetchDecision(config: ConsoleConfig, token: string): Promise<ConsoleDecision> {
  const response = await fetch(config.decisionEndpoint, { method: 'POST', headers: { authorization: token } });
  const body = (await response.json().catch(() => null)) as (ConsoleDecision & { message?: string }) | null;
  if (!response.ok || body === null) throw new Error(body?.message ?? `HTTP ${response.status} from ${config.decisionEndpoint}`);
  return body;
}
