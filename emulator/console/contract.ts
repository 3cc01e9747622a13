/**
 * What the console's server routes and its browser code exchange. Types only, so the browser
 * bundle and the Node side share them without sharing code.
 */

/** One seeded user as the console lists it: no password (the seed file documents it). */
export interface ConsoleUser {
  readonly email: string;
  readonly groups: readonly string[];
  readonly emailVerified: boolean;
}

/** A machine client the console offers for sign-in with client credentials. */
export interface ConsoleMachineClient {
  readonly clientId: string;
  /** The scopes it may ask the token endpoint for. */
  readonly scopes: readonly string[];
  /** Prefilled in the secret field: the seed file's documented secret, or `null` (typed in). */
  readonly secret: string | null;
}

/** One rule of the rule table, as data: grants any one of which lets a caller through. */
export interface ConsoleFieldRule {
  /** `anyValidToken`, `anyUser`, `verifiedEmail`, a group name or an OAuth scope. */
  readonly allow: readonly string[];
  /** The resolver's additional check on the item it reads, e.g. `reporterOrStaff`, or `null`. */
  readonly item: string | null;
}

/** `GET /console/config.json`. */
export interface ConsoleConfig {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
  /** Where the browser sends `InitiateAuth` (the emulator's Cognito-compatible endpoint). */
  readonly cognitoEndpoint: string;
  /** Where the browser sends GraphQL requests. */
  readonly graphqlEndpoint: string;
  /** Where the browser asks for the authorizer's decision on a token. */
  readonly decisionEndpoint: string;
  /** Cognito's OAuth 2.0 token endpoint (`client_credentials`), a path on this server. */
  readonly tokenEndpoint: string;
  /** The real-time path; the page connects to it on its own origin (`ws://` for `http://`, `wss://` for `https://`). */
  readonly realtimeEndpoint: string;
  readonly users: readonly ConsoleUser[];
  readonly machineClients: readonly ConsoleMachineClient[];
  /**
   * The mutations each subscription field is published by (its `@aws_subscribe`), which the
   * printed `schema` does not carry.
   */
  readonly subscribedMutations: Readonly<Record<string, readonly string[]>>;
  /** The rule table by `Type.field`, so a refusal can be explained in its words. */
  readonly rules: Readonly<Record<string, ConsoleFieldRule>>;
  /** Prefilled in the password field: the seed file's documented password, or `null`. */
  readonly defaultPassword: string | null;
  /** `schema.graphql` with AppSync's scalars declared, so the browser can build it. */
  readonly schema: string;
}

/**
 * `POST /console/decision` (token in `Authorization`): the authorizer's answer for that token,
 * as AppSync would cache and replay it, without `resolverContext` values (they may hold secrets).
 */
export type ConsoleDecision =
  | {
      readonly isAuthorized: true;
      /** `Type.field` coordinates (field ARNs are shortened to them). */
      readonly deniedFields: readonly string[];
      readonly ttlOverride: number | null;
      /** The names of the `resolverContext` entries resolvers receive. */
      readonly resolverContextKeys: readonly string[];
    }
  | { readonly isAuthorized: false };
