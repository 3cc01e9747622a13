/**
 * What a mutation publishes: its resolver's result cut to the mutation's own selection set,
 * nested objects and lists included, fragments expanded, keys by field name, the mutating
 * caller's denied fields null.
 */
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildExecutableSchema } from '../../../emulator/graphql/executable-schema.ts';
import { publishedPayload } from '../../../emulator/realtime/published-payload.ts';

const SCHEMA = buildExecutableSchema(/* GraphQL */ `
  type Comment { id: ID! body: String author: String }
  type Ticket { id: ID! title: String internalNotes: String comments: [Comment] }
  type Query { none: String }
  type Mutation { updateTicket(id: ID!): Ticket }
`);

function shapeFor(document: string, result: unknown, deniedFields: ReadonlySet<string> = new Set()): unknown {
  const parsed = parse(document);
  const operation = parsed.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const fragments = Object.fromEntries(
    parsed.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition as FragmentDefinitionNode]] : [])),
  );
  const field = operation?.selectionSet.selections[0];
  if (field?.kind !== Kind.FIELD || field.selectionSet === undefined) throw new Error('expected one field with a selection');
  const returnType = SCHEMA.getMutationType()?.getFields().updateTicket?.type;
  if (returnType === undefined) throw new Error('no updateTicket');
  return publishedPayload(result, returnType, [field.selectionSet], { schema: SCHEMA, fragments, deniedFields });
}

const RESULT = {
  id: 't1',
  title: 'Printer',
  internalNotes: 'vip',
  comments: [
    { id: 'c1', body: 'hello', author: 'a' },
    { id: 'c2', body: 'again', author: 'b' },
  ],
};

describe('Realtime: published payload', () => {
  it('keeps only what the mutation selected, in nested lists too, keyed by field name', () => {
    // Act
    const payload = shapeFor('mutation { updateTicket(id: "t1") { ticketId: id comments { body } } }', RESULT);

    // Assess
    expect(payload).toEqual({ id: 't1', comments: [{ body: 'hello' }, { body: 'again' }] });
  });

  it('expands fragments and inline fragments, and answers __typename', () => {
    // Act
    const payload = shapeFor('mutation { updateTicket(id: "t1") { __typename ...T ... on Ticket { comments { id } } } } fragment T on Ticket { title }', RESULT);

    // Assess
    expect(payload).toEqual({ __typename: 'Ticket', title: 'Printer', comments: [{ id: 'c1' }, { id: 'c2' }] });
  });

  it('nulls the fields denied to the caller who mutated, at any depth', () => {
    // Act
    const payload = shapeFor(
      'mutation { updateTicket(id: "t1") { id internalNotes comments { id author } } }',
      RESULT,
      new Set(['Ticket.internalNotes', 'Comment.author']),
    );

    // Assess
    expect(payload).toEqual({ id: 't1', internalNotes: null, comments: [{ id: 'c1', author: null }, { id: 'c2', author: null }] });
  });

  it('publishes null for a null result and for a value of the wrong shape', () => {
    // Act
    const fromNull = shapeFor('mutation { updateTicket(id: "t1") { id } }', null);
    const fromString = shapeFor('mutation { updateTicket(id: "t1") { id } }', 'not an object');

    // Assess
    expect([fromNull, fromString]).toEqual([null, null]);
  });
});
