/**
 * The errors of seeding example tickets: a seed file that cannot be used, and a write the API
 * refused. Both say which ticket and what to fix; neither carries a token.
 */

/** The seed file is missing, not JSON, or describes something the API cannot hold. */
export class SeedTicketsFileError extends Error {
  override readonly name = 'SeedTicketsFileError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * One write of the seed (a sign-in or a mutation) failed; nothing is marked done, so the next
 * start tries again.
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
