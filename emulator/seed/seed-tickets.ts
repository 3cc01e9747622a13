/**
 * Example tickets for a fresh helpdesk: on the first start of a data directory (and on every
 * in-memory start) the tickets of `emulator/seed-tickets.json` are written through the running
 * emulator's own `/graphql`, each step signed in as the user who would do it, so the console
 * opens on a helpdesk with something in it and the data is exactly what the resolvers write.
 */
import { readSeedUsers } from '../cognito/seed-users.ts';
import { DEFAULT_SEED_FILE } from '../cognito/index.ts';
import { SeedTicketsFileError, SeedTicketsWriteError } from './errors.ts';
import { SEED_OPERATIONS, sendSeedOperation } from './seed-graphql.ts';
import { isSeeded, markSeeded } from './seed-marker.ts';
import { DEFAULT_SEED_TICKETS_FILE, readSeedTickets, type SeedTicket, type SeedTicketsFile } from './seed-ticket-file.ts';

/** Options of {@link seedTicketsOnce}. */
export interface SeedTicketsOptions {
  /** The running emulator's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  readonly graphqlUrl: string;
  /** Signs a user in through the emulator's own Cognito pool. */
  readonly signIn: (email: string, password: string) => Promise<{ readonly idToken: string }>;
  /** Where the marker goes; `null` (in memory): seed every time, mark nothing. */
  readonly dataDir: string | null;
  /** Default `emulator/seed-tickets.json`. */
  readonly seedFile?: string;
  /** The users file holding the passwords of the users named; default `emulator/seed-users.json`. */
  readonly usersFile?: string;
}

/** What {@link seedTicketsOnce} did. */
export interface SeedTicketsResult {
  /** Whether tickets were written by this call. */
  readonly seeded: boolean;
  /** How many. */
  readonly tickets: number;
}

function passwordsOf(seed: SeedTicketsFile, seedFile: string, usersFile: string): ReadonlyMap<string, string> {
  const passwords = new Map(readSeedUsers(usersFile).map((user) => [user.email, user.password]));
  const named = [seed.staff, ...seed.tickets.flatMap((ticket) => [ticket.reporter, ...ticket.comments.map((comment) => comment.author)])];
  for (const email of named) {
    if (!passwords.has(email)) throw new SeedTicketsFileError(`${seedFile}: names ${email}, who is not a user of ${usersFile}.`);
  }
  return passwords;
}

/** Signs each user in once per seed, on first use. */
function tokenSource(options: SeedTicketsOptions, passwords: ReadonlyMap<string, string>): (email: string) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (email) => {
    let token = tokens.get(email);
    if (token === undefined) {
      token = options.signIn(email, passwords.get(email) ?? '').then(
        (result) => result.idToken,
        (error: unknown) => {
          throw new SeedTicketsWriteError(`sign-in of ${email}`, error instanceof Error ? error.message : 'refused', { cause: error });
        },
      );
      tokens.set(email, token);
    }
    return token;
  };
}

async function writeTicket(ticket: SeedTicket, where: string, staff: string, graphqlUrl: string, tokenOf: (email: string) => Promise<string>): Promise<void> {
  const send = async (email: string, operation: keyof typeof SEED_OPERATIONS, variables: Record<string, unknown>) =>
    sendSeedOperation(graphqlUrl, await tokenOf(email), SEED_OPERATIONS[operation], variables, `${where}: ${operation} by ${email}`);

  const opened = await send(ticket.reporter, 'openTicket', { input: { title: ticket.title, body: ticket.body } });
  const id = (opened.openTicket as { id: string }).id;
  for (const comment of ticket.comments) await send(comment.author, 'addComment', { ticketId: id, body: comment.body });
  if (ticket.assignee !== null) await send(staff, 'assignTicket', { id, assignee: ticket.assignee });
  if (ticket.internalNotes !== null) await send(staff, 'setInternalNotes', { id, notes: ticket.internalNotes });
  // Last, so a ticket's comments and notes were written while it was still open.
  if (ticket.status !== 'OPEN') await send(staff, 'setTicketStatus', { id, status: ticket.status });
}

/**
 * Writes the example tickets unless this data directory already has them (its marker), or the
 * helpdesk already holds tickets of its own (then it only marks it, and never touches it again).
 * Call it once the emulator listens. Throws {@link SeedTicketsFileError} before writing
 * anything for a bad file, {@link SeedTicketsWriteError} for a refused step (no marker: the
 * next start tries again).
 *
 * @example
 * const emulator = await startEmulator({ port: 0, inMemory: true });
 * const result = await seedTicketsOnce({ graphqlUrl: emulator.graphqlUrl, signIn: (email, password) => emulator.identityProvider.signIn(email, password), dataDir: null });
 * result; // { seeded: true, tickets: 4 }
 */
export async function seedTicketsOnce(options: SeedTicketsOptions): Promise<SeedTicketsResult> {
  const { dataDir, graphqlUrl } = options;
  if (dataDir !== null && isSeeded(dataDir)) return { seeded: false, tickets: 0 };
  const seedFile = options.seedFile ?? DEFAULT_SEED_TICKETS_FILE;
  const seed = readSeedTickets(seedFile);
  const tokenOf = tokenSource(options, passwordsOf(seed, seedFile, options.usersFile ?? DEFAULT_SEED_FILE));

  const existing = await sendSeedOperation(graphqlUrl, await tokenOf(seed.staff), SEED_OPERATIONS.tickets, {}, `the check for existing tickets by ${seed.staff}`);
  if (((existing.tickets as { items: unknown[] }).items).length > 0) {
    if (dataDir !== null) markSeeded(dataDir, { seededAt: new Date().toISOString(), tickets: 0 });
    return { seeded: false, tickets: 0 };
  }
  for (const [index, ticket] of seed.tickets.entries()) await writeTicket(ticket, `tickets[${index}]`, seed.staff, graphqlUrl, tokenOf);
  if (dataDir !== null) markSeeded(dataDir, { seededAt: new Date().toISOString(), tickets: seed.tickets.length });
  return { seeded: true, tickets: seed.tickets.length };
}
