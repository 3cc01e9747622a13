/**
 * The resolver executor on its own: the sandbox's outcome reaches it whole, so the
 * `extensions.*` calls of every handler of a field's run come back with the value (what the
 * subscription layer reads), and each stage's data source is found by kind in a registry that
 * can hold a kind the test defines. Real APPSYNC_JS modules run in the real sandbox.
 */
import { describe, expect, it } from 'vitest';
import type { DataSource } from '../../../emulator/dynamodb/dynamodb-data-source.ts';
import { DataSourceError } from '../../../emulator/dynamodb/data-source-error.ts';
import type { ResolverDataSource } from '../../../emulator/resolvers/data-source.ts';
import { emulatorDataSources } from '../../../emulator/resolvers/data-sources.ts';
import { NONE_DATA_SOURCE } from '../../../emulator/resolvers/none-data-source.ts';
import type { FieldInvocation } from '../../../emulator/resolvers/resolver-context.ts';
import { runResolver, type ResolverServices, type RunnableResolver } from '../../../emulator/resolvers/run-resolver.ts';
import { createSandboxRunner } from '../../../emulator/resolvers/sandbox-runner.ts';
import type { HandlerError } from '../../../emulator/sandbox/handler-runner.ts';
import { appsyncJsModule } from '../../helpers/appsync-js-module.ts';

/** The invocation of `Subscription.onTicketUpdated(id: "t1")`-like field. */
const invocation: FieldInvocation = {
  arguments: { id: 't1' },
  source: null,
  resolverContext: { sub: 'user-1' },
  headers: {},
  env: { TABLE_NAME: 'helpdesk' },
  info: { fieldName: 'field', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
};

/** The real sandbox runner and a registry; what the handlers append is kept. */
function servicesWith(dataSources: ResolverServices['dataSources']): ResolverServices & { appended: HandlerError[] } {
  const appended: HandlerError[] = [];
  return {
    runHandler: createSandboxRunner({ now: () => Date.UTC(2026, 0, 1) }, () => undefined),
    dataSources,
    appendError: (error) => appended.push(error),
    log: () => undefined,
    appended,
  };
}

/** A table that must not be called. */
const untouchedTable: DataSource = {
  invoke: async () => {
    throw new Error('the table should not be called');
  },
};

describe('Emulator: resolver executor', () => {
  it('returns the extensions calls of a unit resolver, request and response, in order, with the value', async () => {
    // Prepare
    const resolver: RunnableResolver = {
      kind: 'UNIT',
      dataSource: 'NONE',
      code: appsyncJsModule(
        "extensions.invalidateSubscriptions({ subscriptionField: 'onTicketDeleted', payload: { id: ctx.args.id } }); return { payload: { id: ctx.args.id } };",
        "extensions.setSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: ctx.result.id }] }] }); util.http.addResponseHeader('x-seen', 'yes'); return ctx.result;",
      ),
    };

    // Act
    const run = await runResolver(resolver, invocation, servicesWith(emulatorDataSources({ table: untouchedTable })));

    // Assess
    expect(run.value).toEqual({ id: 't1' });
    expect(run.extensions).toEqual([
      { name: 'invalidateSubscriptions', args: [{ subscriptionField: 'onTicketDeleted', payload: { id: 't1' } }] },
      { name: 'setSubscriptionFilter', args: [{ filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: 't1' }] }] }] },
    ]);
    expect(run.responseHeaders).toEqual({ 'x-seen': 'yes' });
  });

  it('collects the extensions calls of every handler of a pipeline: resolver, each function, resolver again', async () => {
    // Prepare
    const record = (where: string) => `extensions.setSubscriptionInvalidationFilter({ filterGroup: [{ filters: [{ fieldName: 'where', operator: 'eq', value: '${where}' }] }] });`;
    const resolver: RunnableResolver = {
      kind: 'PIPELINE',
      code: appsyncJsModule(`${record('before')} return {};`, `${record('after')} return ctx.prev.result;`),
      functions: [
        { dataSource: 'NONE', code: appsyncJsModule(`${record('f1-request')} return { payload: 1 };`, `${record('f1-response')} return ctx.result;`) },
        { dataSource: 'NONE', code: appsyncJsModule(`${record('f2-request')} return { payload: ctx.prev.result + 1 };`, `${record('f2-response')} return ctx.result;`) },
      ],
    };

    // Act
    const run = await runResolver(resolver, invocation, servicesWith(emulatorDataSources({ table: untouchedTable })));

    // Assess
    expect(run.value).toBe(2);
    expect(run.extensions.map((call) => call.name)).toEqual(Array(6).fill('setSubscriptionInvalidationFilter'));
    expect(run.extensions.map((call) => (call.args[0] as { filterGroup: Array<{ filters: Array<{ value: string }> }> }).filterGroup[0]?.filters[0]?.value)).toEqual([
      'before',
      'f1-request',
      'f1-response',
      'f2-request',
      'f2-response',
      'after',
    ]);
  });

  it('keeps the extensions calls of a function that returns early, and of none that it skipped', async () => {
    // Prepare
    const resolver: RunnableResolver = {
      kind: 'PIPELINE',
      code: appsyncJsModule('return {};', 'return ctx.prev.result;'),
      functions: [
        { dataSource: 'NONE', code: appsyncJsModule("extensions.invalidateSubscriptions({ subscriptionField: 'onA', payload: {} }); runtime.earlyReturn('early', { skipTo: 'END' });", 'return ctx.result;') },
        { dataSource: 'NONE', code: appsyncJsModule("extensions.invalidateSubscriptions({ subscriptionField: 'onB', payload: {} }); return { payload: 'late' };", 'return ctx.result;') },
      ],
    };

    // Act
    const run = await runResolver(resolver, invocation, servicesWith(emulatorDataSources({ table: untouchedTable })));

    // Assess
    expect(run.value).toBe('early');
    expect(run.extensions).toEqual([{ name: 'invalidateSubscriptions', args: [{ subscriptionField: 'onA', payload: {} }] }]);
  });

  it('rejects with the util.error of a handler, appended errors still reported', async () => {
    // Prepare
    const services = servicesWith(emulatorDataSources({ table: untouchedTable }));
    const resolver: RunnableResolver = {
      kind: 'UNIT',
      dataSource: 'NONE',
      code: appsyncJsModule("util.appendError('noted', 'Note'); extensions.invalidateSubscriptions({ subscriptionField: 'onA', payload: {} }); util.error('stop', 'Custom');", 'return ctx.result;'),
    };

    // Act
    const act = runResolver(resolver, invocation, services);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'AppSyncFieldError', message: 'stop', errorType: 'Custom' });
    expect(services.appended).toEqual([expect.objectContaining({ message: 'noted', errorType: 'Note' })]);
  });
});

describe('Emulator: data source registry', () => {
  it('runs a stage through a kind registered by the test, with the request the handler built', async () => {
    // Prepare: an ECHO kind that answers what it was sent, and remembers it
    const received: unknown[] = [];
    const echo: ResolverDataSource = {
      invoke: async (request) => {
        received.push(request);
        return { result: { echoed: request }, error: null };
      },
    };
    const resolver: RunnableResolver = {
      kind: 'UNIT',
      dataSource: 'ECHO',
      code: appsyncJsModule("return { operation: 'Echo', id: ctx.args.id };", 'return ctx.result.echoed.id;'),
    };

    // Act
    const run = await runResolver(resolver, invocation, servicesWith(new Map([['NONE', NONE_DATA_SOURCE], ['ECHO', echo]])));

    // Assess
    expect(run.value).toBe('t1');
    expect(received).toEqual([{ operation: 'Echo', id: 't1' }]);
  });

  it("gives a registered kind's failure to the response handler as ctx.error", async () => {
    // Prepare
    const failing: ResolverDataSource = { invoke: async () => ({ result: null, error: { message: 'no such thing', type: 'Echo:NotFound' } }) };
    const resolver: RunnableResolver = {
      kind: 'UNIT',
      dataSource: 'ECHO',
      code: appsyncJsModule('return {};', 'return ctx.error.type + ": " + ctx.error.message;'),
    };

    // Act
    const run = await runResolver(resolver, invocation, servicesWith(new Map([['ECHO', failing]])));

    // Assess
    expect(run.value).toBe('Echo:NotFound: no such thing');
  });

  it('hands the table data source the request and turns its DataSourceError into ctx.error', async () => {
    // Prepare
    const table: DataSource = {
      invoke: async (request) => {
        throw new DataSourceError('DynamoDB:ConditionalCheckFailedException', `refused ${JSON.stringify(request)}`);
      },
    };
    const resolver: RunnableResolver = {
      kind: 'UNIT',
      dataSource: 'TABLE',
      code: appsyncJsModule("return { operation: 'GetItem', key: { id: ctx.args.id } };", 'return ctx.error;'),
    };

    // Act
    const run = await runResolver(resolver, invocation, servicesWith(emulatorDataSources({ table })));

    // Assess
    expect(run.value).toEqual({ type: 'DynamoDB:ConditionalCheckFailedException', message: 'refused {"operation":"GetItem","key":{"id":"t1"}}' });
  });

  it('refuses to run a stage whose kind has no registered module', async () => {
    // Prepare
    const resolver: RunnableResolver = { kind: 'UNIT', dataSource: 'HTTP', code: appsyncJsModule('return {};', 'return ctx.result;') };

    // Act
    const act = runResolver(resolver, invocation, servicesWith(emulatorDataSources({ table: untouchedTable })));

    // Assess: the emulator's own failure (the field gets AppSync's internal failure), never a null result
    await expect(act).rejects.toThrow('No data source is registered for kind "HTTP".');
  });
});
