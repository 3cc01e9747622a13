/**
 * Random operations over `schema.graphql` for property-based tests: selection sets with aliases
 * (unique ones and ones that borrow another field's name), inline fragments (typed and untyped),
 * named fragments, `__typename`, and the arguments each root field needs. The generator is driven
 * by the schema itself, so fields added later are covered without a change here.
 */
import fc from 'fast-check';
import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

/** One generated selection, before names are assigned. */
export type GeneratedSelection =
  | { readonly kind: 'field'; readonly field: string; readonly alias: 'none' | 'unique' | 'borrowed'; readonly variant: number; readonly children: readonly GeneratedSelection[] }
  | { readonly kind: 'inline'; readonly typed: boolean; readonly children: readonly GeneratedSelection[] }
  | { readonly kind: 'named'; readonly children: readonly GeneratedSelection[] }
  | { readonly kind: 'typename' };

/** A field of the rendered operation as it appears in the response: key, coordinate, children. */
export interface ResponseField {
  readonly key: string;
  readonly coordinate: string;
  readonly children: readonly ResponseField[];
}

/** A rendered operation. */
export interface RenderedOperation {
  readonly query: string;
  /** Fields by response key, fragments flattened into their parents. */
  readonly fields: readonly ResponseField[];
}

/** Literal arguments of the fields that take some; `variant` picks among the options. */
export type ArgumentsFor = (coordinate: string, variant: number) => string;

/** Selections for `type`, at most `depth` object levels further down. */
export function selectionsOf(schema: GraphQLSchema, type: GraphQLObjectType, depth: number, allowed: (coordinate: string) => boolean = () => true): fc.Arbitrary<GeneratedSelection[]> {
  const fields = Object.values(type.getFields()).filter((field) => allowed(`${type.name}.${field.name}`));
  const field = fc.constantFrom(...fields).chain((chosen): fc.Arbitrary<GeneratedSelection> => {
    const named = getNamedType(chosen.type);
    const children: fc.Arbitrary<GeneratedSelection[]> = isObjectType(named) ? (depth > 0 ? selectionsOf(schema, named, depth - 1) : fc.constant([{ kind: 'typename' }])) : fc.constant([]);
    return fc.record({
      kind: fc.constant('field' as const),
      field: fc.constant(chosen.name),
      // Mostly names that cannot clash; sometimes another field's name (often a validation error).
      alias: fc.oneof({ arbitrary: fc.constant('none' as const), weight: 2 }, { arbitrary: fc.constant('unique' as const), weight: 5 }, { arbitrary: fc.constant('borrowed' as const), weight: 1 }),
      variant: fc.nat(3),
      children,
    });
  });
  const wrapped = (kind: 'inline' | 'named') =>
    depth > 0
      ? selectionsOf(schema, type, depth - 1, allowed).map((children): GeneratedSelection => (kind === 'inline' ? { kind, typed: children.length % 2 === 0, children } : { kind, children }))
      : field;
  return fc.array(fc.oneof({ arbitrary: field, weight: 6 }, { arbitrary: wrapped('inline'), weight: 1 }, { arbitrary: wrapped('named'), weight: 1 }, { arbitrary: fc.constant({ kind: 'typename' } as const), weight: 1 }), { minLength: 1, maxLength: 4 });
}

/**
 * Renders selections of the root type of `operation` into an operation text with names assigned, and the
 * response fields to walk.
 */
export function renderOperation(schema: GraphQLSchema, operation: 'query' | 'mutation' | 'subscription', selections: readonly GeneratedSelection[], argumentsFor: ArgumentsFor): RenderedOperation {
  const root = (operation === 'query' ? schema.getQueryType() : operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType()) as GraphQLObjectType;
  const fragments: string[] = [];
  let counter = 0;
  const render = (type: GraphQLObjectType, list: readonly GeneratedSelection[]): { text: string; fields: ResponseField[] } => {
    const parts: string[] = [];
    const fields: ResponseField[] = [];
    for (const selection of list) {
      if (selection.kind === 'typename') {
        parts.push('__typename');
      } else if (selection.kind === 'field') {
        const definition = type.getFields()[selection.field]!;
        const coordinate = `${type.name}.${selection.field}`;
        counter += 1;
        const others = Object.keys(type.getFields()).filter((name) => name !== selection.field);
        const alias = selection.alias === 'unique' ? `k${counter}` : selection.alias === 'borrowed' && others.length > 0 ? others[counter % others.length]! : null;
        const args = argumentsFor(coordinate, selection.variant);
        const named = getNamedType(definition.type);
        const inner = isObjectType(named) ? render(named, selection.children) : null;
        parts.push(`${alias === null ? '' : `${alias}: `}${selection.field}${args}${inner === null ? '' : ` { ${inner.text} }`}`);
        fields.push({ key: alias ?? selection.field, coordinate, children: inner?.fields ?? [] });
      } else if (selection.kind === 'inline') {
        const inner = render(type, selection.children);
        parts.push(`... ${selection.typed ? `on ${type.name} ` : ''}{ ${inner.text} }`);
        fields.push(...inner.fields);
      } else {
        counter += 1;
        const name = `F${counter}`;
        const inner = render(type, selection.children);
        fragments.push(`fragment ${name} on ${type.name} { ${inner.text} }`);
        parts.push(`...${name}`);
        fields.push(...inner.fields);
      }
    }
    return { text: parts.join(' '), fields };
  };
  const body = render(root, selections);
  return { query: [`${operation} { ${body.text} }`, ...fragments].join('\n'), fields: body.fields };
}

/**
 * The non-null values the response holds for fields `isDenied` names, with their paths.
 *
 * @example
 * leakedValues(body.data, rendered.fields, (coordinate) => denied.has(coordinate)); // []
 */
export function leakedValues(data: unknown, fields: readonly ResponseField[], isDenied: (coordinate: string) => boolean, path: string[] = []): string[] {
  if (data === null || data === undefined) return [];
  if (Array.isArray(data)) return data.flatMap((item, index) => leakedValues(item, fields, isDenied, [...path, String(index)]));
  if (typeof data !== 'object') return [];
  const record = data as Record<string, unknown>;
  return fields.flatMap((field) => {
    const value = record[field.key];
    const here = [...path, field.key];
    if (isDenied(field.coordinate) && value !== null && value !== undefined) return [`${here.join('.')} (${field.coordinate})`];
    return leakedValues(value, field.children, isDenied, here);
  });
}
