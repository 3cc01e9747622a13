/**
 * The local pool's users: the seed users with scrypt password hashes (never the plaintext),
 * each with a stable `sub`. With a file, the store keeps `sub`s stable across restarts and
 * persists only hashes; in memory, `sub`s are new per process.
 *
 * As in a Cognito pool whose sign-in attribute is the email (`UsernameAttributes: ['email']`,
 * CDK `signInAliases: { email: true }`), each user's `username` is a generated UUID, here equal
 * to its `sub`, and users sign in with their email (case-insensitive) or that username.
 */
import { randomUUID } from 'node:crypto';
import { CognitoConfigurationError } from './errors.ts';
import { readJsonFile, writeJsonFileAtomic } from './json-file.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import type { SeedUser } from './seed-users.ts';

/** A user of the local pool, without its password hash. */
export interface PoolUser {
  /** Cognito's `username`: a generated UUID, equal to `sub` for email sign-in pools. */
  readonly username: string;
  readonly sub: string;
  /** Lower-case. */
  readonly email: string;
  readonly emailVerified: boolean;
  readonly groups: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  /** Always `CONFIRMED`: seed users need no sign-up confirmation. */
  readonly status: 'CONFIRMED';
}

/** The users and password checks. */
export interface UserStore {
  /** All users, in seed file order. */
  readonly users: readonly PoolUser[];
  /**
   * The user when `loginName` (email or username) and `password` match, else `null`. An unknown
   * login name costs one scrypt too, so timing does not reveal which users exist.
   */
  authenticate(loginName: string, password: string): Promise<PoolUser | null>;
  /** The user with this `sub`, if it still exists. */
  findBySub(sub: string): PoolUser | undefined;
}

interface StoredUser extends Omit<PoolUser, 'status'> {
  readonly passwordHash: string;
}

interface StoredUsers {
  readonly format: 'cognito-emulator-users/1';
  readonly users: readonly StoredUser[];
}

function readStoredUsers(path: string): Map<string, StoredUser> {
  const value = readJsonFile(path) as Partial<StoredUsers> | null;
  if (value === null) return new Map();
  if (value.format !== 'cognito-emulator-users/1' || !Array.isArray(value.users)) {
    throw new CognitoConfigurationError(`${path} is not a user store this emulator wrote; delete it (users are re-created from the seed file, with new subs).`);
  }
  return new Map(value.users.filter((user) => typeof user?.email === 'string' && typeof user.sub === 'string').map((user) => [user.email, user]));
}

async function toStoredUser(seed: SeedUser, previous: StoredUser | undefined): Promise<StoredUser> {
  const sub = previous?.sub ?? randomUUID();
  // Keep the old hash when the seed password still matches it, so the file changes only when
  // the seed does; otherwise hash the new password with a new salt.
  const passwordHash = previous !== undefined && (await verifyPassword(seed.password, previous.passwordHash)) ? previous.passwordHash : await hashPassword(seed.password);
  return { username: sub, sub, email: seed.email, emailVerified: seed.emailVerified, groups: [...seed.groups], attributes: { ...seed.attributes }, passwordHash };
}

function toPoolUser(stored: StoredUser): PoolUser {
  const { passwordHash: _hash, ...user } = stored;
  return Object.freeze({ ...user, groups: Object.freeze([...user.groups]), attributes: Object.freeze({ ...user.attributes }), status: 'CONFIRMED' as const });
}

/**
 * Builds the user store from seed users, persisting hashes to `path` (or keeping them in memory
 * when `path` is `null`).
 *
 * @example
 * const store = await createUserStore(readSeedUsers(DEFAULT_SEED_FILE), join(dataDir, 'users.json'));
 * await store.authenticate('agent@example.com', 'Passw0rd!'); // the agent
 */
export async function createUserStore(seedUsers: readonly SeedUser[], path: string | null): Promise<UserStore> {
  const previous = path === null ? new Map<string, StoredUser>() : readStoredUsers(path);
  const stored = await Promise.all(seedUsers.map((seed) => toStoredUser(seed, previous.get(seed.email))));
  if (path !== null) writeJsonFileAtomic(path, { format: 'cognito-emulator-users/1', users: stored } satisfies StoredUsers);

  const hashes = new Map(stored.map((user) => [user.sub, user.passwordHash]));
  const users = stored.map(toPoolUser);
  const byEmail = new Map(users.map((user) => [user.email, user]));
  const bySub = new Map(users.map((user) => [user.sub, user]));
  // Compared against when the login name is unknown, to spend the same time as a real check.
  const decoyHash = await hashPassword(randomUUID());

  return {
    users,
    async authenticate(loginName, password) {
      const user = byEmail.get(loginName.toLowerCase()) ?? bySub.get(loginName);
      const matches = await verifyPassword(password, user === undefined ? decoyHash : (hashes.get(user.sub) ?? decoyHash));
      return user !== undefined && matches ? user : null;
    },
    findBySub(sub) {
      return bySub.get(sub);
    },
  };
}

/**
 * The user's attributes as Cognito lists them (strings, `email_verified` as `"true"`/`"false"`),
 * for `GetUser` and the trigger's `request.userAttributes`.
 *
 * @example
 * userAttributes(user); // { sub, email_verified: 'true', email }
 */
export function userAttributes(user: PoolUser): Record<string, string> {
  return { sub: user.sub, ...user.attributes, email_verified: String(user.emailVerified), email: user.email };
}
