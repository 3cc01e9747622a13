/**
 * How resolver bundles run, with hand-written bundles in a build folder made by the test:
 * pipelines (stash, `ctx.prev.result`, `runtime.earlyReturn` with and without `skipTo`),
 * `util.appendError`, `util.error`, data source errors, code that fails, and what `ctx` holds.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { PROJECT_ROOT } from '../../../scripts/project-root.ts';
import { graphql, PASSWORD, startTestEmulator } from './support/emulator-fixture.ts';

const MODULES: Readonly<Record<string, string>> = {
  'Query.me/resolver.js': `import { util } from '@aws-appsync/utils';
export function request(ctx) { ctx.stash.trail = ['before']; return {}; }
export function response(ctx) {
  return { sub: ctx.prev.result.sub, username: ctx.stash.trail.join(','), email: ctx.env.TABLE_NAME + '@example.com', emailVerified: false, groups: [util.authType(), Object.keys(ctx.identity).join(','), ctx.identity.resolverContext.tokenUse], tokenUse: 'ID' };
}`,
  'Query.me/1-early.js': `import { runtime } from '@aws-appsync/utils';
export function request(ctx) { ctx.stash.trail.push('f1'); runtime.earlyReturn({ sub: 'early' }); }
export function response(ctx) { ctx.stash.trail.push('f1-response'); return ctx.result; }`,
  'Query.me/2-append.js': `import { util } from '@aws-appsync/utils';
export function request(ctx) { ctx.stash.trail.push('f2:' + ctx.prev.result.sub); util.appendError('noted', 'Note', { a: 1 }, { b: 2 }); return { payload: ctx.prev.result }; }
export function response(ctx) { ctx.stash.trail.push('f2-response'); return ctx.result; }`,
  'Query.tickets/resolver.js': `export function request(ctx) { return {}; }
export function response(ctx) { return { items: [], nextToken: ctx.stash.trail.join(',') + '|' + ctx.prev.result }; }`,
  'Query.tickets/1-end.js': `import { runtime } from '@aws-appsync/utils';
export function request(ctx) { ctx.stash.trail = ['f1']; runtime.earlyReturn('ended', { skipTo: 'END' }); }
export function response(ctx) { return ctx.result; }`,
  'Query.tickets/2-skipped.js': `export function request(ctx) { ctx.stash.trail.push('f2'); return { payload: 'f2' }; }
export function response(ctx) { return ctx.result; }`,
  'Query.ticket.js': `import { util } from '@aws-appsync/utils';
export function request(ctx) { util.error('boom', 'Custom', { id: ctx.args.id }, { hint: 'x' }); return {}; }
export function response(ctx) { return ctx.result; }`,
  'Query.myTickets.js': `import { util } from '@aws-appsync/utils';
export function request(ctx) { return { operation: 'PutItem', key: { pk: { S: 'X' }, sk: { S: 'Y' } }, attributeValues: {}, condition: { expression: 'attribute_exists(pk)' } }; }
export function response(ctx) { if (ctx.error) { util.error(ctx.error.message, ctx.error.type); } return { items: [], nextToken: null }; }`,
  'Mutation.setTicketStatus/resolver.js': `import { runtime } from '@aws-appsync/utils';
export function request(ctx) { ctx.stash.seen = 'request'; runtime.earlyReturn('early'); }
export function response(ctx) { return { id: ctx.stash.seen + '|' + ctx.prev.result }; }`,
  'Mutation.setTicketStatus/1-skipped.js': `export function request(ctx) { ctx.stash.seen = 'function'; return { payload: 'function' }; }
export function response(ctx) { return ctx.result; }`,
  'Mutation.openTicket.js': `export function request(ctx) { return ctx.args.nope.deeper; }
export function response(ctx) { return ctx.result; }`,
};

const MANIFEST = {
  environment: { TABLE_NAME: 'TABLE' },
  resolvers: [
    { typeName: 'Query', fieldName: 'me', kind: 'PIPELINE', code: 'Query.me/resolver.js', functions: [
      { name: 'early', code: 'Query.me/1-early.js', dataSource: 'NONE' },
      { name: 'append', code: 'Query.me/2-append.js', dataSource: 'NONE' },
    ] },
    { typeName: 'Query', fieldName: 'tickets', kind: 'PIPELINE', code: 'Query.tickets/resolver.js', functions: [
      { name: 'end', code: 'Query.tickets/1-end.js', dataSource: 'NONE' },
      { name: 'skipped', code: 'Query.tickets/2-skipped.js', dataSource: 'NONE' },
    ] },
    { typeName: 'Mutation', fieldName: 'setTicketStatus', kind: 'PIPELINE', code: 'Mutation.setTicketStatus/resolver.js', functions: [
      { name: 'skipped', code: 'Mutation.setTicketStatus/1-skipped.js', dataSource: 'NONE' },
    ] },
    { typeName: 'Query', fieldName: 'ticket', kind: 'UNIT', code: 'Query.ticket.js', dataSource: 'NONE' },
    { typeName: 'Query', fieldName: 'myTickets', kind: 'UNIT', code: 'Query.myTickets.js', dataSource: 'TABLE' },
    { typeName: 'Mutation', fieldName: 'openTicket', kind: 'UNIT', code: 'Mutation.openTicket.js', dataSource: 'NONE' },
  ],
};

describe('Emulator: resolver execution', () => {
  let emulator: RunningEmulator;
  let distDir: string;
  let token: string;

  beforeAll(async () => {
    distDir = mkdtempSync(join(tmpdir(), 'emulator-resolvers-'));
    for (const [path, code] of Object.entries(MODULES)) {
      mkdirSync(join(distDir, 'resolvers', path, '..'), { recursive: true });
      writeFileSync(join(distDir, 'resolvers', path), code);
    }
    writeFileSync(join(distDir, 'resolvers', 'manifest.json'), JSON.stringify(MANIFEST));
    mkdirSync(join(distDir, 'authorizer'));
    copyFileSync(join(PROJECT_ROOT, 'dist', 'authorizer', 'index.mjs'), join(distDir, 'authorizer', 'index.mjs'));
    mkdirSync(join(distDir, 'triggers'));
    copyFileSync(join(PROJECT_ROOT, 'dist', 'triggers', 'pre-token-generation.mjs'), join(distDir, 'triggers', 'pre-token-generation.mjs'));
    ({ emulator } = await startTestEmulator({ distDir, tableName: 'fixture-table' }));
    token = (await emulator.identityProvider.signIn('admin@example.com', PASSWORD)).idToken;
  });

  afterAll(async () => {
    await emulator?.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  it('runs a pipeline: shared stash, prev.result, earlyReturn to the next function, appended errors', async () => {
    // Act
    const { status, body } = await graphql(emulator, token, '{ me { sub username email groups } }');

    // Assess
    expect(status).toBe(200);
    expect(body.data).toEqual({
      me: { sub: 'early', username: 'before,f1,f2:early,f2-response', email: 'fixture-table@example.com', groups: ['Lambda Authorization', 'resolverContext', 'id'] },
    });
    expect(body.errors).toEqual([
      { path: ['me'], data: { a: 1 }, errorType: 'Note', errorInfo: { b: 2 }, locations: [{ line: 1, column: 3, sourceName: null }], message: 'noted' },
    ]);
  });

  it("skips to the resolver's response with earlyReturn skipTo END", async () => {
    // Act
    const { body } = await graphql(emulator, token, '{ tickets { nextToken } }');

    // Assess
    expect(body).toEqual({ data: { tickets: { nextToken: 'f1|ended' } } });
  });

  it("skips the functions, not the response, on an early return from a pipeline resolver's request", async () => {
    // Act
    const { body } = await graphql(emulator, token, 'mutation { setTicketStatus(id: "t", status: OPEN) { id } }');

    // Assess
    expect(body).toEqual({ data: { setTicketStatus: { id: 'request|early' } } });
  });

  it('turns util.error into a null field with its type, data and info', async () => {
    // Act
    const { body } = await graphql(emulator, token, '{ ticket(id: "t-1") { id } }');

    // Assess
    expect(body).toEqual({
      data: { ticket: null },
      errors: [{ path: ['ticket'], data: { id: 't-1' }, errorType: 'Custom', errorInfo: { hint: 'x' }, locations: [{ line: 1, column: 3, sourceName: null }], message: 'boom' }],
    });
  });

  it('hands a failed condition to the response handler as ctx.error', async () => {
    // Act
    const { body } = await graphql(emulator, token, '{ myTickets { nextToken } }');

    // Assess
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['myTickets'], errorType: 'DynamoDB:ConditionalCheckFailedException', message: expect.stringMatching(/^The conditional request failed/) })]);
  });

  it('reports code that fails as a field error, not a server error', async () => {
    // Act
    const { status, body } = await graphql(emulator, token, 'mutation { openTicket(input: { title: "a", body: "b" }) { id } }');

    // Assess
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['openTicket'], errorType: 'TypeError' })]);
  });
});
