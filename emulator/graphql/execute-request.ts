/**
 * Executes one GraphQL request as AppSync does, after authorization: parse, validate (with the
 * stack's depth limit and introspection setting), run each field's resolver bundle, enforce
 * `deniedFields`, and answer in AppSync's shape.
 *
 * A denied field is never resolved: its value is `null`, with AppSync's `Unauthorized` error and
 * normal null propagation. That holds for mutations too (AWS does not document whether AppSync
 * still runs a denied mutation's resolver; not running it is the safe reading, and the
 * resolvers re-check anyway).
 */
import {
  defaultFieldResolver,
  execute,
  getLocation,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { DataSource } from '../dynamodb/dynamodb-data-source.ts';
import { emulatorDataSources } from '../resolvers/data-sources.ts';
import type { HandlerRunner } from '../resolvers/handler-runner.ts';
import type { ExtensionCall } from '../sandbox/handler-runner.ts';
import type { ResolverBundles } from '../resolvers/resolver-bundles.ts';
import { fieldInvocation } from '../resolvers/resolver-context.ts';
import { runResolver } from '../resolvers/run-resolver.ts';
import { AppSyncFieldError, appSyncLocations, formatExecutionError, unauthorizedFieldError, type AppSyncErrorEntry } from './appsync-error.ts';
import { queryDepthRule } from './query-depth-rule.ts';
import { formatSyntaxError, formatValidationError, formatVariableError } from './validation-errors.ts';

/** The API's settings that shape execution. */
export interface ExecutionSettings {
  readonly queryDepthLimit: number;
  readonly resolverCountLimit: number;
  readonly introspection: boolean;
}

/** Everything one request brings. */
export interface GraphQLRequest {
  readonly query: string;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>> | null;
  readonly headers: Readonly<Record<string, string>>;
  /** The authorizer's answer, already checked (`isAuthorized: true`). */
  readonly resolverContext: Readonly<Record<string, string>>;
  readonly deniedFields: ReadonlySet<string>;
}

/** What the API needs to run resolvers. */
/**
 * One resolved root mutation field, as the GraphQL endpoint reports it to whoever publishes
 * mutations to subscribers (`ExecutionServices.onMutationField`).
 */
export interface ResolvedMutationField {
  readonly info: GraphQLResolveInfo;
  /** What the field's resolver returned. */
  readonly result: unknown;
  /** The `extensions.*` calls its resolver made (`ResolverRun.extensions`). */
  readonly extensions: readonly ExtensionCall[];
  /** The mutating caller's denied fields. */
  readonly deniedFields: ReadonlySet<string>;
}

export interface ExecutionServices {
  readonly schema: GraphQLSchema;
  readonly bundles: ResolverBundles;
  readonly runHandler: HandlerRunner;
  readonly table: DataSource;
  readonly settings: ExecutionSettings;
  /** Server-side diagnostics (internal failures, resolver logs); never sent to the client. */
  readonly log: (line: string) => void;
  /** Called after each root `Mutation` field resolves, in order: real-time publishing. */
  readonly onMutationField?: (resolved: ResolvedMutationField) => void;
}

/** The response body, in AppSync's shape. */
export interface GraphQLResponse {
  data: unknown;
  errors?: AppSyncErrorEntry[];
}

interface RequestState {
  readonly request: GraphQLRequest;
  readonly services: ExecutionServices;
  readonly appended: AppSyncErrorEntry[];
  resolverCount: number;
}

const fieldResolver: GraphQLFieldResolver<unknown, RequestState> = async (source, args, state, info) => {
  const coordinate = `${info.parentType.name}.${info.fieldName}`;
  if (state.request.deniedFields.has(coordinate)) throw unauthorizedFieldError(info.parentType.name, info.fieldName);
  const resolver = state.services.bundles.resolvers.get(coordinate);
  if (resolver === undefined) return defaultFieldResolver(source, args, state, info);
  state.resolverCount += 1;
  if (state.resolverCount > state.services.settings.resolverCountLimit) {
    throw new AppSyncFieldError(
      `Resolver invocation limit of ${state.services.settings.resolverCountLimit} reached.`,
      'ResolverCountLimitExceeded',
    );
  }
  const path: Array<string | number> = [];
  for (let at: typeof info.path | undefined = info.path; at !== undefined; at = at.prev) path.unshift(at.key);
  const locations = appSyncLocations(info.fieldNodes.flatMap((node) => (node.loc === undefined ? [] : [getLocation(node.loc.source, node.loc.start)])));
  const invocation = fieldInvocation(args, source, info, {
    resolverContext: state.request.resolverContext,
    headers: state.request.headers,
    env: state.services.bundles.env,
  });
  const run = await runResolver(resolver, invocation, {
    runHandler: state.services.runHandler,
    dataSources: emulatorDataSources({ table: state.services.table }),
    log: (line) => state.services.log(`[${coordinate}] ${line}`),
    appendError: (error) => {
      state.appended.push({
        path,
        data: error.data ?? null,
        errorType: error.errorType ?? null,
        errorInfo: error.errorInfo ?? null,
        locations,
        message: error.message,
      });
    },
  });
  if (state.services.onMutationField !== undefined && info.parentType === info.schema.getMutationType()) {
    state.services.onMutationField({ info, result: run.value, extensions: run.extensions, deniedFields: state.request.deniedFields });
  }
  return run.value;
};

/** The validation rules for the settings: graphql-js's, the depth limit, introspection. */
export function validationRules(settings: ExecutionSettings): ValidationRule[] {
  return [
    ...specifiedRules,
    queryDepthRule(settings.queryDepthLimit),
    ...(settings.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
}

/** Most tokens one document may have; bounds parsing and validation work per request. */
export const MAX_TOKENS = 20_000;

/**
 * Parses a request's document, or gives the errors to answer with.
 */
export function parseRequest(query: string): { document: DocumentNode } | { errors: AppSyncErrorEntry[] } {
  try {
    return { document: parse(query, { maxTokens: MAX_TOKENS }) };
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [formatSyntaxError(error)] };
    // A document nested deep enough to exhaust the parser's stack is refused like a syntax error.
    return { errors: [formatSyntaxError(new GraphQLError('Syntax Error: The document is nested too deeply.'))] };
  }
}

/** A document ready to execute, or the errors to answer with. */
export type PreparedDocument = { readonly document: DocumentNode } | { readonly errors: AppSyncErrorEntry[] };

/** Documents remembered per schema and settings: clients repeat a few operations. */
const PREPARED_DOCUMENTS = 256;
/** Longer documents are prepared afresh every time, so that large ones cannot fill memory. */
const MAX_REMEMBERED_QUERY_LENGTH = 16_384;
const prepared = new WeakMap<GraphQLSchema, WeakMap<ExecutionSettings, Map<string, PreparedDocument>>>();

function parseAndValidate(schema: GraphQLSchema, settings: ExecutionSettings, query: string): PreparedDocument {
  const result = parseRequest(query);
  if ('errors' in result) return result;
  const { document } = result;
  let validationErrors: readonly GraphQLError[];
  try {
    validationErrors = validate(schema, document, validationRules(settings), { maxErrors: 50 });
  } catch (error) {
    // graphql-js's single-field subscription rule throws its own GraphQLError for a root field
    // under `@include`/`@skip` with a variable (validation has no variable values): a validation
    // error. Otherwise only a document deep enough to exhaust the stack gets here.
    validationErrors = [error instanceof GraphQLError ? error : new GraphQLError('too deep', { extensions: { appSyncMessage: `Query depth limit of ${settings.queryDepthLimit} exceeded.` } })];
  }
  if (validationErrors.length > 0) return { errors: validationErrors.map((error) => formatValidationError(error, document)) };
  return { document };
}

/**
 * Parses and validates a request's document, remembering the outcome per schema and settings:
 * validation costs about 150 µs, a large share of a small request. A hot reload brings a new
 * schema object, so nothing stale is served.
 */
export function prepareDocument(schema: GraphQLSchema, settings: ExecutionSettings, query: string): PreparedDocument {
  let bySettings = prepared.get(schema);
  if (bySettings === undefined) prepared.set(schema, (bySettings = new WeakMap()));
  let documents = bySettings.get(settings);
  if (documents === undefined) bySettings.set(settings, (documents = new Map()));
  const remembered = documents.get(query);
  if (remembered !== undefined) {
    // Re-inserted, so that the Map's first key is always the least recently used.
    documents.delete(query);
    documents.set(query, remembered);
    return remembered;
  }
  const outcome = parseAndValidate(schema, settings, query);
  if (query.length <= MAX_REMEMBERED_QUERY_LENGTH) {
    documents.set(query, outcome);
    if (documents.size > PREPARED_DOCUMENTS) documents.delete(documents.keys().next().value as string);
  }
  return outcome;
}

/**
 * Runs one authorized request.
 *
 * @example
 * const body = await executeRequest(services, { query, operationName, variables, headers, resolverContext, deniedFields });
 */
export async function executeRequest(services: ExecutionServices, request: GraphQLRequest): Promise<GraphQLResponse> {
  const prepared = prepareDocument(services.schema, services.settings, request.query);
  if ('errors' in prepared) return { data: null, errors: prepared.errors };
  const { document } = prepared;
  const state: RequestState = { request, services, appended: [], resolverCount: 0 };
  const result = await execute({
    schema: services.schema,
    document,
    operationName: request.operationName,
    variableValues: request.variables,
    contextValue: state,
    fieldResolver,
  });
  if (!('data' in result) || result.data === undefined) {
    return { data: null, errors: (result.errors ?? []).map(formatVariableError) };
  }
  const errors = [
    ...(result.errors ?? []).map((error) => formatExecutionError(error, services.schema, (cause) => {
      services.log(`internal failure at ${(error.path ?? []).join('.')}: ${cause instanceof Error ? cause.stack ?? cause.message : String(cause)}`);
    })),
    ...state.appended,
  ];
  return errors.length === 0 ? { data: result.data } : { data: result.data, errors };
}
