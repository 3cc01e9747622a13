/**
 * The signed-in identity's tokens: a user's (sign in, refresh shortly before they expire and on
 * demand when a request finds them expired) or a machine client's (a client-credentials token,
 * asked for again the same way, as there is no refresh token), sign out.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleConfig } from '../contract.ts';
import { CognitoRequestError, refreshTokens, signIn, type CognitoTokens } from './cognito-client.ts';
import { decodeClaims, expiresAtMs } from './jwt-claims.ts';
import { requestClientCredentials, TokenEndpointError } from './oauth-token-client.ts';

interface SessionTimes {
  readonly accessToken: string;
  /** When the tokens were issued and when they expire, in epoch milliseconds. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** How many times the tokens were refreshed. */
  readonly refreshes: number;
}

/** One signed-in user. */
export interface UserSession extends SessionTimes {
  readonly kind: 'user';
  readonly email: string;
  readonly idToken: string;
  readonly refreshToken: string;
}

/** One machine client signed in with client credentials: an access token only. */
export interface MachineSession extends SessionTimes {
  readonly kind: 'machine';
  readonly clientId: string;
  /** The scopes asked for, or `null` for every scope the client may have. */
  readonly requestedScope: string | null;
}

/** Who is signed in. */
export type Session = UserSession | MachineSession;

/** What the page can do with the session. */
export interface SessionControls {
  readonly session: Session | null;
  readonly busy: boolean;
  /** The last sign-in or refresh failure, readable. */
  readonly error: string | null;
  /** Why the session ended, when it ended on purpose. */
  readonly notice: string | null;
  signIn(email: string, password: string): Promise<void>;
  /** Signs in as a machine client through the token endpoint (`client_credentials`). */
  signInMachine(clientId: string, secret: string, scope: string | null): Promise<void>;
  signOut(): void;
  refresh(): Promise<Session | null>;
  /** The session, refreshed first when its tokens expire within a few seconds. */
  fresh(): Promise<Session | null>;
}

/** Refresh this long before expiry, or a fifth of the lifetime when that is shorter. */
const REFRESH_MARGIN_MS = 60_000;

function expiryOf(tokens: readonly string[], expiresIn: number, now: number): number {
  const expiries = tokens.map((token) => expiresAtMs(decodeClaims(token))).filter((value): value is number => value !== null);
  return expiries.length > 0 ? Math.min(...expiries) : now + expiresIn * 1000;
}

function sessionFrom(email: string, tokens: CognitoTokens, refreshToken: string, refreshes: number): UserSession {
  const now = Date.now();
  const expiresAt = expiryOf([tokens.idToken, tokens.accessToken], tokens.expiresIn, now);
  return { kind: 'user', email, idToken: tokens.idToken, accessToken: tokens.accessToken, refreshToken, issuedAt: now, expiresAt, refreshes };
}

async function machineSession(config: ConsoleConfig, clientId: string, secret: string, scope: string | null, refreshes: number): Promise<MachineSession> {
  const token = await requestClientCredentials(config, clientId, secret, scope);
  const now = Date.now();
  return { kind: 'machine', clientId, requestedScope: scope, accessToken: token.accessToken, issuedAt: now, expiresAt: expiryOf([token.accessToken], token.expiresIn, now), refreshes };
}

function readable(error: unknown): string {
  if (error instanceof CognitoRequestError) return `${error.errorType}: ${error.message}`;
  if (error instanceof TokenEndpointError) return `The token endpoint answered ${error.message}.`;
  return error instanceof Error ? error.message : String(error);
}

/** What tells one session from the next (a refresh keeps it). */
function sessionKey(session: Session | null): string | null {
  if (session === null) return null;
  return session.kind === 'user' ? `user:${session.refreshToken}` : `machine:${session.clientId}:${session.issuedAt}`;
}

/**
 * @example
 * const { session, signIn } = useSession(config);
 */
export function useSession(config: ConsoleConfig): SessionControls {
  const [session, setSession] = useState<Session | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef<Session | null>(null);
  const pending = useRef<Promise<Session | null> | null>(null);
  // A machine's secret is kept only in memory, to ask for its next token; never rendered.
  const machineSecret = useRef<string | null>(null);

  const adopt = useCallback((next: Session | null) => {
    current.current = next;
    setSession(next);
  }, []);

  const doSignIn = useCallback(
    async (email: string, password: string) => {
      setBusy(true);
      setError(null);
      setNotice(null);
      try {
        const tokens = await signIn(config, email.trim(), password);
        machineSecret.current = null;
        adopt(sessionFrom(email.trim().toLowerCase(), tokens, tokens.refreshToken ?? '', 0));
      } catch (caught) {
        setError(`Sign-in failed. ${readable(caught)}`);
      } finally {
        setBusy(false);
      }
    },
    [adopt, config],
  );

  const doSignInMachine = useCallback(
    async (clientId: string, secret: string, scope: string | null) => {
      setBusy(true);
      setError(null);
      setNotice(null);
      try {
        const next = await machineSession(config, clientId.trim(), secret, scope, 0);
        machineSecret.current = secret;
        adopt(next);
      } catch (caught) {
        setError(`Machine sign-in failed. ${readable(caught)}`);
      } finally {
        setBusy(false);
      }
    },
    [adopt, config],
  );

  const refresh = useCallback((): Promise<Session | null> => {
    const before = current.current;
    if (before === null) return Promise.resolve(null);
    const secret = machineSecret.current;
    pending.current ??= (async () => {
      try {
        let next: Session;
        if (before.kind === 'user') {
          const tokens = await refreshTokens(config, before.refreshToken);
          next = sessionFrom(before.email, tokens, tokens.refreshToken ?? before.refreshToken, before.refreshes + 1);
        } else {
          next = await machineSession(config, before.clientId, secret ?? '', before.requestedScope, before.refreshes + 1);
        }
        // A sign-out or another sign-in while the refresh ran wins.
        if (sessionKey(current.current) === sessionKey(before)) adopt(next);
        setError(null);
        return next;
      } catch (caught) {
        setError(`Refreshing the tokens failed. ${readable(caught)} Sign in again.`);
        return null;
      } finally {
        pending.current = null;
      }
    })();
    return pending.current;
  }, [adopt, config]);

  useEffect(() => {
    if (session === null) return undefined;
    const margin = Math.min(REFRESH_MARGIN_MS, (session.expiresAt - session.issuedAt) / 5);
    const timer = setTimeout(() => void refresh(), Math.max(0, session.expiresAt - margin - Date.now()));
    return () => clearTimeout(timer);
  }, [session, refresh]);

  const signOut = useCallback(() => {
    const before = current.current;
    const email = before === null ? undefined : before.kind === 'user' ? before.email : `machine client ${before.clientId}`;
    machineSecret.current = null;
    adopt(null);
    setError(null);
    setNotice(
      email === undefined
        ? null
        : `Signed out ${email}: the console forgot its tokens. Tokens already issued stay valid until they expire (a JWT cannot be recalled), which is why lifetimes are short.`,
    );
  }, [adopt]);

  const fresh = useCallback(async () => {
    const now = current.current;
    if (now === null) return null;
    if (Date.now() < now.expiresAt - 5_000) return now;
    return (await refresh()) ?? now;
  }, [refresh]);

  return { session, busy, error, notice, signIn: doSignIn, signInMachine: doSignInMachine, signOut, refresh, fresh };
}
