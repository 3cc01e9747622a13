/**
 * Reads and checks the editable seed file of development users and app clients
 * (`emulator/seed-users.json`).
 * Mistakes are reported with the file, the user's position and what to fix.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppClientConfig } from './app-client.ts';
import { CognitoConfigurationError } from './errors.ts';
import { parseSeedClients } from './seed-clients.ts';

/** The seed file shipped with the project. */
export const DEFAULT_SEED_FILE = fileURLToPath(new URL('../seed-users.json', import.meta.url));

/** One development user as the seed file describes it. */
export interface SeedUser {
  /** The sign-in name; compared case-insensitively, stored lower-case. */
  readonly email: string;
  /** Plaintext, only in the seed file; hashed before it is kept anywhere else. */
  readonly password: string;
  readonly emailVerified: boolean;
  readonly groups: readonly string[];
  /** Extra string user attributes (`name`, `custom:tenant`, ...). */
  readonly attributes: Readonly<Record<string, string>>;
}

const USER_KEYS = new Set(['email', 'password', 'emailVerified', 'groups', 'attributes']);
/** Attributes the pool itself owns; a seed file cannot set them through `attributes`. */
const RESERVED_ATTRIBUTES = new Set(['sub', 'email', 'email_verified', 'username']);

function fail(file: string, where: string, problem: string): never {
  throw new CognitoConfigurationError(`${file}: ${where}: ${problem}`);
}

function parseUser(raw: unknown, index: number, file: string): SeedUser {
  const where = `users[${index}]`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(file, where, 'must be an object');
  const entry = raw as Record<string, unknown>;
  for (const key of Object.keys(entry)) {
    if (!USER_KEYS.has(key)) fail(file, where, `unknown key "${key}" (allowed: ${[...USER_KEYS].join(', ')})`);
  }
  const { email, password, emailVerified, groups, attributes } = entry;
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) fail(file, where, '"email" must be an email address');
  if (typeof password !== 'string' || password === '') fail(file, where, '"password" must be a non-empty string');
  if (emailVerified !== undefined && typeof emailVerified !== 'boolean') fail(file, where, '"emailVerified" must be true or false');
  if (groups !== undefined && (!Array.isArray(groups) || !groups.every((group) => typeof group === 'string' && group !== ''))) {
    fail(file, where, '"groups" must be an array of group names');
  }
  const extra: Record<string, string> = {};
  if (attributes !== undefined) {
    if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) fail(file, where, '"attributes" must be an object of strings');
    for (const [name, value] of Object.entries(attributes as Record<string, unknown>)) {
      if (typeof value !== 'string') fail(file, where, `attribute "${name}" must be a string`);
      if (RESERVED_ATTRIBUTES.has(name) || name.startsWith('cognito:')) fail(file, where, `attribute "${name}" is set by the pool, not the seed file`);
      extra[name] = value;
    }
  }
  return {
    email: email.toLowerCase(),
    password,
    emailVerified: emailVerified ?? true,
    groups: [...new Set((groups as string[] | undefined) ?? [])],
    attributes: extra,
  };
}

/**
 * Parses seed file content.
 *
 * @example
 * parseSeedUsers({ users: [{ email: 'a@example.com', password: 'x' }] }, 'inline');
 */
export function parseSeedUsers(value: unknown, file: string): SeedUser[] {
  if (value === null || typeof value !== 'object' || !Array.isArray((value as { users?: unknown }).users)) {
    fail(file, 'top level', 'must be an object with a "users" array');
  }
  const users = (value as { users: unknown[] }).users.map((raw, index) => parseUser(raw, index, file));
  const seen = new Set<string>();
  users.forEach((user, index) => {
    if (seen.has(user.email)) fail(file, `users[${index}]`, `duplicate email ${user.email}`);
    seen.add(user.email);
  });
  return users;
}

/**
 * Reads a seed file: its users and its optional app clients (see `seed-clients.ts`).
 *
 * @example
 * const { users, clients } = readSeedFile(DEFAULT_SEED_FILE);
 */
export function readSeedFile(file: string): { users: SeedUser[]; clients: AppClientConfig[] } {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new CognitoConfigurationError(`Cannot read the seed users file ${file}: ${(error as Error).message}`, { cause: error });
  }
  return { users: parseSeedUsers(value, file), clients: parseSeedClients(value, file) };
}

/**
 * Reads the users of a seed file.
 *
 * @example
 * const users = readSeedUsers(DEFAULT_SEED_FILE);
 */
export function readSeedUsers(file: string): SeedUser[] {
  return readSeedFile(file).users;
}
