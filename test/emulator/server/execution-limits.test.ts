/**
 * The resolver count limit and introspection setting, on the executor directly with a stand-in
 * handler runner (the limit's HTTP behavior is the same code path).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataSource } from '../../../emulator/dynamodb/dynamodb-data-source.ts';
import { buildExecutableSchema } from '../../../emulator/graphql/executable-schema.ts';
import { executeRequest, type ExecutionServices, type ExecutionSettings } from '../../../emulator/graphql/execute-request.ts';
import type { HandlerRunner } from '../../../emulator/resolvers/handler-runner.ts';
import type { LoadedResolver } from '../../../emulator/resolvers/resolver-bundles.ts';
import { SCHEMA_PATH } from '../../../scripts/appsync-schema.ts';

const schema = buildExecutableSchema(readFileSync(SCHEMA_PATH, 'utf8'));

/** Answers every handler with a fixed identity, as a `Query.me` NONE resolver would. */
const standIn: HandlerRunner = async (_code, handler) => ({
  result: JSON.stringify(handler === 'request'
    ? { payload: { sub: 's', username: 'u', email: null, emailVerified: false, groups: [], tokenUse: 'ID' } }
    : { sub: 's', username: 'u', email: null, emailVerified: false, groups: [], tokenUse: 'ID' }),
  outErrors: [],
  extensions: [],
  responseHeaders: {},
  stash: '{}',
  logs: [],
});

function services(settings: Partial<ExecutionSettings>): ExecutionServices {
  const me: LoadedResolver = { kind: 'UNIT', typeName: 'Query', fieldName: 'me', coordinate: 'Query.me', code: '', dataSource: 'NONE' };
  return {
    schema,
    bundles: { resolvers: new Map([['Query.me', me]]), env: {} },
    runHandler: standIn,
    table: { invoke: async () => null } satisfies DataSource,
    settings: { queryDepthLimit: 15, resolverCountLimit: 1000, introspection: true, ...settings },
    log: () => undefined,
  };
}

function request(query: string) {
  return { query, operationName: null, variables: {}, headers: {}, resolverContext: { sub: 's' }, deniedFields: new Set<string>() };
}

describe('Emulator: execution limits', () => {
  it('stops resolving past the resolver count limit', async () => {
    // Act
    const answer = await executeRequest(services({ resolverCountLimit: 2 }), request('{ a: me { sub } b: me { sub } c: me { sub } }'));

    // Assess
    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([expect.objectContaining({ path: ['c'], errorType: 'ResolverCountLimitExceeded' })]);
  });

  it('answers introspection when enabled and refuses it when disabled', async () => {
    // Act
    const enabled = await executeRequest(services({}), request('{ __schema { queryType { name } } }'));
    const disabled = await executeRequest(services({ introspection: false }), request('{ __schema { queryType { name } } }'));

    // Assess
    expect(enabled).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect(disabled.data).toBeNull();
    expect(disabled.errors?.[0]).toMatchObject({ path: null, message: expect.stringContaining('introspection') });
  });
});
