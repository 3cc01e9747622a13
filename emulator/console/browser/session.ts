/**
 * The signed-in user's tokens: sign in, refresh shortly before they expire (and on demand when a
 * request finds them expired), sign out.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleConfig } from '../contract.ts';
import { CognitoRequestError, refreshTokens, signIn, type CognitoTokens } from './cognito-client.ts';
import { decodeClaims, expiresAtMs } from './jwt-claims.ts';

/** One signed-in user. */
export interface Session {
  readonly email: string;
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the tokens were issued and when they expire, in epoch milliseconds. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** How many times the tokens were refreshed. */
  readonly refreshes: number;
}

/** What the page can do with the session. */
export interface SessionControls {
  readonly session: Session | null;
  readonly busy: boolean;
  /** The last sign-in or refresh failure, readable. */
  readonly error: string | null;
  /** Why the session ended, when it ended on purpose. */
  readonly notice: string | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): void;
  refresh(): Promise<Session | null>;
  /** The session, refreshed first when its tokens expire within a few seconds. */
  fresh(): Promise<Session | null>;
}

/** Refresh this long before expiry, or a fifth of the lifetime when that is shorter. */
const REFRESH_MARGIN_MS = 60_000;

function sessionFrom(email: string, tokens: CognitoTokens, refreshToken: string, refreshes: number): Session {
  const now = Date.now();
  const expiries = [decodeClaims(tokens.idToken), decodeClaims(tokens.accessToken)].map(expiresAtMs).filter((value): value is number => value !== null);
  const expiresAt = expiries.length > 0 ? Math.min(...expiries) : now + tokens.expiresIn * 1000;
  return { email, idToken: tokens.idToken, accessToken: tokens.accessToken, refreshToken, issuedAt: now, expiresAt, refreshes };
}

function readable(error: unknown): string {
  if (error instanceof CognitoRequestError) return `${error.errorType}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
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
        adopt(sessionFrom(email.trim().toLowerCase(), tokens, tokens.refreshToken ?? '', 0));
      } catch (caught) {
        setError(`Sign-in failed. ${readable(caught)}`);
      } finally {
        setBusy(false);
      }
    },
    [adopt, config],
  );

  const refresh = useCallback((): Promise<Session | null> => {
    const before = current.current;
    if (before === null) return Promise.resolve(null);
    pending.current ??= (async () => {
      try {
        const tokens = await refreshTokens(config, before.refreshToken);
        const next = sessionFrom(before.email, tokens, tokens.refreshToken ?? before.refreshToken, before.refreshes + 1);
        // A sign-out or another sign-in while the refresh ran wins.
        if (current.current?.refreshToken === before.refreshToken) adopt(next);
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
    const email = current.current?.email;
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

  return { session, busy, error, notice, signIn: doSignIn, signOut, refresh, fresh };
}
