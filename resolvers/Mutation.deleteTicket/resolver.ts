/**
 * `Mutation.deleteTicket`, a pipeline. Admins only; `null` when there was no such ticket.
 *
 * 1. read the ticket (strongly consistent); none: every later step is skipped;
 * 2. list the keys of its first 99 comments;
 * 3. delete the ticket and those comments in one TransactWriteItems (at most 100 actions), on
 *    condition that the ticket still exists: all of it happens, or none.
 *
 * APPSYNC_JS cannot loop over data source calls, so comments beyond the 99th (and a comment
 * written between steps 2 and 3) stay behind. They are unreachable — every read goes through the
 * ticket, and nothing can recreate a deleted ticket — and are left to a cleanup job.
 *
 * A deleted ticket ends the subscriptions to it (`onTicketChanged(id)`, `onCommentAdded(ticketId)`):
 * AppSync matches the payloads below against the invalidation filters those resolvers set, and
 * sends each matching client "Subscription complete.".
 */
import { extensions, type Context } from '@aws-appsync/utils';
import { requireFieldRule } from '../lib/authorize.ts';
import type { TicketView } from '../lib/items.ts';
import type { MutationDeleteTicketArgs } from '../lib/schema.generated.ts';

export function request(ctx: Context<MutationDeleteTicketArgs>): Record<string, never> {
  requireFieldRule(ctx, 'Mutation.deleteTicket');
  return {};
}

export function response(ctx: Context<MutationDeleteTicketArgs>): TicketView | null {
  const deleted = ctx.prev.result as TicketView | null | undefined;
  if (deleted === null || deleted === undefined) return null;
  extensions.invalidateSubscriptions({ subscriptionField: 'onTicketChanged', payload: { id: deleted.id } });
  extensions.invalidateSubscriptions({ subscriptionField: 'onCommentAdded', payload: { ticketId: deleted.id } });
  return deleted;
}
