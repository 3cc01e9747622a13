/**
 * `subscribe` for the real-time endpoint: one `start` becomes a {@link Registration}, as
 * AppSync does it. The document is parsed and validated against the executable schema (with
 * the HTTP endpoint's rules), must select exactly one root field of `Subscription`, and that
 * field's resolver bundle runs once, now, with `ctx.args`, `ctx.identity`, `ctx.info` (with
 * `selectionSetList`), never per event. `util.error`/`util.unauthorized` refuse the
 * subscription; `extensions.setSubscriptionFilter` / `setSubscriptionInvalidationFilter`
 * calls become its filters. A root field named in `deniedFields` is refused without running
 * its resolver, as the HTTP endpoint does.
 */
import {
  defaultFieldResolver,
  execute,
  executeSync,
  getDirectiveValues,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { AppSyncFieldError, formatExecutionError, unauthorizedFieldError } from '../graphql/appsync-error.ts';
import { prepareDocument, type ExecutionServices } from '../graphql/execute-request.ts';
import { emulatorDataSources } from '../resolvers/data-sources.ts';
import { fieldInvocation } from '../resolvers/resolver-context.ts';
import { runResolver } from '../resolvers/run-resolver.ts';
import type { SubscriptionFilter } from '../runtime/subscription-filter-rules.ts';
import type { ExtensionCall } from '../sandbox/handler-runner.ts';
import type { Registration, Subscribe, SubscribeError, SubscribeRequest } from './registration.ts';

/** The filter the last `name` call set, or `null` when the resolver made none. */
function lastFilter(extensions: readonly ExtensionCall[], name: string): SubscriptionFilter | null {
  const calls = extensions.filter((call) => call.name === name);
  // The runtime checked the filter when the resolver set it; the evaluator fails closed on anything else.
  return (calls[calls.length - 1]?.args[0] as SubscriptionFilter | undefined) ?? null;
}

/** What the subscription resolver's one run decided. */
interface ResolverOutcome {
  readonly filter: SubscriptionFilter | null;
  readonly invalidationFilter: SubscriptionFilter | null;
  readonly args: Readonly<Record<string, unknown>>;
}

function refusal(errorType: string, message: string): SubscribeError {
  return { kind: 'error', errorType, message };
}

function selectedOperation(document: DocumentNode, operationName: string | null): OperationDefinitionNode | null {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName === null) return operations.length === 1 ? (operations[0] ?? null) : null;
  return operations.find((operation) => operation.name?.value === operationName) ?? null;
}

/** The root fields of the operation, fragments expanded (validation has already run). */
function rootFields(operation: OperationDefinitionNode, document: DocumentNode): FieldNode[] {
  const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
  const out: FieldNode[] = [];
  const visit = (selections: OperationDefinitionNode['selectionSet']['selections'], seen: Set<string>): void => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet.selections, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment !== undefined) visit(fragment.selectionSet.selections, seen);
      }
    }
  };
  visit(operation.selectionSet.selections, new Set());
  return out;
}

function subscribedMutations(schema: GraphQLSchema, fieldName: string): string[] {
  const field = schema.getSubscriptionType()?.getFields()[fieldName];
  const directive = schema.getDirective('aws_subscribe');
  if (field?.astNode === undefined || field.astNode === null || directive === undefined || directive === null) return [];
  const values = getDirectiveValues(directive, field.astNode);
  const mutations = values?.mutations;
  return Array.isArray(mutations) ? mutations.filter((name): name is string => typeof name === 'string') : [];
}

/** Renders one event for this subscriber: its own selection, its denied fields nulled (with AppSync's error). */
function renderer(services: ExecutionServices, document: DocumentNode, request: SubscribeRequest, fieldName: string): Registration['render'] {
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
    if (request.deniedFields.has(`${info.parentType.name}.${info.fieldName}`)) throw unauthorizedFieldError(info.parentType.name, info.fieldName);
    return defaultFieldResolver(source, args, context, info);
  };
  return (payload) => {
    const result = executeSync({
      schema: services.schema,
      document,
      operationName: request.operationName,
      variableValues: request.variables,
      rootValue: { [fieldName]: payload },
      fieldResolver,
    });
    const data = result.data ?? null;
    if (result.errors === undefined || result.errors.length === 0) return { data };
    return { data, errors: result.errors.map((error) => formatExecutionError(error, services.schema, () => services.log('realtime: internal failure rendering an event'))) };
  };
}

/** A number per schema, so that subscriptions made before and after a reload never share a rendering. */
const schemaGenerations = new WeakMap<GraphQLSchema, number>();
let nextSchemaGeneration = 0;

function renderKeyOf(schema: GraphQLSchema, request: SubscribeRequest): string {
  let generation = schemaGenerations.get(schema);
  if (generation === undefined) schemaGenerations.set(schema, (generation = nextSchemaGeneration++));
  return JSON.stringify([generation, request.query, request.operationName, request.variables, [...request.deniedFields].sort()]);
}

/**
 * Creates `subscribe` over the current API (`execution` gives the current schema and
 * resolver bundles: a rebuild applies to the next `start`).
 *
 * @example
 * const subscribe = createSubscribe(execution);
 * const outcome = await subscribe({ query: 'subscription { onTicketUpdated(id: "t1") { id } }', … });
 * if (outcome.kind === 'error') send(serverMessage.error(id, [outcome]));
 */
export function createSubscribe(execution: () => ExecutionServices): Subscribe {
  return async (request) => {
    const services = execution();
    const prepared = prepareDocument(services.schema, services.settings, request.query);
    if ('errors' in prepared) return refusal('ValidationError', prepared.errors.map((error) => error.message).join(' '));
    const { document } = prepared;
    const operation = selectedOperation(document, request.operationName);
    if (operation === null || operation.operation !== 'subscription') return refusal('ValidationError', 'The request must be one subscription operation.');
    const fields = rootFields(operation, document);
    const root = fields[0];
    if (root === undefined || fields.length !== 1 || root.name.value === '__typename') {
      return refusal('ValidationError', 'A subscription must select exactly one root field.');
    }
    const fieldName = root.name.value;
    if (request.deniedFields.has(`Subscription.${fieldName}`)) {
      const denied = unauthorizedFieldError('Subscription', fieldName);
      return refusal(denied.errorType ?? 'Unauthorized', denied.message);
    }

    // Executing the document once gives the resolver real coerced arguments and a real
    // `info`; the root field's value itself is not used (the resolver's result is ignored).
    let outcome: ResolverOutcome | SubscribeError | null = null;
    let rootResolved = false;
    const resolver = services.bundles.resolvers.get(`Subscription.${fieldName}`);
    const result = await execute({
      schema: services.schema,
      document,
      operationName: request.operationName,
      variableValues: request.variables,
      fieldResolver: async (source, args: Record<string, unknown>, _context, info: GraphQLResolveInfo) => {
        if (info.path.prev !== undefined) return null;
        rootResolved = true;
        if (resolver === undefined) {
          outcome = { filter: null, invalidationFilter: null, args };
          return null;
        }
        const invocation = fieldInvocation(args, source, info, { resolverContext: request.resolverContext, headers: request.headers, env: services.bundles.env });
        try {
          const { extensions } = await runResolver(resolver, invocation, {
            runHandler: services.runHandler,
            dataSources: emulatorDataSources({ table: services.table }),
            log: (line) => services.log(`[Subscription.${fieldName}] ${line}`),
            appendError: () => undefined,
          });
          outcome = {
            filter: lastFilter(extensions, 'setSubscriptionFilter'),
            invalidationFilter: lastFilter(extensions, 'setSubscriptionInvalidationFilter'),
            args,
          };
        } catch (error) {
          if (error instanceof AppSyncFieldError) outcome = refusal(error.errorType ?? 'Unknown', error.message);
          else {
            services.log(`realtime: Subscription.${fieldName} failed: ${error instanceof Error ? error.message : String(error)}`);
            outcome = refusal('InternalFailure', 'An internal failure occurred.');
          }
        }
        return null;
      },
    });
    if (!('data' in result) || result.data === undefined) {
      // Variables that do not coerce.
      return refusal('ValidationError', (result.errors ?? []).map((error) => error.message).join(' '));
    }
    // `@skip`/`@include` left the one root field out: there is nothing to subscribe to.
    if (!rootResolved) return refusal('ValidationError', 'A subscription must select exactly one root field.');
    const settled = outcome as ResolverOutcome | SubscribeError | null;
    if (settled === null) return refusal('InternalFailure', 'An internal failure occurred.');
    if ('kind' in settled) return settled;
    const argumentValues = Object.fromEntries(Object.entries(settled.args).filter(([, value]) => value !== null && value !== undefined));
    return {
      kind: 'registration',
      subscriptionField: fieldName,
      mutations: subscribedMutations(services.schema, fieldName),
      filter: settled.filter,
      invalidationFilter: settled.invalidationFilter,
      argumentValues,
      render: renderer(services, document, request, fieldName),
      renderKey: renderKeyOf(services.schema, request),
    };
  };
}
