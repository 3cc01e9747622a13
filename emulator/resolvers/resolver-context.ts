/**
 * The `ctx` object AppSync gives APPSYNC_JS handlers, built as plain JSON for the sandbox.
 * `identity` is exactly `{ resolverContext }` under Lambda authorization.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { selectionSetInfo } from './selection-set.ts';

/** What stays the same for every handler of one field resolution. */
export interface FieldInvocation {
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly source: unknown;
  readonly resolverContext: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly info: {
    readonly fieldName: string;
    readonly parentTypeName: string;
    readonly variables: Readonly<Record<string, unknown>>;
    readonly selectionSetList: readonly string[];
    readonly selectionSetGraphQL: string;
  };
}

/** Builds the parts of `ctx` that a field resolution shares across its handlers. */
export function fieldInvocation(
  args: Readonly<Record<string, unknown>>,
  source: unknown,
  info: GraphQLResolveInfo,
  request: { resolverContext: Readonly<Record<string, string>>; headers: Readonly<Record<string, string>>; env: Readonly<Record<string, string>> },
): FieldInvocation {
  return {
    arguments: args,
    source: source ?? null,
    resolverContext: request.resolverContext,
    headers: request.headers,
    env: request.env,
    info: {
      fieldName: info.fieldName,
      parentTypeName: info.parentType.name,
      variables: info.variableValues,
      ...selectionSetInfo(info),
    },
  };
}

/** The varying part of `ctx` for one handler call. */
export interface HandlerState {
  readonly stash: unknown;
  readonly result?: unknown;
  readonly error?: { message: string; type: string } | null;
  readonly prevResult?: unknown;
}

/** The JSON text of `ctx` for one handler call. */
export function contextJson(invocation: FieldInvocation, state: HandlerState): string {
  const ctx: Record<string, unknown> = {
    arguments: invocation.arguments,
    args: invocation.arguments,
    identity: { resolverContext: invocation.resolverContext },
    source: invocation.source,
    stash: state.stash,
    info: invocation.info,
    request: { headers: invocation.headers, domainName: null },
    env: invocation.env,
  };
  if ('result' in state) ctx.result = state.result ?? null;
  if (state.error !== undefined && state.error !== null) ctx.error = state.error;
  if ('prevResult' in state) ctx.prev = { result: state.prevResult ?? null };
  return JSON.stringify(ctx);
}
