/**
 * AppSync's authorization step for `AWS_LAMBDA`: the `Authorization` header must match the
 * stack's `identityValidationExpression` (else refused without invoking the authorizer); then
 * the authorizer's answer for that token comes from the cache or a fresh invocation with
 * AppSync's event.
 */
import { randomUUID } from 'node:crypto';
import type { AuthorizationCache } from './authorization-cache.ts';
import { readAuthorizerAnswer, type AuthorizedAnswer } from './authorizer-answer.ts';
import { invokeAuthorizer, type AuthorizerHandler } from './authorizer-host.ts';

/** What the authorization step needs. */
export interface AuthorizationServices {
  readonly cache: AuthorizationCache;
  /** The current handler (it changes when the authorizer is rebuilt). */
  readonly handler: () => AuthorizerHandler;
  /** `identityValidationExpression`, or `null` for none. */
  readonly validation: RegExp | null;
  readonly apiId: string;
  readonly accountId: string;
  /** Counts invocations, for tests and the request log. */
  readonly onInvoke?: () => void;
}

/** The parts of the HTTP request the authorizer event carries. */
export interface AuthorizationInput {
  readonly authorization: string | undefined;
  readonly queryString: string;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly requestHeaders: Readonly<Record<string, string>>;
}

/**
 * The decision for one request: the authorized answer, or `null` for HTTP 401.
 *
 * @example
 * const answer = await authorizeRequest(services, { authorization: req.headers.authorization, … });
 * if (answer === null) return sendUnauthorized(res);
 */
export async function authorizeRequest(services: AuthorizationServices, input: AuthorizationInput): Promise<AuthorizedAnswer | null> {
  const token = input.authorization;
  if (token === undefined || token === '') return null;
  if (services.validation !== null && !services.validation.test(token)) return null;
  const decision = await services.cache.decide(token, async () => {
    services.onInvoke?.();
    const event = {
      authorizationToken: token,
      requestContext: {
        apiId: services.apiId,
        accountId: services.accountId,
        requestId: randomUUID(),
        queryString: input.queryString,
        operationName: input.operationName ?? undefined,
        variables: input.variables,
      },
      requestHeaders: input.requestHeaders,
    };
    const { answer, size } = await invokeAuthorizer(services.handler(), event);
    return { decision: readAuthorizerAnswer(answer), size };
  });
  return decision.isAuthorized ? decision : null;
}
