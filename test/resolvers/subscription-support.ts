/**
 * What the subscription resolver tests need beyond `make-context.ts` and `run-bundle.ts`: a
 * `ctx` with a chosen selection set, and the `extensions.*` calls a handler made (the filters a
 * subscription sets, the invalidations a mutation sends).
 */
import type { ExtensionCall } from '../../emulator/sandbox/handler-runner.ts';
import { runHandler as runInSandbox } from '../../emulator/sandbox/index.ts';
import type { AppSyncContext } from './make-context.ts';
import { readBundle } from './run-bundle.ts';

export type { ExtensionCall };

/**
 * `ctx` with its `info` describing another selection set, as AppSync gives it: `list` as
 * `selectionSetList`, `graphql` as `selectionSetGraphQL`.
 *
 * @example
 * withSelection(ctx, ['id', 'notes'], '{\n  id\n  notes: internalNotes\n}');
 */
export function withSelection(ctx: AppSyncContext, list: readonly string[], graphql: string): AppSyncContext {
  return { ...ctx, info: { ...ctx.info, selectionSetList: list, selectionSetGraphQL: graphql } };
}

/**
 * The `extensions.*` calls `fn` of a built bundle made with `ctx`. AWS's EvaluateCode does not
 * report them, so they are read from the emulator's sandbox, which `evaluateCode` is built on,
 * running the same bundle on the same context.
 *
 * @example
 * recordedExtensions('Subscription.onTicketChanged/resolver.js', 'response', ctx); // [{ name: 'setSubscriptionFilter', args: [...] }, …]
 */
export function recordedExtensions(bundle: string, fn: 'request' | 'response', ctx: AppSyncContext): ExtensionCall[] {
  return runInSandbox(readBundle(bundle), fn, JSON.stringify(ctx)).extensions;
}
