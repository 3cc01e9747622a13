import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { isHandlerStop } from '../../../emulator/runtime/index.ts';
import { GUIDE_EPOCH_MILLIS } from './helpers.ts';

// The sandbox evaluates the bundled runtime in a realm with no Node globals. This proves the
// runtime needs none: it is bundled as the sandbox bundles it (esbuild, platform 'neutral'),
// evaluated in vm.createContext({}) with Intl removed as well, and driven from inside the realm.
const ENTRY = fileURLToPath(new URL('../../../emulator/runtime/index.ts', import.meta.url));

let context: vm.Context;

beforeAll(async () => {
  // Prepare
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'iife',
    globalName: 'AppSyncRuntime',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  context = vm.createContext({});
  vm.runInContext('delete globalThis.Intl;', context);
  vm.runInContext(result.outputFiles[0]!.text, context, { filename: 'appsync-runtime.js' });
  // Primitive-only host capabilities, as the contract requires.
  context['hostRandomHex'] = (count: number) => randomBytes(count).toString('hex');
  context['hostNow'] = () => GUIDE_EPOCH_MILLIS;
  vm.runInContext(
    `var session = { outErrors: [], extensions: [], authType: 'Lambda Authorization' };
     var modules = AppSyncRuntime.createAppSyncModules({ randomHex: hostRandomHex, nowEpochMilliseconds: hostNow }, function () { return session; });
     var util = modules['@aws-appsync/utils'].util;
     var runtime = modules['@aws-appsync/utils'].runtime;
     var ddb = modules['@aws-appsync/utils/dynamodb'];`,
    context,
  );
}, 60_000);

const inRealm = (source: string): unknown => JSON.parse(vm.runInContext(`JSON.stringify(${source})`, context) as string);

describe('Runtime: bundled into a bare realm', () => {
  it('is evaluated in a realm that has no Node globals, Intl or text codecs', () => {
    expect(inRealm(`['process', 'Buffer', 'require', 'TextEncoder', 'TextDecoder', 'URL', 'atob', 'btoa', 'crypto', 'setTimeout', 'Intl'].filter(function (name) { return typeof globalThis[name] !== 'undefined'; })`)).toEqual([]);
  });

  it('runs util helpers there', () => {
    expect(inRealm(`util.dynamodb.toDynamoDB({ n: 12345, s: 'x', l: [true, null] })`)).toEqual({
      M: { n: { N: 12345 }, s: { S: 'x' }, l: { L: [{ BOOL: true }, { NULL: null }] } },
    });
    expect(inRealm(`util.base64Encode('héllo €')`)).toBe('aMOpbGxvIOKCrA==');
    expect(inRealm(`util.base64Decode('aMOpbGxvIOKCrA==')`)).toBe('héllo €');
    expect(inRealm(`util.urlEncode('a b/é')`)).toBe('a+b%2F%C3%A9');
    expect(inRealm(`util.matches('(?i)[a-z]+\\\\d', 'Abc1')`)).toBe(true);
    expect(inRealm(`util.time.nowFormatted('EEE yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')`)).toBe('Wed 2018-02-07 03:01:35+0800');
    expect(inRealm(`util.autoId()`)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(inRealm(`util.autoUlid()`)).toMatch(/^01C5P7XACE[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(inRealm(`util.autoKsuid().length`)).toBe(27);
    expect(inRealm(`util.transform.toDynamoDBFilterExpression({ title: { beginsWith: 'far away' } })`)).toBe(
      '{"expression":"(begins_with(#title,:title_beginsWith))","expressionNames":{"#title":"title"},"expressionValues":{":title_beginsWith":{"S":"far away"}}}',
    );
  });

  it('runs the DynamoDB module there', () => {
    expect(inRealm(`ddb.update({ key: { id: 'x' }, update: { n: ddb.operations.increment(2), gone: ddb.operations.remove() } })`)).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'x' } },
      update: {
        expression: 'SET #expName_1 = #expName_1 + :expValue_1 REMOVE #expName_2',
        expressionNames: { '#expName_1': 'n', '#expName_2': 'gone' },
        expressionValues: { ':expValue_1': { N: 2 } },
      },
    });
  });

  it('throws stops the host recognizes across the realm boundary, and records appended errors', () => {
    // Act
    let stop: unknown;
    try {
      vm.runInContext(`util.appendError('noted', 'Warning'); util.error('boom', 'ValidationError', { field: 'title' })`, context);
    } catch (caught) {
      stop = caught;
    }

    // Assess
    expect(stop instanceof Error).toBe(false);
    expect(isHandlerStop(stop)).toBe(true);
    expect(stop).toMatchObject({ kind: 'error', message: 'boom', errorType: 'ValidationError' });
    expect(inRealm(`session.outErrors`)).toEqual([{ message: 'noted', errorType: 'Warning' }]);
    expect(inRealm(`(function () { try { runtime.earlyReturn({ ok: true }, { skipTo: 'END' }); } catch (s) { return [AppSyncRuntime.isHandlerStop(s), s.kind, s.value, s.skipTo]; } })()`)).toEqual([
      true,
      'earlyReturn',
      { ok: true },
      'END',
    ]);
  });
});
