import { describe, expect, it } from 'vitest';
import { makeModules } from './helpers.ts';

// Sources of the expected shapes:
// - [LS] snapshots "DynamoDB module functions *" and "DynamoDB operations *" of
//   localstack/appsync-utils __tests__/__snapshots__/index.test.js.snap, recorded with EvaluateCode;
// - [EP] an EvaluateCode test of ddb.update in a public AppSync course repository
//   (editMyProfile request test): seven plain values, nulls included, numbered #expName_1..7;
// - [KB] a published EvaluateCode output of ddb.update with operations.decrement(1)
//   (blog "AWS AppSync DynamoDB Resolver update Add", 2024-01-24);
// - [DG] the developer guide "DynamoDB built-in module" (shapes of the requests) and the
//   typings in @aws-appsync/utils/lib/dynamodb-helpers.d.ts (names and arguments).
const { ddb } = makeModules();

describe('Runtime: @aws-appsync/utils/dynamodb requests', () => {
  it('builds a GetItem request from get [LS]', () => {
    expect(ddb.get({ key: { id: 'id' } })).toEqual({ operation: 'GetItem', key: { id: { S: 'id' } } });
  });

  it('passes consistentRead and aliases every projection segment [DG]', () => {
    expect(ddb.get({ key: { id: 1 }, consistentRead: true, projection: ['id', 'nested.object[1]', 'nested'] })).toEqual({
      operation: 'GetItem',
      key: { id: { N: 1 } },
      consistentRead: true,
      projection: {
        expression: '#expName_1, #expName_2.#expName_3[1], #expName_2',
        expressionNames: { '#expName_1': 'id', '#expName_2': 'nested', '#expName_3': 'object' },
      },
    });
  });

  it('builds a PutItem request with attributeValues, the key kept apart [LS]', () => {
    expect(ddb.put({ key: { id: 'abc' }, item: { value: 10 } })).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'abc' } },
      attributeValues: { value: { N: 10 } },
    });
  });

  it('renders a put condition as an expression object without empty expressionValues', () => {
    expect(ddb.put({ key: { id: 'a' }, item: { title: 't' }, condition: { id: { attributeExists: false } } }).condition).toEqual({
      expression: '(attribute_not_exists(#id))',
      expressionNames: { '#id': 'id' },
    });
  });

  it('refuses a condition it cannot render instead of dropping it', () => {
    expect(() => ddb.update({ key: { id: 'a' }, update: { x: 1 }, condition: { expression: 'attribute_exists(id)' } })).toThrow(
      /condition.*cannot be rendered/,
    );
  });

  it('builds a DeleteItem request from remove, with its condition and values [LS]', () => {
    expect(ddb.remove({ key: { id: 'test' } })).toEqual({ operation: 'DeleteItem', key: { id: { S: 'test' } } });
    expect(ddb.remove({ key: { id: 'test' }, condition: { owner: { eq: 'me' } } }).condition).toEqual({
      expression: '(#owner = :owner_eq)',
      expressionNames: { '#owner': 'owner' },
      expressionValues: { ':owner_eq': { S: 'me' } },
    });
  });

  it('passes scan options through and leaves out absent or null ones [LS]', () => {
    expect(ddb.scan({ limit: 10, nextToken: 'abc' })).toEqual({ operation: 'Scan', limit: 10, nextToken: 'abc' });
    expect(ddb.scan({ limit: null, index: 'byStatus', filter: { status: { eq: 'OPEN' } } })).toEqual({
      operation: 'Scan',
      index: 'byStatus',
      filter: { expression: '(#status = :status_eq)', expressionNames: { '#status': 'status' }, expressionValues: { ':status_eq': { S: 'OPEN' } } },
    });
  });

  it('builds a Query request from the key condition operators', () => {
    // Act
    const request = ddb.query({
      query: { pk: { eq: 'TICKET#1' }, sk: { beginsWith: 'COMMENT#' } },
      index: 'gsi1',
      limit: 20,
      nextToken: 'next',
      scanIndexForward: false,
      filter: { deleted: { ne: true } },
    });

    // Assess
    expect(request).toEqual({
      operation: 'Query',
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#sk,:sk_beginsWith))',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'TICKET#1' }, ':sk_beginsWith': { S: 'COMMENT#' } },
      },
      index: 'gsi1',
      limit: 20,
      nextToken: 'next',
      scanIndexForward: false,
      filter: { expression: '(#deleted <> :deleted_ne)', expressionNames: { '#deleted': 'deleted' }, expressionValues: { ':deleted_ne': { BOOL: true } } },
    });
  });

  it.each([
    ['lt', '<'],
    ['le', '<='],
    ['gt', '>'],
    ['ge', '>='],
  ])('renders the key condition %s on a sort key', (operator, symbol) => {
    expect(ddb.query({ query: { id: { eq: 1 }, n: { [operator]: 5 } } }).query.expression).toBe(`(#id = :id_eq) AND (#n ${symbol} :n_${operator})`);
  });

  it('renders a between key condition and the filter operators and/or/not/size/contains', () => {
    // Act
    const request = ddb.query({
      query: { id: { eq: 'a' }, createdAt: { between: ['2024', '2025'] } },
      filter: { or: [{ tags: { contains: 'x' } }, { not: { tags: { notContains: 'y' } } }], title: { size: { le: 200 } } },
    });

    // Assess
    expect(request.query.expression).toBe('(#id = :id_eq) AND (#createdAt BETWEEN :createdAt_between_start AND :createdAt_between_end)');
    expect(request.filter.expression).toBe(
      '((contains(#tags,:or_0_tags_contains)) OR (NOT (NOT contains(#tags,:or_1_not_tags_notContains)))) AND (size(#title) <= :title_size_le)',
    );
  });

  it('requires the key condition of a query', () => {
    expect(() => ddb.query({ limit: 1 })).toThrow(/`query`/);
  });

  it('builds a Sync request', () => {
    expect(ddb.sync({ limit: 10, nextToken: null, lastSync: 1700000000000 })).toEqual({ operation: 'Sync', limit: 10, lastSync: 1700000000000 });
  });

  it('builds batch requests per table [DG]', () => {
    expect(ddb.batchGet({ tables: { post: { keys: [{ id: '1' }, { id: '2' }], consistentRead: false, projection: ['id'] } } })).toEqual({
      operation: 'BatchGetItem',
      tables: {
        post: {
          keys: [{ id: { S: '1' } }, { id: { S: '2' } }],
          consistentRead: false,
          projection: { expression: '#expName_1', expressionNames: { '#expName_1': 'id' } },
        },
      },
    });
    expect(ddb.batchPut({ tables: { post: [{ id: 'one', value: 'x' }] } })).toEqual({
      operation: 'BatchPutItem',
      tables: { post: [{ id: { S: 'one' }, value: { S: 'x' } }] },
    });
    expect(ddb.batchDelete({ tables: { post: [{ id: 'one' }], comment: [{ id: 'one', comment: 'x' }] } })).toEqual({
      operation: 'BatchDeleteItem',
      tables: { post: [{ id: { S: 'one' } }], comment: [{ id: { S: 'one' }, comment: { S: 'x' } }] },
    });
  });

  it('builds transaction requests [DG]', () => {
    expect(ddb.transactGet({ items: [{ table: 'post', key: { id: '1' }, projection: ['name'] }] })).toEqual({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'post', key: { id: { S: '1' } }, projection: { expression: '#expName_1', expressionNames: { '#expName_1': 'name' } } }],
    });
    const write = ddb.transactWrite({
      items: [
        { putItem: { table: 'post', key: { id: '1' }, item: { title: 't' }, condition: { id: { attributeExists: false } } } },
        { updateItem: { table: 'post', key: { id: '2' }, update: { views: ddb.operations.increment() } } },
        { deleteItem: { table: 'post', key: { id: '3' } } },
        { conditionCheck: { table: 'post', key: { id: '4' }, condition: { status: { eq: 'OPEN' } } } },
      ],
    });
    expect(write.operation).toBe('TransactWriteItems');
    expect(write.transactItems).toEqual([
      {
        table: 'post',
        operation: 'PutItem',
        key: { id: { S: '1' } },
        attributeValues: { title: { S: 't' } },
        condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' } },
      },
      {
        table: 'post',
        operation: 'UpdateItem',
        key: { id: { S: '2' } },
        update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1', expressionNames: { '#expName_1': 'views' }, expressionValues: { ':expValue_1': { N: 1 } } },
      },
      { table: 'post', operation: 'DeleteItem', key: { id: { S: '3' } } },
      {
        table: 'post',
        operation: 'ConditionCheck',
        key: { id: { S: '4' } },
        condition: { expression: '(#status = :status_eq)', expressionNames: { '#status': 'status' }, expressionValues: { ':status_eq': { S: 'OPEN' } } },
      },
    ]);
    expect(() => ddb.transactWrite({ items: [{ nothing: {} }] })).toThrow(/putItem, updateItem, deleteItem, conditionCheck/);
  });

  it('offers the module set helpers without null support', () => {
    expect(ddb.toStringSet(['a', 'b'])).toEqual({ SS: ['a', 'b'] });
    expect(ddb.toNumberSet([1, 2])).toEqual({ NS: [1, 2] });
    expect(ddb.toBinarySet(['SGVsbG8='])).toEqual({ BS: ['SGVsbG8='] });
    expect(() => ddb.toStringSet(null)).toThrow(/must be a list/);
  });
});

describe('Runtime: @aws-appsync/utils/dynamodb update and operations', () => {
  it('tags operations with the OPERATION_ types AppSync returns [LS]', () => {
    expect(ddb.operations.add(10)).toEqual({ type: 'OPERATION_ADD', value: 10 });
    expect(ddb.operations.append([1, 2, 3])).toEqual({ type: 'OPERATION_APPEND', items: [1, 2, 3] });
    expect(ddb.operations.prepend([1, 2, 3])).toEqual({ type: 'OPERATION_PREPEND', items: [1, 2, 3] });
    expect(ddb.operations.increment(10)).toEqual({ type: 'OPERATION_INCREMENT', by: 10 });
    expect(ddb.operations.decrement(10)).toEqual({ type: 'OPERATION_DECREMENT', by: 10 });
    expect(ddb.operations.replace({ a: 10 })).toEqual({ type: 'OPERATION_REPLACE', value: { a: 10 } });
    expect(ddb.operations.remove()).toEqual({ type: 'OPERATION_REMOVE' });
    expect(ddb.operations.updateListItem('x', 2)).toEqual({ type: 'OPERATION_UPDATE_LIST_ITEM', value: 'x', index: 2 });
  });

  it('renders operations.add as a SET with #expName_1 / :expValue_1 [LS]', () => {
    expect(ddb.update({ key: { id: 'test' }, update: { age: ddb.operations.add(10) } })).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'test' } },
      update: { expression: 'SET #expName_1 = :expValue_1', expressionNames: { '#expName_1': 'age' }, expressionValues: { ':expValue_1': { N: 10 } } },
    });
  });

  it('renders operations.append as list_append(name, value) [LS]', () => {
    expect(ddb.update({ key: { id: 'test' }, update: { values: ddb.operations.append([1, 2, 3]) } }).update).toEqual({
      expression: 'SET #expName_1 = list_append(#expName_1, :expValue_1)',
      expressionNames: { '#expName_1': 'values' },
      expressionValues: { ':expValue_1': { L: [{ N: 1 }, { N: 2 }, { N: 3 }] } },
    });
  });

  it('sets plain values, null included, numbering names and values from 1 [EP]', () => {
    // Prepare
    const newProfile = { name: 'Toni Test', imageUrl: null, backgroundImageUrl: null, bio: 'The test bio', location: null, website: null, birthdate: null };

    // Act
    const request = ddb.update({ key: { id: 'user-1' }, update: newProfile });

    // Assess
    expect(request.update).toEqual({
      expression:
        'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3, #expName_4 = :expValue_4, #expName_5 = :expValue_5, #expName_6 = :expValue_6, #expName_7 = :expValue_7',
      expressionNames: {
        '#expName_1': 'name',
        '#expName_2': 'imageUrl',
        '#expName_3': 'backgroundImageUrl',
        '#expName_4': 'bio',
        '#expName_5': 'location',
        '#expName_6': 'website',
        '#expName_7': 'birthdate',
      },
      expressionValues: {
        ':expValue_1': { S: 'Toni Test' },
        ':expValue_2': { NULL: null },
        ':expValue_3': { NULL: null },
        ':expValue_4': { S: 'The test bio' },
        ':expValue_5': { NULL: null },
        ':expValue_6': { NULL: null },
        ':expValue_7': { NULL: null },
      },
    });
  });

  it('renders decrement(1) as SET arithmetic on the attribute [KB]', () => {
    expect(ddb.update({ key: { streamId: 'asdf' }, update: { currentView: ddb.operations.decrement(1) } })).toEqual({
      operation: 'UpdateItem',
      key: { streamId: { S: 'asdf' } },
      update: {
        expression: 'SET #expName_1 = #expName_1 - :expValue_1',
        expressionNames: { '#expName_1': 'currentView' },
        expressionValues: { ':expValue_1': { N: 1 } },
      },
    });
  });

  it('steps increment and decrement by 1 when given nothing', () => {
    expect(ddb.update({ key: { id: 'a' }, update: { n: ddb.operations.increment() } }).update.expressionValues).toEqual({ ':expValue_1': { N: 1 } });
  });

  it('renders prepend, replace and updateListItem as SET clauses', () => {
    expect(
      ddb.update({
        key: { id: 'a' },
        update: {
          tags: ddb.operations.prepend(['first']),
          address: ddb.operations.replace({ city: 'Paris' }),
          friends: [ddb.operations.updateListItem('102', 1), ddb.operations.updateListItem('112', 2)],
        },
      }).update,
    ).toEqual({
      expression:
        'SET #expName_1 = list_append(:expValue_1, #expName_1), #expName_2 = :expValue_2, #expName_3[1] = :expValue_3, #expName_3[2] = :expValue_4',
      expressionNames: { '#expName_1': 'tags', '#expName_2': 'address', '#expName_3': 'friends' },
      expressionValues: {
        ':expValue_1': { L: [{ S: 'first' }] },
        ':expValue_2': { M: { city: { S: 'Paris' } } },
        ':expValue_3': { S: '102' },
        ':expValue_4': { S: '112' },
      },
    });
  });

  it('puts REMOVE after SET and numbers removed names after the set ones', () => {
    expect(ddb.update({ key: { id: 'a' }, update: { gone: ddb.operations.remove(), title: 'x' } }).update).toEqual({
      expression: 'SET #expName_1 = :expValue_1 REMOVE #expName_2',
      expressionNames: { '#expName_1': 'title', '#expName_2': 'gone' },
      expressionValues: { ':expValue_1': { S: 'x' } },
    });
  });

  it('updates only the keys of a plain nested object, each path segment aliased', () => {
    expect(ddb.update({ key: { id: 'a' }, update: { address: { city: 'Paris', zip: ddb.operations.remove() } } }).update).toEqual({
      expression: 'SET #expName_1.#expName_2 = :expValue_1 REMOVE #expName_1.#expName_3',
      expressionNames: { '#expName_1': 'address', '#expName_2': 'city', '#expName_3': 'zip' },
      expressionValues: { ':expValue_1': { S: 'Paris' } },
    });
  });

  it('leaves out attributes whose value is undefined, as JSON would', () => {
    expect(ddb.update({ key: { id: 'a' }, update: { title: 'x', body: undefined } }).update.expressionNames).toEqual({ '#expName_1': 'title' });
  });

  it('refuses an unknown operation type and a negative list index', () => {
    expect(() => ddb.update({ key: { id: 'a' }, update: { x: { type: 'OPERATION_MULTIPLY' } } })).toThrow(/unknown operation/);
    expect(() => ddb.update({ key: { id: 'a' }, update: { x: ddb.operations.updateListItem('v', -1) } })).toThrow(/non-negative integer/);
  });

  it('renders an update condition with the filter renderer', () => {
    expect(ddb.update({ key: { id: 'a' }, update: { title: 'x' }, condition: { id: { attributeExists: true } } }).condition).toEqual({
      expression: '(attribute_exists(#id))',
      expressionNames: { '#id': 'id' },
    });
  });
});
