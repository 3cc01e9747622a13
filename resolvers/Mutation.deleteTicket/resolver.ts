/**
 * `Mutation.deleteTicket`, a pipeline. Admins only; `null` when there was no such ticket.
 *
 * 1. read the ticket (strongly consistent); none: every later step is skipped;
 * 2. list the keys of its first 25 comments (one BatchDeleteItem's worth);
 * 3. delete them in one BatchDeleteItem (needs the API environment variable `TABLE_NAME`);
 * 4. delete the ticket, on condition that it still exists.
 *
 * Comments go before the ticket, so that a failure leaves a ticket an admin can delete again
 * rather than comments nobody can reach. APPSYNC_JS cannot loop over data source calls, so a
 * ticket with more comments leaves the rest behind: they are unreachable (every read goes
 * through the ticket, and no write can recreate it) and are left to a cleanup job.
 */
import type { Context } from '@aws-appsync/utils';
import { requireFieldRule } from '../lib/authorize.ts';
import type { TicketView } from '../lib/items.ts';
import type { MutationDeleteTicketArgs } from '../lib/schema.generated.ts';

export function request(ctx: Context<MutationDeleteTicketArgs>): Record<string, never> {
  requireFieldRule(ctx, 'Mutation.deleteTicket');
  return {};
}

export function response(ctx: Context<MutationDeleteTicketArgs>): TicketView | null {
  const deleted = ctx.prev.result as TicketView | null | undefined;
  return deleted === undefined ? null : deleted;
}
