/**
 * Example tickets written through a real emulator's `/graphql` over HTTP, signed in through its
 * own Cognito pool: what the resolvers store, once per data directory, never over a helpdesk
 * that has tickets, and nothing marked done when a step is refused.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index.ts';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { DEFAULT_SEED_TICKETS_FILE, SEED_MARKER_FILE, SeedTicketsFileError, SeedTicketsWriteError, seedTicketsOnce } from '../../../emulator/seed/index.ts';

const PASSWORD = 'Passw0rd!';

interface SeedFileTicket {
  reporter: string;
  title: string;
  status?: string;
  assignee?: string;
  internalNotes?: string;
  comments?: Array<{ author: string; body: string }>;
}

const shipped = JSON.parse(readFileSync(DEFAULT_SEED_TICKETS_FILE, 'utf8')) as { staff: string; tickets: SeedFileTicket[] };

async function graphqlAs(emulator: RunningEmulator, email: string, query: string): Promise<Record<string, unknown>> {
  const { idToken } = await emulator.identityProvider.signIn(email, PASSWORD);
  const response = await fetch(emulator.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: idToken }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const ALL_TICKETS = 'query { tickets(limit: 50) { items { title status reporter assignee internalNotes comments { author body } } } }';

async function allTickets(emulator: RunningEmulator): Promise<Array<Record<string, unknown>>> {
  return ((await graphqlAs(emulator, 'agent@example.com', ALL_TICKETS)).tickets as { items: Array<Record<string, unknown>> }).items;
}

function seedOptions(emulator: RunningEmulator, dataDir: string | null, seedFile?: string) {
  return {
    graphqlUrl: emulator.graphqlUrl,
    signIn: (email: string, password: string) => emulator.identityProvider.signIn(email, password),
    dataDir,
    ...(seedFile === undefined ? {} : { seedFile }),
  };
}

describe('Seed: example tickets', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-tickets-'));
    dirs.push(dir);
    return dir;
  };
  const emulators: RunningEmulator[] = [];
  const start = async (dataDir: string | null): Promise<RunningEmulator> => {
    const emulator = await startEmulator({ port: 0, log: () => {}, ...(dataDir === null ? { inMemory: true } : { dataDir }) });
    emulators.push(emulator);
    return emulator;
  };

  afterAll(async () => {
    for (const emulator of emulators) await emulator.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the shipped tickets as their users would, through the resolvers', async () => {
    // Prepare
    const emulator = await start(null);

    // Act
    const result = await seedTicketsOnce(seedOptions(emulator, null));
    const stored = await allTickets(emulator);
    const mine = (await graphqlAs(emulator, 'customer@example.com', 'query { myTickets { items { title } } }')).myTickets as { items: Array<{ title: string }> };

    // Assess
    expect(result).toEqual({ seeded: true, tickets: shipped.tickets.length });
    expect(shipped.tickets.length).toBeGreaterThanOrEqual(3);
    expect(stored).toHaveLength(shipped.tickets.length);
    for (const ticket of shipped.tickets) {
      expect(stored).toContainEqual({
        title: ticket.title,
        status: ticket.status ?? 'OPEN',
        reporter: ticket.reporter,
        assignee: ticket.assignee ?? null,
        internalNotes: ticket.internalNotes ?? null,
        comments: ticket.comments ?? [],
      });
    }
    expect(mine.items.map((item) => item.title).sort()).toEqual(shipped.tickets.filter((ticket) => ticket.reporter === 'customer@example.com').map((ticket) => ticket.title).sort());
  });

  it('ships tickets of two reporters, internal notes, comments by reporter and agent, and several statuses', () => {
    // Assess
    expect(new Set(shipped.tickets.map((ticket) => ticket.reporter))).toEqual(new Set(['customer@example.com', 'other@example.com']));
    expect(shipped.tickets.some((ticket) => ticket.internalNotes !== undefined)).toBe(true);
    const authors = new Set(shipped.tickets.flatMap((ticket) => (ticket.comments ?? []).map((comment) => comment.author)));
    expect([...authors]).toEqual(expect.arrayContaining(['customer@example.com', 'agent@example.com']));
    expect(new Set(shipped.tickets.map((ticket) => ticket.status ?? 'OPEN')).size).toBeGreaterThanOrEqual(3);
  });

  it('seeds a data directory once, however often it restarts', async () => {
    // Prepare
    const dataDir = tempDir();
    const first = await start(dataDir);
    const firstResult = await seedTicketsOnce(seedOptions(first, dataDir));
    await first.close();

    // Act
    const second = await start(dataDir);
    const secondResult = await seedTicketsOnce(seedOptions(second, dataDir));
    const stored = await allTickets(second);

    // Assess
    expect(firstResult).toEqual({ seeded: true, tickets: shipped.tickets.length });
    expect(secondResult).toEqual({ seeded: false, tickets: 0 });
    expect(stored).toHaveLength(shipped.tickets.length);
    expect(JSON.parse(readFileSync(join(dataDir, SEED_MARKER_FILE), 'utf8'))).toEqual({ seededAt: expect.any(String), tickets: shipped.tickets.length });
  });

  it('leaves a helpdesk that already has tickets alone, and marks it so', async () => {
    // Prepare
    const dataDir = tempDir();
    const emulator = await start(dataDir);
    await graphqlAs(emulator, 'other@example.com', 'mutation { openTicket(input: { title: "Mine", body: "Before any seed." }) { id } }');

    // Act
    const result = await seedTicketsOnce(seedOptions(emulator, dataDir));
    const stored = await allTickets(emulator);

    // Assess
    expect(result).toEqual({ seeded: false, tickets: 0 });
    expect(stored.map((ticket) => ticket.title)).toEqual(['Mine']);
    expect(existsSync(join(dataDir, SEED_MARKER_FILE))).toBe(true);
  });

  it('marks nothing when the API refuses a step, naming the step', async () => {
    // Prepare: other@example.com may not comment on the customer's ticket.
    const dataDir = tempDir();
    const emulator = await start(dataDir);
    const seedFile = join(dataDir, 'refused-seed.json');
    writeFileSync(seedFile, JSON.stringify({
      staff: 'agent@example.com',
      tickets: [{ reporter: 'customer@example.com', title: 'Refused', body: 'A comment by a stranger.', comments: [{ author: 'other@example.com', body: 'Not mine.' }] }],
    }));

    // Act
    const failure = await seedTicketsOnce(seedOptions(emulator, dataDir, seedFile)).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(SeedTicketsWriteError);
    expect((failure as SeedTicketsWriteError).step).toBe('tickets[0]: addComment by other@example.com');
    expect((failure as Error).message).toMatch(/Unauthorized/);
    expect(existsSync(join(dataDir, SEED_MARKER_FILE))).toBe(false);
  });

  it('refuses a seed file it cannot use before writing anything', async () => {
    // Prepare
    const dataDir = tempDir();
    const emulator = await start(dataDir);
    const badStatus = join(dataDir, 'bad-status.json');
    writeFileSync(badStatus, JSON.stringify({ staff: 'agent@example.com', tickets: [{ reporter: 'customer@example.com', title: 'T', body: 'B', status: 'DONE' }] }));
    const unknownUser = join(dataDir, 'unknown-user.json');
    writeFileSync(unknownUser, JSON.stringify({ staff: 'agent@example.com', tickets: [{ reporter: 'nobody@example.com', title: 'T', body: 'B' }] }));

    // Act
    const statusFailure = await seedTicketsOnce(seedOptions(emulator, dataDir, badStatus)).catch((error: unknown) => error);
    const userFailure = await seedTicketsOnce(seedOptions(emulator, dataDir, unknownUser)).catch((error: unknown) => error);
    const missingFailure = await seedTicketsOnce(seedOptions(emulator, dataDir, join(dataDir, 'absent.json'))).catch((error: unknown) => error);

    // Assess
    expect(statusFailure).toBeInstanceOf(SeedTicketsFileError);
    expect((statusFailure as Error).message).toBe(`${badStatus}: tickets[0]: "status" must be one of OPEN, IN_PROGRESS, RESOLVED, CLOSED`);
    expect(userFailure).toBeInstanceOf(SeedTicketsFileError);
    expect((userFailure as Error).message).toContain('names nobody@example.com, who is not a user of');
    expect(missingFailure).toBeInstanceOf(SeedTicketsFileError);
    expect(await allTickets(emulator)).toEqual([]);
    expect(existsSync(join(dataDir, SEED_MARKER_FILE))).toBe(false);
  });
});
