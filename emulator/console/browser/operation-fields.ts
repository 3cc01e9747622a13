/**
 * Which schema fields an operation touches, as `Type.field` coordinates, so the panel can say
 * before a query runs which of them this token's `deniedFields` will null out.
 */
import { parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';

/**
 * The coordinates of every field selected in `query`, or `null` when it does not parse.
 *
 * @example
 * touchedFields(schema, '{ me { email } }'); // Set { 'Query.me', 'Identity.email' }
 */
export function touchedFields(schema: GraphQLSchema, query: string): Set<string> | null {
  let document;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  const typeInfo = new TypeInfo(schema);
  const fields = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent !== null && parent !== undefined && field !== null && field !== undefined && !field.name.startsWith('__')) fields.add(`${parent.name}.${field.name}`);
      },
    }),
  );
  return fields;
}

/** The fields of one root type. */
export interface RootFields {
  readonly type: string;
  readonly fields: readonly string[];
}

/**
 * The fields of the query, mutation and subscription root types, in schema order.
 *
 * @example
 * rootFields(schema)[0]; // { type: 'Query', fields: ['me', 'ticket', 'myTickets', 'tickets'] }
 */
export function rootFields(schema: GraphQLSchema): RootFields[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
    .filter((type) => type !== null && type !== undefined)
    .map((type) => ({ type: type.name, fields: Object.keys(type.getFields()) }));
}
