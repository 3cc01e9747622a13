/**
 * `Mutation.setInternalNotes`: sets the staff-only notes of an existing ticket; empty notes
 * remove them. Staff only.
 */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { requireFieldRule } from './lib/authorize.ts';
import type { TicketView } from './lib/items.ts';
import type { MutationSetInternalNotesArgs } from './lib/schema.generated.ts';
import { ticketUpdateRequest, ticketUpdateResult } from './lib/ticket-update.ts';
import { MAX_BODY_LENGTH, optionalText } from './lib/validation.ts';

export function request(ctx: Context<MutationSetInternalNotesArgs>): DynamoDBUpdateItemRequest {
  requireFieldRule(ctx, 'Mutation.setInternalNotes');
  const notes = optionalText('notes', ctx.args.notes, MAX_BODY_LENGTH);
  const now = util.time.nowISO8601();
  if (notes === '') return ticketUpdateRequest(ctx.args.id, {}, ['internalNotes'], now);
  return ticketUpdateRequest(ctx.args.id, { internalNotes: notes }, [], now);
}

export function response(ctx: Context<MutationSetInternalNotesArgs>): TicketView {
  return ticketUpdateResult(ctx);
}
