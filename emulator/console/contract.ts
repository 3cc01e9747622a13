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
  readonly users: readonly ConsoleUser[];
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
