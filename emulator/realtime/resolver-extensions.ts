/**
 * Runs a resolver and also gives the `extensions.*` calls its handlers recorded
 * (`setSubscriptionFilter`, `setSubscriptionInvalidationFilter`, `invalidateSubscriptions`).
 *
 * The one place that knows how those calls reach the emulator: today by reading the
 * `extensions` a handler outcome carries when the runner passes them on; when `runResolver`
 * returns them itself, only this function changes. A runner that does not report them gives
 * `extensions: null` ("unknown"), never `[]`: a subscription must not lose its filter silently.
 */
import type { HandlerRunner } from '../resolvers/handler-runner.ts';
import type { LoadedResolver } from '../resolvers/resolver-bundles.ts';
import type { FieldInvocation } from '../resolvers/resolver-context.ts';
import { runResolver, type ResolverServices } from '../resolvers/run-resolver.ts';

/** One `extensions.<name>(...args)` call. */
export interface RecordedExtension {
  readonly name: string;
  readonly args: readonly unknown[];
}

function recordedExtensions(outcome: object): RecordedExtension[] | null {
  const recorded = (outcome as { extensions?: unknown }).extensions;
  if (!Array.isArray(recorded)) return null;
  return recorded.filter(
    (entry): entry is RecordedExtension =>
      entry !== null && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string' && Array.isArray((entry as { args?: unknown }).args),
  );
}

/**
 * @example
 * const { result, extensions } = await runResolverWithExtensions(resolver, invocation, services);
 * if (extensions === null) refuse(); // the runner cannot say which filters were set
 * extensions.find((call) => call.name === 'setSubscriptionFilter')?.args[0];
 */
export async function runResolverWithExtensions(
  resolver: LoadedResolver,
  invocation: FieldInvocation,
  services: ResolverServices,
): Promise<{ result: unknown; extensions: RecordedExtension[] | null }> {
  const extensions: RecordedExtension[] = [];
  let reported = true;
  const runHandler: HandlerRunner = async (code, handler, contextJson) => {
    const outcome = await services.runHandler(code, handler, contextJson);
    const recorded = recordedExtensions(outcome);
    if (recorded === null) reported = false;
    else extensions.push(...recorded);
    return outcome;
  };
  const result = await runResolver(resolver, invocation, { ...services, runHandler });
  return { result, extensions: reported ? extensions : null };
}

/** The argument of the last `name` call, or `null` when there was none. */
export function lastExtensionArgument(extensions: readonly RecordedExtension[], name: string): unknown {
  const calls = extensions.filter((call) => call.name === name);
  return calls.length === 0 ? null : (calls[calls.length - 1]?.args[0] ?? null);
}
