/**
 * Refresh tokens: opaque random strings. The store keeps only their SHA-256 digests with the
 * session each one continues (user, client, original `origin_jti` and `auth_time`), persisted to
 * a file so that sessions survive an emulator restart, or in memory.
 *
 * Revoking a refresh token (RevokeToken, GlobalSignOut) also marks its `origin_jti` revoked, so
 * that `GetUser` refuses the access tokens of that session, as Cognito does. (The authorizer,
 * like any JWT verifier, still accepts them until they expire.)
 */
import { createHash, randomBytes } from 'node:crypto';
import { CognitoConfigurationError } from './errors.ts';
import { readJsonFile, writeJsonFileAtomic } from './json-file.ts';

/** What a refresh token continues. Times are in seconds since the epoch. */
export interface RefreshSession {
  readonly sub: string;
  readonly clientId: string;
  readonly originJti: string;
  readonly authTime: number;
  readonly expiresAt: number;
}

/** The refresh tokens of the pool. */
export interface RefreshTokenStore {
  /** Creates a refresh token for a new session. */
  issue(session: RefreshSession): string;
  /** The session of an unexpired, unrevoked refresh token. */
  find(token: string, nowSeconds: number): RefreshSession | undefined;
  /** Revokes one refresh token; returns its session if it existed. */
  revoke(token: string, revokedUntil: number): RefreshSession | undefined;
  /** Revokes every refresh token of a user (GlobalSignOut). */
  revokeAllFor(sub: string, revokedUntil: number): void;
  /** Whether tokens descending from this `origin_jti` were revoked. */
  isRevoked(originJti: string, nowSeconds: number): boolean;
}

interface StoredRefreshTokens {
  readonly format: 'cognito-emulator-refresh-tokens/1';
  /** Keyed by the SHA-256 (base64url) of the token; the token itself is never stored. */
  readonly sessions: Record<string, RefreshSession>;
  /** `origin_jti` → until when (seconds) it counts as revoked. */
  readonly revokedOrigins: Record<string, number>;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function load(path: string | null): StoredRefreshTokens {
  const empty: StoredRefreshTokens = { format: 'cognito-emulator-refresh-tokens/1', sessions: {}, revokedOrigins: {} };
  if (path === null) return empty;
  const value = readJsonFile(path) as Partial<StoredRefreshTokens> | null;
  if (value === null) return empty;
  if (value.format !== empty.format || typeof value.sessions !== 'object' || typeof value.revokedOrigins !== 'object') {
    throw new CognitoConfigurationError(`${path} is not a refresh token store this emulator wrote; delete it (users will have to sign in again).`);
  }
  return { format: empty.format, sessions: { ...value.sessions }, revokedOrigins: { ...value.revokedOrigins } };
}

/**
 * Opens the refresh token store at `path` (`null`: memory only); `now` (milliseconds) decides
 * which entries have expired and are dropped when saving.
 *
 * @example
 * const store = createRefreshTokenStore(join(dataDir, 'refresh-tokens.json'));
 * const token = store.issue({ sub, clientId, originJti, authTime, expiresAt });
 */
export function createRefreshTokenStore(path: string | null, now: () => number = Date.now): RefreshTokenStore {
  const state = load(path);
  const sessions = new Map(Object.entries(state.sessions));
  const revokedOrigins = new Map(Object.entries(state.revokedOrigins));

  function save(): void {
    if (path === null) return;
    const seconds = Math.floor(now() / 1000);
    for (const [key, session] of sessions) if (session.expiresAt <= seconds) sessions.delete(key);
    for (const [originJti, until] of revokedOrigins) if (until <= seconds) revokedOrigins.delete(originJti);
    writeJsonFileAtomic(path, {
      format: 'cognito-emulator-refresh-tokens/1',
      sessions: Object.fromEntries(sessions),
      revokedOrigins: Object.fromEntries(revokedOrigins),
    } satisfies StoredRefreshTokens);
  }

  return {
    issue(session) {
      const token = randomBytes(48).toString('base64url');
      sessions.set(digest(token), { ...session });
      save();
      return token;
    },
    find(token, nowSeconds) {
      const session = sessions.get(digest(token));
      if (session === undefined || session.expiresAt <= nowSeconds) return undefined;
      return this.isRevoked(session.originJti, nowSeconds) ? undefined : session;
    },
    revoke(token, revokedUntil) {
      const key = digest(token);
      const session = sessions.get(key);
      if (session === undefined) return undefined;
      sessions.delete(key);
      revokedOrigins.set(session.originJti, revokedUntil);
      save();
      return session;
    },
    revokeAllFor(sub, revokedUntil) {
      for (const [key, session] of sessions) {
        if (session.sub !== sub) continue;
        sessions.delete(key);
        revokedOrigins.set(session.originJti, revokedUntil);
      }
      save();
    },
    isRevoked(originJti, nowSeconds) {
      const until = revokedOrigins.get(originJti);
      return until !== undefined && until > nowSeconds;
    },
  };
}
