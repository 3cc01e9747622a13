/**
 * What AppSync publishes for a mutation: its result as shaped by the mutation's own selection
 * set. Fields the mutation did not select are absent (so `null` to subscribers, and a filter on
 * them never matches); fields denied to the caller who mutated are `null`, so nothing the
 * mutating caller could not read leaks to subscribers. Keys are field names, not aliases.
 *
 * Fields with their own resolver (a nested `comments` list) are not resolved again here: only
 * what the mutation's resolver returned is published.
 */
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** What shaping needs from the mutation's field resolution. */
export interface SelectionScope {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly deniedFields: ReadonlySet<string>;
}

const MAX_DEPTH = 64;

function collectFields(selectionSet: SelectionSetNode, scope: SelectionScope, out: Map<string, SelectionSetNode[]>, seen: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const sets = out.get(selection.name.value) ?? [];
      if (selection.selectionSet !== undefined) sets.push(selection.selectionSet);
      out.set(selection.name.value, sets);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(selection.selectionSet, scope, out, seen, depth + 1);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = scope.fragments[selection.name.value];
      if (fragment !== undefined) collectFields(fragment.selectionSet, scope, out, seen, depth + 1);
    }
  }
}

function shape(value: unknown, type: GraphQLOutputType, selectionSets: readonly SelectionSetNode[], scope: SelectionScope, depth: number): unknown {
  if (value === null || value === undefined || depth > MAX_DEPTH) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return Array.isArray(value) ? value.map((item) => shape(item, nullable.ofType, selectionSets, scope, depth + 1)) : null;
  }
  const named = getNamedType(nullable);
  if (selectionSets.length === 0) return value;
  if (typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  let objectType = isObjectType(named) ? named : null;
  if (objectType === null && isAbstractType(named) && typeof record.__typename === 'string') {
    const candidate = scope.schema.getType(record.__typename);
    objectType = isObjectType(candidate) ? candidate : null;
  }
  if (objectType === null) return null;
  const fields = new Map<string, SelectionSetNode[]>();
  for (const selectionSet of selectionSets) collectFields(selectionSet, scope, fields, new Set(), 0);
  const out: Record<string, unknown> = {};
  const fieldMap = objectType.getFields();
  for (const [name, nested] of fields) {
    if (name === '__typename') {
      out.__typename = objectType.name;
      continue;
    }
    const field = fieldMap[name];
    if (field === undefined) continue;
    out[name] = scope.deniedFields.has(`${objectType.name}.${name}`) ? null : shape(record[name], field.type, nested, scope, depth + 1);
  }
  return out;
}

/**
 * @example
 * publishedPayload({ id: 't1', title: 'x', internalNotes: 'n' }, info.returnType, info.fieldNodes.map((n) => n.selectionSet!), scope);
 * // { id: 't1', title: 'x' } when the mutation selected `{ id title }`
 */
export function publishedPayload(result: unknown, returnType: GraphQLOutputType, selectionSets: readonly SelectionSetNode[], scope: SelectionScope): unknown {
  return shape(result, returnType, selectionSets, scope, 0);
}
