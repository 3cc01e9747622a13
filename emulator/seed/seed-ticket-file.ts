/**
 * Reads and checks the example tickets file (`emulator/seed-tickets.json`). Users are named by
 * email; their passwords stay in the users seed file. Mistakes are reported with the file, the
 * ticket's position and what to fix, before anything is written.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SeedTicketsFileError } from './errors.ts';

/** The file shipped with the project. */
export const DEFAULT_SEED_TICKETS_FILE = fileURLToPath(new URL('../seed-tickets.json', import.meta.url));

/** The statuses `setTicketStatus` accepts (`TicketStatus` in `schema.graphql`). */
const STATUSES = new Set(['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']);
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** One comment, added by `author` (the ticket's reporter or a staff member). */
export interface SeedComment {
  readonly author: string;
  readonly body: string;
}

/** One example ticket, opened by `reporter`, then changed by the file's `staff` user. */
export interface SeedTicket {
  readonly reporter: string;
  readonly title: string;
  readonly body: string;
  /** Set last; `OPEN` (the status a new ticket has) means no change. */
  readonly status: string;
  readonly assignee: string | null;
  readonly internalNotes: string | null;
  readonly comments: readonly SeedComment[];
}

/** The whole file. */
export interface SeedTicketsFile {
  /** Who assigns tickets, sets their status and writes internal notes: a staff user. */
  readonly staff: string;
  readonly tickets: readonly SeedTicket[];
}

const TICKET_KEYS = new Set(['reporter', 'title', 'body', 'status', 'assignee', 'internalNotes', 'comments']);

function fail(file: string, where: string, problem: string): never {
  throw new SeedTicketsFileError(`${file}: ${where}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown, file: string, where: string, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(file, where, `"${key}" must be a non-empty string`);
  return value;
}

function email(value: unknown, file: string, where: string, key: string): string {
  if (typeof value !== 'string' || !EMAIL.test(value)) fail(file, where, `"${key}" must be an email address`);
  return value.toLowerCase();
}

function parseComment(raw: unknown, file: string, where: string): SeedComment {
  if (!isRecord(raw)) fail(file, where, 'must be an object with "author" and "body"');
  for (const key of Object.keys(raw)) if (key !== 'author' && key !== 'body') fail(file, where, `unknown key "${key}" (allowed: author, body)`);
  return { author: email(raw.author, file, where, 'author'), body: text(raw.body, file, where, 'body') };
}

function parseTicket(raw: unknown, index: number, file: string): SeedTicket {
  const where = `tickets[${index}]`;
  if (!isRecord(raw)) fail(file, where, 'must be an object');
  for (const key of Object.keys(raw)) {
    if (!TICKET_KEYS.has(key)) fail(file, where, `unknown key "${key}" (allowed: ${[...TICKET_KEYS].join(', ')})`);
  }
  const status = raw.status ?? 'OPEN';
  if (typeof status !== 'string' || !STATUSES.has(status)) fail(file, where, `"status" must be one of ${[...STATUSES].join(', ')}`);
  if (raw.comments !== undefined && !Array.isArray(raw.comments)) fail(file, where, '"comments" must be an array');
  return {
    reporter: email(raw.reporter, file, where, 'reporter'),
    title: text(raw.title, file, where, 'title'),
    body: text(raw.body, file, where, 'body'),
    status,
    assignee: raw.assignee === undefined ? null : email(raw.assignee, file, where, 'assignee'),
    internalNotes: raw.internalNotes === undefined ? null : text(raw.internalNotes, file, where, 'internalNotes'),
    comments: ((raw.comments as unknown[] | undefined) ?? []).map((comment, position) => parseComment(comment, file, `${where}.comments[${position}]`)),
  };
}

/**
 * Checks seed file content.
 *
 * @example
 * parseSeedTickets({ staff: 'agent@example.com', tickets: [{ reporter: 'customer@example.com', title: 'Printer', body: 'On fire.' }] }, 'inline');
 */
export function parseSeedTickets(value: unknown, file: string): SeedTicketsFile {
  if (!isRecord(value) || !Array.isArray(value.tickets)) fail(file, 'top level', 'must be an object with "staff" and a "tickets" array');
  return { staff: email(value.staff, file, 'top level', 'staff'), tickets: value.tickets.map((raw, index) => parseTicket(raw, index, file)) };
}

/**
 * Reads and checks a seed file.
 *
 * @example
 * const { tickets } = readSeedTickets(DEFAULT_SEED_TICKETS_FILE);
 */
export function readSeedTickets(file: string): SeedTicketsFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new SeedTicketsFileError(`Cannot read the example tickets file ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseSeedTickets(value, file);
}
