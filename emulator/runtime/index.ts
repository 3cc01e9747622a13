/**
 * The APPSYNC_JS runtime modules for running resolver code outside AWS: what
 * `@aws-appsync/utils` and `@aws-appsync/utils/dynamodb` provide inside AppSync (the npm
 * package of that name holds types only). The sandbox bundles this file and evaluates it in a
 * realm without Node globals; everything here is plain ECMAScript and reaches the host only
 * through `HostCapabilities` and the session getter. See `contract.ts`.
 */
import type { AppSyncModules, EvaluationSession, HostCapabilities } from './contract.ts';
import { base64Decode, base64Encode } from './base64.ts';
import { dynamodbModule } from './dynamodb-helpers.ts';
import { toDynamoDBExpressionJson } from './dynamodb-expression.ts';
import { escapeJavaScript } from './escape-javascript.ts';
import { HandlerStop } from './handler-stop.ts';
import { javaMatches } from './java-regex.ts';
import { isPlainObject, toJsonValue } from './json-value.ts';
import { autoId, autoKsuid, autoUlid } from './unique-ids.ts';
import { urlDecode, urlEncode } from './url-encoding.ts';
import { utilDynamodb } from './util-dynamodb.ts';
import { createSubscriptionExtensions } from './subscription-extensions.ts';
import { createUtilMath } from './util-math.ts';
import { utilStr } from './util-str.ts';
import { createUtilTime } from './util-time.ts';
import { toSubscriptionFilter } from './util-transform-subscription.ts';
import { utilValues } from './util-values.ts';

export type {
  AppSyncModules,
  AppendedError,
  EarlyReturnSkipTo,
  EvaluationSession,
  HandlerStopKind,
  HostCapabilities,
} from './contract.ts';
export { HandlerStop, isHandlerStop } from './handler-stop.ts';
export type { SubscriptionFilter, SubscriptionFilterGroup, SubscriptionFilterRule } from './subscription-filter-rules.ts';

/** A helper AppSync has but this offline runtime does not: calling it says so plainly. */
function unsupported(name: string): () => never {
  return () => {
    throw new Error(`${name} is not supported by the offline APPSYNC_JS runtime`);
  };
}

/** A JSON copy taken when the call is made, so that later mutation by the resolver has no effect. */
function snapshot(value: unknown): unknown {
  return toJsonValue(value);
}

/** Freezes `value` and everything reachable from it, so resolver code cannot patch the runtime. */
function deepFreeze<T>(value: T): T {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    if (Object.isFrozen(value)) return value;
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value as object)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor !== undefined && 'value' in descriptor) deepFreeze(descriptor.value);
    }
  }
  return value;
}

/** Helpers that depend on nothing but their arguments: built and frozen once per realm. */
const pureUtil = deepFreeze({
  error(message?: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): never {
    throw HandlerStop.error(
      message === undefined || message === null ? '' : String(message),
      errorType === undefined || errorType === null ? undefined : String(errorType),
      snapshot(data),
      snapshot(errorInfo),
    );
  },
  unauthorized(): never {
    throw HandlerStop.unauthorized();
  },
  matches: (pattern: string, value: string) => javaMatches(pattern, value),
  escapeJavaScript: (value: string) => escapeJavaScript(value),
  urlEncode: (value: string) => urlEncode(value),
  urlDecode: (value: string) => urlDecode(value),
  base64Encode: (value: string) => base64Encode(value),
  base64Decode: (value: string) => base64Decode(value),
  ...utilValues,
  dynamodb: utilDynamodb,
  transform: {
    toDynamoDBFilterExpression: (filter: unknown) => toDynamoDBExpressionJson(filter),
    toDynamoDBConditionExpression: (condition: unknown) => toDynamoDBExpressionJson(condition),
    toElasticsearchQueryDSL: unsupported('util.transform.toElasticsearchQueryDSL'),
    toSubscriptionFilter: (filter: unknown, ignoredFields?: unknown, rules?: unknown) => toSubscriptionFilter(filter, ignoredFields, rules),
  },
  str: utilStr,
  xml: {
    toMap: unsupported('util.xml.toMap'),
    toJsonString: unsupported('util.xml.toJsonString'),
  },
  rds: {
    toJsonObject: unsupported('util.rds.toJsonObject'),
  },
});

const runtimeModule = deepFreeze({
  earlyReturn(value?: unknown, options?: unknown): never {
    let skipTo: 'END' | 'NEXT' | null = null;
    if (options !== undefined && options !== null) {
      const requested = isPlainObject(options) ? options['skipTo'] : undefined;
      if (requested !== 'END' && requested !== 'NEXT' && requested !== undefined) {
        throw new Error(`runtime.earlyReturn: skipTo must be 'END' or 'NEXT', got ${JSON.stringify(requested)}`);
      }
      skipTo = requested ?? null;
    }
    throw HandlerStop.earlyReturn(value, skipTo);
  },
});

const dynamodbExports = deepFreeze({ ...dynamodbModule });

/** Helpers bound to one host (clock and randomness), built once per host object. */
const hostBound = new WeakMap<HostCapabilities, Readonly<Record<string, unknown>>>();

function hostUtil(host: HostCapabilities): Readonly<Record<string, unknown>> {
  let parts = hostBound.get(host);
  if (parts === undefined) {
    parts = deepFreeze({
      autoId: () => autoId(host),
      autoUlid: () => autoUlid(host),
      autoKsuid: () => autoKsuid(host),
      time: createUtilTime(host),
      math: createUtilMath(host),
    });
    hostBound.set(host, parts);
  }
  return parts;
}

/**
 * Builds the modules a resolver imports. `session` is called on every use, so the sandbox can
 * swap the session per evaluation. Only the few session-bound helpers are created per call;
 * everything else is built and frozen once, because the sandbox calls this for every evaluation.
 *
 * @example
 * ```ts
 * const modules = createAppSyncModules(host, () => currentSession);
 * const { util, runtime } = modules['@aws-appsync/utils'] as typeof import('@aws-appsync/utils');
 * ```
 */
export function createAppSyncModules(host: HostCapabilities, session: () => EvaluationSession): AppSyncModules {
  const appendError = (message?: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): void => {
    const entry: { message: string; errorType?: string; data?: unknown; errorInfo?: unknown } = {
      message: message === undefined || message === null ? '' : String(message),
    };
    if (errorType !== undefined && errorType !== null) entry.errorType = String(errorType);
    if (data !== undefined) entry.data = snapshot(data);
    if (errorInfo !== undefined) entry.errorInfo = snapshot(errorInfo);
    session().outErrors.push(entry);
  };
  const addResponseHeader = (name: unknown, value: unknown): void => {
    const current = session();
    current.responseHeaders ??= {};
    current.responseHeaders[String(name)] = snapshot(value);
  };
  const http = {
    addResponseHeader,
    addResponseHeaders(headers: unknown): void {
      if (!isPlainObject(headers)) throw new Error('util.http.addResponseHeaders: expected an object of headers');
      for (const name of Object.keys(headers)) addResponseHeader(name, headers[name]);
    },
    copyHeaders: unsupported('util.http.copyHeaders'),
  };
  const util = {
    ...pureUtil,
    ...hostUtil(host),
    appendError,
    authType: (): string => session().authType,
    http,
  };

  const record =
    (name: string) =>
    (...args: unknown[]): void => {
      session().extensions.push({ name, args: args.map(snapshot) });
    };
  const extensions = {
    evictFromApiCache: record('evictFromApiCache'),
    ...createSubscriptionExtensions(session),
  };

  return freezeFresh({
    '@aws-appsync/utils': { util, extensions, runtime: runtimeModule },
    '@aws-appsync/utils/dynamodb': dynamodbExports,
  });
}

/**
 * `deepFreeze` for the per-call objects, which hold only data properties: cheaper because it
 * reads values rather than descriptors and stops at the (already frozen) shared parts.
 */
function freezeFresh<T>(value: T): T {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    if (!Object.isFrozen(value)) {
      Object.freeze(value);
      for (const child of Object.values(value as object)) freezeFresh(child);
    }
  }
  return value;
}
