/**
 * The bridge from the GraphQL endpoint to delivery: after a root `Mutation` field resolves,
 * `execute-request.ts` reports it here, and it becomes one {@link PublishEvent}.
 */
import type { SelectionSetNode } from 'graphql';
import type { ResolvedMutationField } from '../graphql/execute-request.ts';
import type { ExtensionCall } from '../sandbox/handler-runner.ts';
import { MAX_INVALIDATIONS_PER_REQUEST } from '../runtime/subscription-extensions.ts';
import { publishedPayload } from './published-payload.ts';
import type { PublishEvent } from './registration.ts';

export type { ResolvedMutationField };

function invalidationsOf(extensions: readonly ExtensionCall[]): PublishEvent['invalidations'] {
  const out: Array<{ subscriptionField: string; payload: unknown }> = [];
  for (const call of extensions) {
    if (call.name !== 'invalidateSubscriptions') continue;
    const argument = call.args[0];
    if (argument === null || typeof argument !== 'object') continue;
    const { subscriptionField, payload } = argument as { subscriptionField?: unknown; payload?: unknown };
    if (typeof subscriptionField === 'string' && payload !== null && typeof payload === 'object') out.push({ subscriptionField, payload });
  }
  // The runtime already refuses a sixth distinct call; this bounds what reaches delivery regardless.
  return out.slice(0, MAX_INVALIDATIONS_PER_REQUEST);
}

/**
 * @example
 * publish(mutationEvent({ info, result, extensions, deniedFields }));
 */
export function mutationEvent(resolved: ResolvedMutationField): PublishEvent {
  const { info } = resolved;
  const selectionSets = info.fieldNodes.flatMap((node): SelectionSetNode[] => (node.selectionSet === undefined ? [] : [node.selectionSet]));
  return {
    mutationField: info.fieldName,
    payload: publishedPayload(resolved.result, info.returnType, selectionSets, { schema: info.schema, fragments: info.fragments, deniedFields: resolved.deniedFields }),
    invalidations: invalidationsOf(resolved.extensions),
  };
}
