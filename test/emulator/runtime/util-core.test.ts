import { describe, expect, it } from 'vitest';
import { createAppSyncModules, HandlerStop, isHandlerStop } from '../../../emulator/runtime/index.ts';
import { makeHost, makeModules, makeSession, thrownBy } from './helpers.ts';

// Behaviour from the developer guide, "Built-in utilities" and "Runtime utilities"
// (APPSYNC_JS): util.error stops the handler with a field error, util.appendError records one
// and carries on (EvaluateCode's outErrors), util.unauthorized is an Unauthorized error,
// runtime.earlyReturn(value, { skipTo }) ends the handler with a result.

describe('Runtime: util.error / util.unauthorized / util.appendError', () => {
  it('stops the handler with a HandlerStop carrying message, type, data and errorInfo', () => {
    // Prepare
    const { util } = makeModules();

    // Act
    const stop = thrownBy(() => util.error('Title too long', 'ValidationError', { max: 200 }, { field: 'title' }));

    // Assess
    expect(isHandlerStop(stop)).toBe(true);
    expect(stop).toBeInstanceOf(HandlerStop);
    expect(stop).toMatchObject({ kind: 'error', message: 'Title too long', errorType: 'ValidationError', data: { max: 200 }, errorInfo: { field: 'title' } });
  });

  it('leaves the error type undefined when none is given, as util.error("foo") evaluates to message "foo"', () => {
    const { util } = makeModules();
    expect(thrownBy(() => util.error('foo'))).toMatchObject({ kind: 'error', message: 'foo', errorType: undefined });
  });

  it('takes a copy of data when util.error is called, so later mutation does not leak', () => {
    // Prepare
    const { util } = makeModules();
    const data = { attempts: 1 };

    // Act
    const stop = thrownBy(() => util.error('x', 'T', data)) as HandlerStop;
    data.attempts = 2;

    // Assess
    expect(stop.data).toEqual({ attempts: 1 });
  });

  it('raises Unauthorized with message Unauthorized from util.unauthorized, flagged as such', () => {
    const { util } = makeModules();
    expect(thrownBy(() => util.unauthorized())).toMatchObject({ kind: 'error', errorType: 'Unauthorized', message: 'Unauthorized', isUnauthorized: true });
    expect(thrownBy(() => util.error('Not yours', 'Unauthorized'))).toMatchObject({ errorType: 'Unauthorized', isUnauthorized: false });
  });

  it('records appended errors in the session, in order, without stopping', () => {
    // Prepare
    const { util, session } = makeModules();

    // Act
    util.appendError('first');
    util.appendError('second', 'NotFound', { id: '1' }, { hint: 'check the id' });

    // Assess
    expect(session.outErrors).toEqual([
      { message: 'first' },
      { message: 'second', errorType: 'NotFound', data: { id: '1' }, errorInfo: { hint: 'check the id' } },
    ]);
  });

  it('writes to whichever session the getter returns at call time', () => {
    // Prepare
    const first = makeSession();
    const second = makeSession('API Key Authorization');
    let current = first;
    const modules = createAppSyncModules(makeHost(), () => current);
    const { util } = modules['@aws-appsync/utils'] as { util: { appendError(message: string): void; authType(): string } };

    // Act
    util.appendError('one');
    current = second;
    util.appendError('two');

    // Assess
    expect(first.outErrors).toEqual([{ message: 'one' }]);
    expect(second.outErrors).toEqual([{ message: 'two' }]);
    expect(util.authType()).toBe('API Key Authorization');
  });
  it('keeps module sets built for the same host bound to their own sessions', () => {
    // Prepare
    const host = makeHost();
    const first = makeSession();
    const second = makeSession();
    const utilOf = (session: ReturnType<typeof makeSession>) =>
      (createAppSyncModules(host, () => session)['@aws-appsync/utils'] as { util: { appendError(message: string): void } }).util;

    // Act
    const firstUtil = utilOf(first);
    const secondUtil = utilOf(second);
    secondUtil.appendError('to second');
    firstUtil.appendError('to first');

    // Assess
    expect(first.outErrors).toEqual([{ message: 'to first' }]);
    expect(second.outErrors).toEqual([{ message: 'to second' }]);
  });
});

describe('Runtime: runtime.earlyReturn', () => {
  it('ends the handler with the given value and no skipTo by default', () => {
    const { runtime } = makeModules();
    expect(thrownBy(() => runtime.earlyReturn({ id: '1' }))).toMatchObject({ kind: 'earlyReturn', value: { id: '1' }, skipTo: null });
  });

  it('carries skipTo END or NEXT', () => {
    const { runtime } = makeModules();
    expect(thrownBy(() => runtime.earlyReturn(null, { skipTo: 'END' }))).toMatchObject({ kind: 'earlyReturn', value: null, skipTo: 'END' });
    expect(thrownBy(() => runtime.earlyReturn(undefined, { skipTo: 'NEXT' }))).toMatchObject({ skipTo: 'NEXT' });
  });

  it('refuses a skipTo other than END or NEXT with a plain Error', () => {
    const { runtime } = makeModules();
    const thrown = thrownBy(() => runtime.earlyReturn(1, { skipTo: 'LATER' }));
    expect(isHandlerStop(thrown)).toBe(false);
    expect(String((thrown as Error).message)).toMatch(/skipTo must be 'END' or 'NEXT'/);
  });

  it('is recognized across realms by its brand, not by instanceof', () => {
    expect(isHandlerStop({ __appsyncHandlerStop: true, kind: 'earlyReturn' })).toBe(true);
    expect(isHandlerStop({ kind: 'earlyReturn' })).toBe(false);
    expect(isHandlerStop(new Error('x'))).toBe(false);
    expect(isHandlerStop(null)).toBe(false);
  });
});

describe('Runtime: extensions and util.http', () => {
  it('records every extensions call in the session instead of dropping it', () => {
    // Prepare
    const { extensions, util, session } = makeModules();

    // Act
    extensions.evictFromApiCache('Query', 'ticket', { 'context.arguments.id': '1' });
    extensions.setSubscriptionFilter({ filterGroup: [] });
    extensions.setSubscriptionInvalidationFilter({ filterGroup: [] });
    extensions.invalidateSubscriptions({ subscriptionField: 'onTicket', payload: { id: '1' } });
    util.http.addResponseHeader('x-count', 7);
    util.http.addResponseHeaders({ render: true });

    // Assess
    expect(session.extensions).toEqual([
      { name: 'evictFromApiCache', args: ['Query', 'ticket', { 'context.arguments.id': '1' }] },
      { name: 'setSubscriptionFilter', args: [{ filterGroup: [] }] },
      { name: 'setSubscriptionInvalidationFilter', args: [{ filterGroup: [] }] },
      { name: 'invalidateSubscriptions', args: [{ subscriptionField: 'onTicket', payload: { id: '1' } }] },
    ]);
    expect(session.responseHeaders).toEqual({ 'x-count': 7, render: true });
  });

  it('says plainly which AppSync helpers this runtime does not offer', () => {
    const { util } = makeModules();
    expect(() => util.xml.toMap('<a/>')).toThrow('util.xml.toMap is not supported by the offline APPSYNC_JS runtime');
    expect(() => util.transform.toElasticsearchQueryDSL({})).toThrow(/not supported/);
  });
});

describe('Runtime: util value helpers, authType, str and math', () => {
  const { util } = makeModules();

  it('returns the session auth type from util.authType', () => {
    expect(util.authType()).toBe('Lambda Authorization');
  });

  it('checks null, empty and blank values', () => {
    expect([util.isNull(null), util.isNull(undefined), util.isNull(0), util.isNull('')]).toEqual([true, true, false, false]);
    expect([util.isNullOrEmpty(''), util.isNullOrEmpty(' '), util.isNullOrEmpty(null)]).toEqual([true, false, true]);
    expect([util.isNullOrBlank(' \t\n'), util.isNullOrBlank('a'), util.isNullOrBlank(undefined)]).toEqual([true, false, true]);
  });

  it('falls back to a default for null, empty or blank values', () => {
    expect(util.defaultIfNull(null, 'd')).toBe('d');
    expect(util.defaultIfNull('', 'd')).toBe('');
    expect(util.defaultIfNullOrEmpty('', 'd')).toBe('d');
    expect(util.defaultIfNullOrEmpty(' ', 'd')).toBe(' ');
    expect(util.defaultIfNullOrBlank(' ', 'd')).toBe('d');
    expect(util.defaultIfNullOrBlank('v', 'd')).toBe('v');
  });

  it('names types as util.typeOf documents: Null, Number, String, Map, List, Boolean, else Object', () => {
    expect([null, 1, 'a', { a: 1 }, [1], true, () => 1].map((value) => util.typeOf(value))).toEqual([
      'Null',
      'Number',
      'String',
      'Map',
      'List',
      'Boolean',
      'Object',
    ]);
  });

  it('normalizes strings with util.str.normalize', () => {
    expect(util.str.normalize('e\u0301', 'nfc')).toBe('é');
    expect(util.str.normalize('é', 'nfd')).toBe('e\u0301');
    expect(util.str.normalize('ﬁ', 'nfkc')).toBe('fi');
    expect(() => util.str.normalize('x', 'nfx')).toThrow(/unknown normalization type/);
  });

  it('rounds half up and picks minimum and maximum with util.math', () => {
    expect([util.math.roundNum(2.5), util.math.roundNum(-2.5), util.math.roundNum(1.4)]).toEqual([3, -2, 1]);
    expect(util.math.minVal(3, 7)).toBe(3);
    expect(util.math.maxVal(3, 7)).toBe(7);
  });

  it('draws random doubles in [0, 1) and integers within an inclusive range', () => {
    // Act
    const doubles = Array.from({ length: 200 }, () => util.math.randomDouble());
    const integers = Array.from({ length: 400 }, () => util.math.randomWithinRange(1, 3));

    // Assess
    for (const value of doubles) expect(value >= 0 && value < 1).toBe(true);
    expect(new Set(doubles).size).toBeGreaterThan(190);
    expect(new Set(integers)).toEqual(new Set([1, 2, 3]));
    expect(() => util.math.randomWithinRange(5, 1)).toThrow(/must not be below/);
  });
});

describe('Runtime: module objects', () => {
  it('are frozen, so resolver code cannot patch util for later evaluations', () => {
    // Prepare
    const { util, ddb } = makeModules();

    // Act & Assess
    expect(Object.isFrozen(util)).toBe(true);
    expect(Object.isFrozen(util.time)).toBe(true);
    expect(Object.isFrozen(ddb.operations)).toBe(true);
    expect(() => {
      'use strict';
      util.error = () => undefined;
    }).toThrow(TypeError);
  });
});
