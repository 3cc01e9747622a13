/**
 * The subscription operations the panel offers, built from the schema's `Subscription` type:
 * one per field, its arguments as variables, and a selection of the return type's leaf fields
 * minus those this token's `deniedFields` name (a selection naming a field the caller may not
 * read is refused when subscribing) and minus the non-null ones the publishing mutations do not
 * select (a subscriber receives only the mutation's selection set, and a missing non-null field
 * nulls the whole event).
 */
import { getNamedType, isLeafType, isNonNullType, isObjectType, Kind, parse, type GraphQLSchema } from 'graphql';

/** One subscription field. */
export interface SubscriptionField {
  readonly name: string;
  readonly returnType: string;
  readonly args: ReadonlyArray<{ readonly name: string; readonly type: string }>;
}

/**
 * The fields of the schema's `Subscription` type, in schema order (none without one).
 *
 * @example
 * subscriptionFields(schema).map((field) => field.name); // ['onTicketChanged', 'onCommentAdded', 'onTicketActivity']
 */
export function subscriptionFields(schema: GraphQLSchema): SubscriptionField[] {
  const type = schema.getSubscriptionType();
  if (type === null || type === undefined) return [];
  return Object.values(type.getFields()).map((field) => ({
    name: field.name,
    returnType: getNamedType(field.type).name,
    args: field.args.map((arg) => ({ name: arg.name, type: String(arg.type) })),
  }));
}

/** The fields each root mutation field of `query` selects directly, by mutation name. */
function mutationSelections(query: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const definition of parse(query).definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'mutation') continue;
    for (const root of definition.selectionSet.selections) {
      if (root.kind !== Kind.FIELD) continue;
      const fields = out.get(root.name.value) ?? new Set<string>();
      for (const child of root.selectionSet?.selections ?? []) if (child.kind === Kind.FIELD) fields.add(child.name.value);
      out.set(root.name.value, fields);
    }
  }
  return out;
}

/**
 * The fields every one of `mutations` publishes in the example operations (the fields each
 * selects), or `null` when no example runs any of them.
 *
 * @example
 * publishedFields(['assignTicket', 'setTicketStatus'], EXAMPLES); // Set { 'id', 'status' }
 */
export function publishedFields(mutations: readonly string[], examples: ReadonlyArray<{ readonly query: string }>): Set<string> | null {
  const byMutation = new Map<string, Set<string>>();
  for (const example of examples) {
    for (const [mutation, fields] of mutationSelections(example.query)) {
      if (!mutations.includes(mutation)) continue;
      byMutation.set(mutation, new Set([...(byMutation.get(mutation) ?? []), ...fields]));
    }
  }
  const sets = [...byMutation.values()];
  if (sets.length === 0) return null;
  return sets.reduce((shared, fields) => new Set([...shared].filter((name) => fields.has(name))));
}

/**
 * The operation subscribing to `fieldName`, selecting every leaf field of its type that
 * `denied` does not name and, for a non-null field, that `published` names (`null`: all).
 *
 * @example
 * subscriptionDocument(schema, 'onCommentAdded', null, null);
 * // 'subscription OnCommentAdded($ticketId: ID!) {\n  onCommentAdded(ticketId: $ticketId) {\n    id\n    ticketId\n …'
 */
export function subscriptionDocument(schema: GraphQLSchema, fieldName: string, denied: ReadonlySet<string> | null, published: ReadonlySet<string> | null): string {
  const field = schema.getSubscriptionType()?.getFields()[fieldName];
  if (field === undefined) throw new TypeError(`The schema has no subscription ${fieldName}.`);
  const target = getNamedType(field.type);
  const leaves = isObjectType(target)
    ? Object.values(target.getFields())
        .filter((child) => child.args.length === 0 && isLeafType(getNamedType(child.type)))
        .filter((child) => denied?.has(`${target.name}.${child.name}`) !== true)
        .filter((child) => published === null || !isNonNullType(child.type) || published.has(child.name))
        .map((child) => child.name)
    : [];
  const operationName = `${fieldName.charAt(0).toUpperCase()}${fieldName.slice(1)}`;
  const variables = field.args.length === 0 ? '' : `(${field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')})`;
  const args = field.args.length === 0 ? '' : `(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})`;
  const selection = leaves.length === 0 ? '' : ` {\n${leaves.map((name) => `    ${name}`).join('\n')}\n  }`;
  return `subscription ${operationName}${variables} {\n  ${fieldName}${args}${selection}\n}\n`;
}

/**
 * The variables of a subscription to `field`: every `ID` argument gets `ticketId`.
 *
 * @example
 * subscriptionVariables({ name: 'onTicketChanged', returnType: 'Ticket', args: [{ name: 'id', type: 'ID!' }] }, 'T1'); // { id: 'T1' }
 */
export function subscriptionVariables(field: SubscriptionField, ticketId: string): Record<string, unknown> {
  return Object.fromEntries(field.args.filter((arg) => arg.type.replace(/!$/, '') === 'ID').map((arg) => [arg.name, ticketId.trim()]));
}

/**
 * Whether subscribing to `field` needs a ticket id (a required `ID` argument).
 *
 * @example
 * needsTicketId(schema, onTicketActivity); // false
 */
export function needsTicketId(schema: GraphQLSchema, field: SubscriptionField): boolean {
  const definition = schema.getSubscriptionType()?.getFields()[field.name];
  return definition?.args.some((arg) => isNonNullType(arg.type) && getNamedType(arg.type).name === 'ID') === true;
}
