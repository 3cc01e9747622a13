/**
 * The errors of seeding example tickets: a seed file that cannot be used, and a write the API
 * refused. Both say which ticket and what to fix; neither carries a token.
 */

/**
 * The seed file is missing, not JSON, or describes something the API cannot hold.
 *
 * @example
 * throw new SeedTicketsFileError('emulator/seed-tickets.json: tickets[0]: "title" must be a non-empty string');
 */
export class SeedTicketsFileError extends Error {
  override readonly name = 'SeedTicketsFileError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * One write of the seed (a sign-in or a mutation) failed; nothing is marked done, so the next
 * start tries again.
 *
 * @example
 * throw new SeedTicketsWriteError('tickets[0]: openTicket by customer@example.com', 'HTTP 401');
 */
export class SeedTicketsWriteError extends Error {
  override readonly name = 'SeedTicketsWriteError';
  /** The step that failed, e.g. `tickets[1]: addComment by agent@example.com`. */
  readonly step: string;

  constructor(step: string, reason: string, options?: { cause?: unknown }) {
    super(`Seeding example tickets failed at ${step}: ${reason}`, options);
    this.step = step;
  }
}
