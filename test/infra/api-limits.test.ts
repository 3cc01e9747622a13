import { createSign, generateKeyPairSync } from 'node:crypto';
import { getIntrospectionQuery, Kind, parse, type SelectionSetNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  AUTHORIZATION_TOKEN_PATTERN,
  DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS,
  MAX_AUTHORIZER_RESULT_TTL_SECONDS,
  QUERY_DEPTH_LIMIT,
  RESOLVER_COUNT_LIMIT,
} from '../../infra/api-limits.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** Signs claims the way Cognito does (RS256, `kid` in the header). */
function signJwt(claims: Record<string, unknown>, kid = 'abcdEFGH1234+/=kid'): string {
  const unsigned = `${base64url(JSON.stringify({ kid, alg: 'RS256' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey);
  return `${unsigned}.${base64url(signature)}`;
}

const now = Math.floor(Date.now() / 1000);
const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123';
const idToken = signJwt({
  sub: '6f1c2e7a-1b2c-4d5e-8f90-123456789abc',
  'cognito:groups': ['agents'],
  email_verified: true,
  iss: issuer,
  'cognito:username': '6f1c2e7a-1b2c-4d5e-8f90-123456789abc',
  origin_jti: 'b2f0e6c1-0000-4000-8000-000000000001',
  aud: '4h3g2f1e0d9c8b7a6z5y4x3w2v',
  event_id: 'c1d2e3f4-0000-4000-8000-000000000002',
  token_use: 'id',
  auth_time: now,
  exp: now + 3600,
  iat: now,
  jti: 'd4c3b2a1-0000-4000-8000-000000000003',
  email: 'customer+ünïcode@example.com',
});
const accessToken = signJwt({
  sub: '6f1c2e7a-1b2c-4d5e-8f90-123456789abc',
  'cognito:groups': ['admins'],
  iss: issuer,
  client_id: '4h3g2f1e0d9c8b7a6z5y4x3w2v',
  origin_jti: 'b2f0e6c1-0000-4000-8000-000000000001',
  event_id: 'c1d2e3f4-0000-4000-8000-000000000002',
  token_use: 'access',
  scope: 'aws.cognito.signin.user.admin',
  auth_time: now,
  exp: now + 3600,
  iat: now,
  jti: 'e5f6a7b8-0000-4000-8000-000000000004',
  username: '6f1c2e7a-1b2c-4d5e-8f90-123456789abc',
});

// AppSync evaluates the expression in Java; the pattern avoids flags and anything whose meaning
// differs between Java and JavaScript, so JavaScript's answer is AppSync's.
const admits = (value: string): boolean => new RegExp(AUTHORIZATION_TOKEN_PATTERN).test(value);

describe('Infra: AUTHORIZATION_TOKEN_PATTERN', () => {
  it.each([
    ['an ID token', idToken],
    ['an access token', accessToken],
    ['an ID token after "Bearer "', `Bearer ${idToken}`],
    ['an access token after "bearer "', `bearer ${accessToken}`],
    ['a token after "BEARER "', `BEARER ${idToken}`],
    ['a token after "bEaReR "', `bEaReR ${accessToken}`],
  ])('admits %s', (_name, value) => {
    // Assess
    expect(admits(value)).toBe(true);
  });

  it.each([
    ['an empty value', ''],
    ['"Bearer " alone', 'Bearer '],
    ['"Bearer" without a space', `Bearer${idToken}`],
    ['two spaces after Bearer', `Bearer  ${idToken}`],
    ['a tab after Bearer', `Bearer\t${idToken}`],
    ['another scheme', `Basic ${idToken}`],
    ['a leading space', ` ${idToken}`],
    ['a trailing space', `${idToken} `],
    ['a trailing newline', `${idToken}\n`],
    ['a second line', `${idToken}\nX-Injected: 1`],
    ['two segments', idToken.split('.').slice(0, 2).join('.')],
    ['four segments', `${idToken}.eyJ9`],
    ['an empty signature', `${idToken.split('.').slice(0, 2).join('.')}.`],
    ['standard base64 characters', `${idToken.slice(0, 20)}+/${idToken.slice(22)}`],
    ['base64 padding', `${idToken}==`],
    ['a header that is not a JSON object', `bm9uZQ.${idToken.split('.').slice(1).join('.')}`],
    ['an unsigned token with alg none', `${base64url('{"alg":"none"}')}.${base64url('{"sub":"x"}')}.`],
    ['an API key', 'da2-abcdefghijklmnopqrstuvwxyz'],
    ['an opaque token', 'xYz123-opaque_token'],
    ['a JSON document', '{"sub":"x"}'],
    ['an IAM signature', 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/appsync/aws4_request'],
    ['a non-ASCII character', `${idToken.slice(0, 30)}é${idToken.slice(31)}`],
  ])('refuses %s', (_name, value) => {
    // Assess
    expect(admits(value)).toBe(false);
  });

  it('uses only constructs Java and JavaScript read alike', () => {
    // Assess: no flags, lookbehind, named groups, \d/\w/\s shorthands, or Unicode escapes
    expect(AUTHORIZATION_TOKEN_PATTERN).toMatch(/^\^.*\$$/);
    expect(AUTHORIZATION_TOKEN_PATTERN).not.toMatch(/\(\?<|\(\?[a-z]|\\[dwsDWSpPuk]/);
  });
});

/** Depth of a selection set, counting each field as one level (fragments spread in place). */
function depth(selectionSet: SelectionSetNode | undefined, fragments: Map<string, SelectionSetNode>): number {
  if (selectionSet === undefined) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    const nested =
      selection.kind === Kind.FIELD
        ? 1 + depth(selection.selectionSet, fragments)
        : selection.kind === Kind.INLINE_FRAGMENT
          ? depth(selection.selectionSet, fragments)
          : depth(fragments.get(selection.name.value), fragments);
    deepest = Math.max(deepest, nested);
  }
  return deepest;
}

describe('Infra: API limits', () => {
  it('stays within the ranges AppSync accepts', () => {
    // Assess
    expect(QUERY_DEPTH_LIMIT).toBeGreaterThanOrEqual(1);
    expect(QUERY_DEPTH_LIMIT).toBeLessThanOrEqual(75);
    expect(RESOLVER_COUNT_LIMIT).toBeGreaterThanOrEqual(1);
    expect(RESOLVER_COUNT_LIMIT).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS).toBeGreaterThan(0);
    expect(DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS).toBeLessThanOrEqual(MAX_AUTHORIZER_RESULT_TTL_SECONDS);
  });

  it('admits the standard introspection query and the deepest helpdesk query', () => {
    // Prepare
    const documents = [getIntrospectionQuery(), 'query { tickets { items { comments { id author } } nextToken } }'];

    for (const source of documents) {
      // Act
      const document = parse(source);
      const fragments = new Map<string, SelectionSetNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
      }
      const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);

      // Assess
      expect(operation?.kind).toBe(Kind.OPERATION_DEFINITION);
      if (operation?.kind === Kind.OPERATION_DEFINITION) expect(depth(operation.selectionSet, fragments)).toBeLessThanOrEqual(QUERY_DEPTH_LIMIT);
    }
  });
});
