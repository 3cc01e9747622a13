/**
 * What the emulator hands the console when it mounts it, and the defaults of what it may omit.
 */
import { fileURLToPath } from 'node:url';

/** The authorizer's answer as the emulator's authorization step returns it (cached per token). */
export interface AuthorizerAnswerLike {
  readonly isAuthorized: boolean;
  readonly deniedFields?: readonly string[];
  readonly resolverContext?: Readonly<Record<string, string>>;
  readonly ttlOverride?: number | null;
}

/** A user the console lists; the seed file's or the pool's users fit (extra keys are ignored). */
export interface ConsoleSeedUser {
  readonly email: string;
  readonly groups: readonly string[];
  readonly emailVerified: boolean;
}

/**
 * An app client the console may offer for machine sign-in; the seed file's `clients` entries
 * fit (extra keys are ignored). Only clients allowing `client_credentials` are offered.
 */
export interface ConsoleSeedClient {
  readonly clientId: string;
  /** The documented secret, prefilled in the page; `null` or absent: the developer types it. */
  readonly secret?: string | null;
  readonly allowedOAuthFlows?: readonly string[];
  readonly allowedOAuthScopes?: readonly string[];
}

/** Options of {@link createConsoleRoutes}. */
export interface ConsoleOptions {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The users the panel offers. Their passwords are never sent to the browser. */
  readonly seedUsers: readonly ConsoleSeedUser[];
  /**
   * The authorizer's (cached) answer for a raw `Authorization` value, exactly as `POST /graphql`
   * would get it; `null` (or `isAuthorized: false`) when AppSync would answer 401.
   */
  readonly authorize: (token: string) => Promise<AuthorizerAnswerLike | null>;
  /** Where the browser sends Cognito requests. Default `/` (the emulator's own endpoint). */
  readonly cognitoEndpoint?: string;
  /** Where the browser sends GraphQL requests. Default `/graphql`. */
  readonly graphqlEndpoint?: string;
  /**
   * Machine clients the panel offers for client-credentials sign-in (any other can be typed in).
   * Default: the `clients` of the shipped `emulator/seed-users.json`; pass the seed file's own
   * when the emulator runs with another.
   */
  readonly machineClients?: readonly ConsoleSeedClient[];
  /** Cognito's token endpoint path. Default `/oauth2/token`. */
  readonly tokenEndpoint?: string;
  /** The real-time endpoint's path. Default `/graphql/realtime`. */
  readonly realtimeEndpoint?: string;
  /** Prefilled in the password field. Default `Passw0rd!`, the seed file's documented password; `null` for none. */
  readonly defaultPassword?: string | null;
  /** The schema the editor completes and validates against. Default: the project's `schema.graphql`. */
  readonly schemaFile?: string;
  /** Where the bundle lives (built on first use when missing). Default: `dist/console/`. */
  readonly distDir?: string;
}

/** The project's `dist/console/`. */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** The password of every user in `emulator/seed-users.json` (README, "Quickstart"). */
export const SEED_PASSWORD = 'Passw0rd!';
