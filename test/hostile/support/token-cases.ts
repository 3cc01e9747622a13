/**
 * The hostile tokens, as data: every case of the authorizer's unit suite
 * (`test/authorizer/bad-tokens.test.ts`), rebuilt against the emulator's own pool, plus tokens
 * crafted against JWT libraries' known weaknesses. Each case names its class; the security
 * report counts them from this table.
 *
 * `pool` is the pool the emulator trusts (its keys were made in the test), so a case can carry a
 * genuine signature over hostile claims: that is what makes a claim check testable at all.
 */
import { createHmac, createPublicKey, createSign, generateKeyPairSync, randomUUID, sign as signWith } from 'node:crypto';
import { base64url, createSigningKey, createTestPool, signHs256, signJwt, type TestPool } from '../../helpers/cognito-tokens.ts';

/** The class of a hostile token, as SECURITY.md lists them. */
export type TokenCaseClass =
  | 'Malformed envelope (unit suite)'
  | 'Signature and key (unit suite)'
  | 'Claims and lifetime (unit suite)'
  | 'Issuer, audience and client (unit suite)'
  | 'Not a string (unit suite)'
  | 'Oversized Authorization header (unit suite)'
  | 'Algorithm confusion'
  | 'kid path traversal and injection'
  | 'Remote key headers (jku, x5u, jwk, x5c)'
  | 'Duplicate JSON keys'
  | 'Unicode and case tricks'
  | 'Numeric strings for time claims'
  | 'Huge and deeply nested claims'
  | 'Another client of the same pool'
  | 'Cross-pool signatures'
  | 'Machine callers';

/** One hostile token. */
export interface TokenCase {
  readonly klass: TokenCaseClass;
  readonly name: string;
  /** The `Authorization` header to send; `null` sends none. */
  readonly authorization: () => string | null;
  /**
   * Larger than any HTTP server's header limit: refused by the HTTP layer before the emulator
   * reads it: Node answers 431 with no body, or resets the connection mid-write.
   */
  readonly oversized?: true;
  /**
   * The authorizer's logged `errorClass` for this refusal, for a case built to reach one
   * particular check: refused by another check, it would prove nothing.
   */
  readonly refusedAs?: string;
}

/** What the cases are built from. */
export interface TokenCaseContext {
  /** The emulator's pool: its keys sign what the authorizer trusts. */
  readonly pool: TestPool;
  /** Where a hostile `jku`/`x5u` points; the suite checks it is never fetched. */
  readonly attackerJwksUrl: string;
}

const seconds = () => Math.floor(Date.now() / 1000);
const json = (value: unknown) => base64url(JSON.stringify(value));

/** A machine client the emulator is configured with (seeded, scope `helpdesk/tickets.read`). */
export const SEEDED_MACHINE_CLIENT_ID = 'localreportingclient';

/** Builds the cases for `context`; tokens are made lazily, when a case runs. */
export function hostileTokenCases(context: TokenCaseContext): TokenCase[] {
  const { pool, attackerJwksUrl } = context;
  const otherPool = createTestPool({ userPoolId: 'us-east-1_OtherPool9', clientId: pool.clientId });
  const strangerKey = createSigningKey(pool.idKey.kid);
  const attacker = createSigningKey();
  const header = { kid: pool.idKey.kid, alg: 'RS256' };
  const idSigned = (payload: unknown, head: Record<string, unknown> = header) => signJwt(head, payload, pool.idKey.privateKey);
  const accessSigned = (payload: unknown) => signJwt({ kid: pool.accessKey.kid, alg: 'RS256' }, payload, pool.accessKey.privateKey);
  const without = (claims: Record<string, unknown>, name: string) => Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));
  const publicPem = createPublicKey(pool.idKey.privateKey).export({ format: 'pem', type: 'spki' });
  const publicDer = createPublicKey(pool.idKey.privateKey).export({ format: 'der', type: 'spki' });
  /** Signs raw header and payload texts (for duplicate keys, which JSON.stringify cannot write). */
  const signRaw = (headerText: string, payloadText: string, key = pool.idKey.privateKey) => {
    const input = `${base64url(headerText)}.${base64url(payloadText)}`;
    return `${input}.${base64url(createSign('RSA-SHA256').update(input).sign(key))}`;
  };
  const claimsText = (claims: Record<string, unknown>) => JSON.stringify(claims).slice(1, -1);
  const tamper = (token: string, claims: unknown) => {
    const [head, , signature] = token.split('.');
    return `${head}.${json(claims)}.${signature}`;
  };
  const unit = (klass: TokenCaseClass, name: string, authorization: () => string | null, oversized?: true): TokenCase =>
    oversized === true ? { klass, name, authorization, oversized } : { klass, name, authorization };
  const nested = (depth: number, leaf: unknown): unknown => {
    let value = leaf;
    for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
    return value;
  };
  const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const esSigned = (head: Record<string, unknown>, payload: unknown) => {
    const input = `${json(head)}.${json(payload)}`;
    return `${input}.${base64url(signWith('sha256', Buffer.from(input), { key: ecKey.privateKey, dsaEncoding: 'ieee-p1363' }))}`;
  };
  const psSigned = (head: Record<string, unknown>, payload: unknown) => {
    const input = `${json(head)}.${json(payload)}`;
    return `${input}.${base64url(signWith('sha256', Buffer.from(input), { key: pool.idKey.privateKey, padding: 6, saltLength: 32 }))}`;
  };
  const hs = (alg: string, secret: string | Buffer, hash = 'sha256') => {
    const input = `${json({ alg, kid: pool.idKey.kid })}.${json(pool.idClaims('admin'))}`;
    return `${input}.${base64url(createHmac(hash, secret).update(input).digest())}`;
  };
  const attackerJwk = { ...attacker.jwk };

  const M: TokenCaseClass = 'Malformed envelope (unit suite)';
  const S: TokenCaseClass = 'Signature and key (unit suite)';
  const C: TokenCaseClass = 'Claims and lifetime (unit suite)';
  const I: TokenCaseClass = 'Issuer, audience and client (unit suite)';

  return [
    // --- The authorizer's unit suite, case for case ---
    unit(M, 'an empty string', () => ''),
    unit(M, 'whitespace only', () => '   \t  '),
    unit(M, 'a Bearer prefix with nothing after it', () => 'Bearer '),
    unit(M, 'two Bearer prefixes', () => `Bearer Bearer ${pool.idToken('customer')}`),
    unit(M, 'garbage', () => 'not-a-token'),
    unit(M, 'two dots only', () => '..'),
    unit(M, 'three non-base64 segments', () => '%%%.***.!!!'),
    unit(M, 'four segments', () => `${pool.idToken('customer')}.extra`),
    unit(M, 'a header that is not JSON', () => `${base64url('not json')}.${base64url('{}')}.sig`),
    unit(M, 'a header that is a JSON array', () => `${base64url('[]')}.${json(pool.idClaims('customer'))}.sig`),
    unit(M, 'a payload that is a JSON array', () => idSigned([1, 2, 3])),
    unit(S, 'alg none without a signature', () => `${json({ alg: 'none', kid: pool.idKey.kid })}.${json(pool.idClaims('admin'))}.`),
    unit(S, 'alg none with the kid of a real key and a real signature', () => {
      const real = pool.idToken('admin').split('.');
      return `${json({ alg: 'none', kid: pool.idKey.kid })}.${real[1]}.${real[2]}`;
    }),
    unit(S, 'HS256 signed with the public key PEM as the secret', () => signHs256({ alg: 'HS256', kid: pool.idKey.kid }, pool.idClaims('admin'), publicPem)),
    unit(S, 'HS256 signed with the JWK modulus as the secret', () => signHs256({ alg: 'HS256', kid: pool.idKey.kid }, pool.idClaims('admin'), pool.idKey.jwk.n)),
    unit(S, 'RS384 claimed against an RS256 key', () => signJwt({ alg: 'RS384', kid: pool.idKey.kid }, pool.idClaims('customer'), pool.idKey.privateKey, 'RSA-SHA384')),
    unit(S, 'a tampered payload', () => tamper(pool.idToken('customer'), { ...pool.idClaims('customer'), 'cognito:groups': ['admins'] })),
    unit(S, 'a tampered signature', () => {
      const token = pool.idToken('customer');
      return `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
    }),
    unit(S, 'the signature of another token', () => {
      const [head, payload] = pool.idToken('admin').split('.');
      return `${head}.${payload}.${pool.idToken('customer').split('.')[2]}`;
    }),
    unit(S, 'an empty signature', () => `${pool.idToken('customer').split('.').slice(0, 2).join('.')}.`),
    unit(C, 'an expired token', () => pool.idToken('customer', { iat: seconds() - 7200, exp: seconds() - 3600 })),
    unit(C, 'a token expiring a second ago', () => pool.idToken('customer', { exp: seconds() - 1 })),
    unit(C, 'exp as a numeric string', () => pool.idToken('customer', { exp: String(seconds() + 3600) })),
    unit(C, 'nbf in the future', () => pool.idToken('customer', { nbf: seconds() + 600 })),
    unit(I, 'a wrong issuer', () => pool.idToken('customer', { iss: `https://evil.example.com/${pool.userPoolId}` })),
    unit(I, "another pool's issuer", () => pool.idToken('customer', { iss: otherPool.issuer })),
    unit(I, 'an issuer with a trailing slash', () => pool.idToken('customer', { iss: `${pool.issuer}/` })),
    unit(I, 'an issuer in upper case', () => pool.idToken('customer', { iss: pool.issuer.toUpperCase() })),
    unit(I, 'an http issuer', () => pool.idToken('customer', { iss: pool.issuer.replace('https:', 'http:') })),
    unit(I, 'a wrong aud on an ID token', () => pool.idToken('customer', { aud: 'someotherclient' })),
    unit(I, 'an ID token without aud', () => idSigned(without(pool.idClaims('customer'), 'aud'))),
    unit(I, 'a wrong client_id on an access token', () => pool.accessToken('agent', { client_id: 'someotherclient' })),
    unit(I, 'an access token without client_id', () => accessSigned(without(pool.accessClaims('agent'), 'client_id'))),
    unit(I, 'an access token with aud instead of client_id', () => accessSigned({ ...without(pool.accessClaims('agent'), 'client_id'), aud: pool.clientId })),
    unit(C, 'a missing token_use', () => idSigned(without(pool.idClaims('customer'), 'token_use'))),
    unit(C, 'an unknown token_use', () => pool.idToken('customer', { token_use: 'refresh' })),
    unit(C, 'token_use in upper case', () => pool.idToken('customer', { token_use: 'ID' })),
    unit(S, 'an unknown kid', () => signJwt({ kid: 'no-such-kid', alg: 'RS256' }, pool.idClaims('customer'), pool.idKey.privateKey)),
    unit(S, 'no kid at all', () => signJwt({ alg: 'RS256' }, pool.idClaims('customer'), pool.idKey.privateKey)),
    unit(S, 'a known kid but signed by another key', () => signJwt(header, pool.idClaims('admin'), strangerKey.privateKey)),
    unit(I, 'a token of another pool signed by that pool', () => otherPool.idToken('admin')),
    unit(I, "another pool's claims signed with a known kid by that pool's key", () => signJwt(header, otherPool.idClaims('admin'), otherPool.idKey.privateKey)),
    unit(C, 'a verified signature without sub', () => idSigned(without(pool.idClaims('customer'), 'sub'))),
    unit(C, 'an access token without username', () => accessSigned(without(pool.accessClaims('agent'), 'username'))),
    unit('Oversized Authorization header (unit suite)', 'a 1 MB token', () => `${pool.idToken('customer')}${'A'.repeat(1024 * 1024)}`, true),
    unit('Oversized Authorization header (unit suite)', 'a 1 MB claim in a validly signed token', () => pool.idToken('customer', { padding: 'x'.repeat(1024 * 1024) }), true),
    unit('Not a string (unit suite)', 'a number instead of a string', () => '12345'),
    unit('Not a string (unit suite)', 'null (no header)', () => null),
    unit('Not a string (unit suite)', 'undefined (an empty header)', () => ''),
    unit('Not a string (unit suite)', 'an object', () => JSON.stringify({ token: pool.idToken('customer') })),

    // --- Algorithm confusion ---
    unit('Algorithm confusion', 'HS256 with the public key as DER bytes', () => hs('HS256', publicDer)),
    unit('Algorithm confusion', 'HS256 with the JWK JSON as the secret', () => hs('HS256', JSON.stringify(pool.idKey.jwk))),
    unit('Algorithm confusion', 'HS384 with the public key PEM', () => hs('HS384', publicPem, 'sha384')),
    unit('Algorithm confusion', 'HS512 with the public key PEM', () => hs('HS512', publicPem, 'sha512')),
    unit('Algorithm confusion', 'alg "None" (mixed case), no signature', () => `${json({ alg: 'None', kid: pool.idKey.kid })}.${json(pool.idClaims('admin'))}.`),
    unit('Algorithm confusion', 'alg "NONE", no signature', () => `${json({ alg: 'NONE', kid: pool.idKey.kid })}.${json(pool.idClaims('admin'))}.`),
    unit('Algorithm confusion', 'alg "nOnE" with a junk signature', () => `${json({ alg: 'nOnE', kid: pool.idKey.kid })}.${json(pool.idClaims('admin'))}.AAAA`),
    unit('Algorithm confusion', 'alg none without a kid', () => `${json({ alg: 'none' })}.${json(pool.idClaims('admin'))}.`),
    unit('Algorithm confusion', 'no alg at all, real signature', () => idSigned(pool.idClaims('customer'), { kid: pool.idKey.kid })),
    unit('Algorithm confusion', 'PS256 signed with the pool\'s RSA key', () => psSigned({ alg: 'PS256', kid: pool.idKey.kid }, pool.idClaims('customer'))),
    unit('Algorithm confusion', 'RS512 signed with the pool\'s RSA key', () => signJwt({ alg: 'RS512', kid: pool.idKey.kid }, pool.idClaims('customer'), pool.idKey.privateKey, 'RSA-SHA512')),
    unit('Algorithm confusion', 'ES256 with an attacker EC key under the pool\'s kid', () => esSigned({ alg: 'ES256', kid: pool.idKey.kid }, pool.idClaims('admin'))),
    unit('Algorithm confusion', 'EdDSA claimed, junk signature', () => `${json({ alg: 'EdDSA', kid: pool.idKey.kid })}.${json(pool.idClaims('admin'))}.${base64url(Buffer.alloc(64, 7))}`),

    // --- kid path traversal and injection (signed by an attacker key) ---
    ...[
      ['a path traversal to /etc/passwd', '../../../../../../etc/passwd'],
      ['an absolute path to /dev/null', '/dev/null'],
      ['a URL-encoded traversal', '..%2F..%2F..%2Fjwks.json'],
      ['a file: URL', 'file:///etc/passwd'],
      ['a SQL tautology', "' OR '1'='1"],
      ['a SQL UNION', "x' UNION SELECT 'secret' --"],
      ['a NUL byte', 'abc\u0000def'],
      ['a shell substitution', '$(curl attacker.example)'],
      ['a prototype key', '__proto__'],
      ['a 4 KB kid', 'k'.repeat(4096)],
    ].map(([name, kid]) => unit('kid path traversal and injection', `kid as ${name}`, () => signJwt({ alg: 'RS256', kid }, pool.idClaims('admin'), attacker.privateKey))),
    unit('kid path traversal and injection', 'kid as a number', () => signJwt({ alg: 'RS256', kid: 1 }, pool.idClaims('admin'), attacker.privateKey)),
    unit('kid path traversal and injection', 'kid as an object', () => signJwt({ alg: 'RS256', kid: { $ne: null } }, pool.idClaims('admin'), attacker.privateKey)),

    // --- Remote key headers: the verifier must use the pool's JWKS only ---
    unit('Remote key headers (jku, x5u, jwk, x5c)', 'jku to the attacker\'s JWKS, pool kid', () => signJwt({ alg: 'RS256', kid: pool.idKey.kid, jku: attackerJwksUrl }, pool.idClaims('admin'), attacker.privateKey)),
    unit('Remote key headers (jku, x5u, jwk, x5c)', 'jku to the attacker\'s JWKS, attacker kid', () => signJwt({ alg: 'RS256', kid: attacker.kid, jku: attackerJwksUrl }, pool.idClaims('admin'), attacker.privateKey)),
    unit('Remote key headers (jku, x5u, jwk, x5c)', 'x5u to the attacker\'s certificate', () => signJwt({ alg: 'RS256', kid: attacker.kid, x5u: attackerJwksUrl.replace('jwks.json', 'cert.pem') }, pool.idClaims('admin'), attacker.privateKey)),
    unit('Remote key headers (jku, x5u, jwk, x5c)', 'an embedded jwk with the attacker\'s key, pool kid', () => signJwt({ alg: 'RS256', kid: pool.idKey.kid, jwk: attackerJwk }, pool.idClaims('admin'), attacker.privateKey)),
    unit('Remote key headers (jku, x5u, jwk, x5c)', 'an embedded jwk with the attacker\'s key and kid', () => signJwt({ alg: 'RS256', kid: attacker.kid, jwk: attackerJwk }, pool.idClaims('admin'), attacker.privateKey)),
    unit('Remote key headers (jku, x5u, jwk, x5c)', 'an x5c chain with junk certificates', () => signJwt({ alg: 'RS256', kid: attacker.kid, x5c: [Buffer.alloc(64, 1).toString('base64')] }, pool.idClaims('admin'), attacker.privateKey)),

    // --- Duplicate JSON keys: whichever value a parser keeps, the token is refused ---
    unit('Duplicate JSON keys', 'token_use "access" then "id", attacker signature', () =>
      signRaw(JSON.stringify(header), `{"token_use":"access",${claimsText(pool.idClaims('admin'))}}`, attacker.privateKey)),
    unit('Duplicate JSON keys', 'token_use "id" then "refresh", genuine signature', () =>
      signRaw(JSON.stringify(header), `{${claimsText(pool.idClaims('customer'))},"token_use":"refresh"}`)),
    unit('Duplicate JSON keys', 'alg "RS256" then "none", genuine signature', () => signRaw(`{"alg":"RS256","kid":"${pool.idKey.kid}","alg":"none"}`, JSON.stringify(pool.idClaims('customer')))),
    unit('Duplicate JSON keys', 'alg "RS256" then "HS256", genuine signature', () => signRaw(`{"alg":"RS256","kid":"${pool.idKey.kid}","alg":"HS256"}`, JSON.stringify(pool.idClaims('customer')))),
    unit('Duplicate JSON keys', 'kid twice, the second unknown', () => signRaw(`{"alg":"RS256","kid":"${pool.idKey.kid}","kid":"${randomUUID()}"}`, JSON.stringify(pool.idClaims('customer')), attacker.privateKey)),
    unit('Duplicate JSON keys', 'cognito:groups added twice after signing', () => {
      const token = pool.idToken('customer');
      const [head, , signature] = token.split('.');
      return `${head}.${base64url(`{${claimsText(pool.idClaims('customer'))},"cognito:groups":["admins"],"cognito:groups":["admins"]}`)}.${signature}`;
    }),
    unit('Duplicate JSON keys', 'iss twice, the second foreign, genuine signature', () => signRaw(JSON.stringify(header), `{${claimsText(pool.idClaims('customer'))},"iss":"${otherPool.issuer}"}`)),

    // --- Unicode and case tricks in token_use and iss (genuine signatures) ---
    ...[
      ['token_use in fullwidth letters (NFKC "id")', { token_use: '\uFF49\uFF44' }],
      ['token_use with a zero-width space', { token_use: 'id\u200B' }],
      ['token_use with a Cyrillic і', { token_use: '\u0456d' }],
      ['token_use "Id"', { token_use: 'Id' }],
      ['token_use with a trailing space', { token_use: 'id ' }],
      ['token_use "acce\u017Fs" (long s, NFKC "access")', { token_use: 'acce\u017Fs' }],
      ['iss with a dotless ı in cognito-ıdp', { iss: pool.issuer.replace('cognito-idp', 'cognito-\u0131dp') }],
      ['iss with a Cyrillic о in amazonaws', { iss: pool.issuer.replace('amazonaws', 'amaz\u043Enaws') }],
      ['iss with a zero-width joiner', { iss: pool.issuer.replace('.amazonaws', '\u200D.amazonaws') }],
      ['iss in fullwidth (NFKC-equal)', { iss: pool.issuer.replace('cognito', '\uFF43\uFF4F\uFF47\uFF4E\uFF49\uFF54\uFF4F') }],
      ['iss with the region in upper case', { iss: pool.issuer.replace(/us-east-1/g, 'US-EAST-1') }],
      ['aud with a zero-width space', { aud: `${pool.clientId}\u200B` }],
    ].map(([name, claims]) => unit('Unicode and case tricks', name as string, () => pool.idToken('customer', claims as Record<string, unknown>))),

    // --- Numeric strings for time claims (genuine signatures) ---
    unit('Numeric strings for time claims', 'exp as a far-future numeric string', () => pool.idToken('customer', { exp: '9999999999' })),
    unit('Numeric strings for time claims', 'exp as an exponent string', () => pool.idToken('customer', { exp: '1e10' })),
    unit('Numeric strings for time claims', 'exp as an array of one number', () => pool.idToken('customer', { exp: [seconds() + 3600] })),
    unit('Numeric strings for time claims', 'exp as null', () => pool.idToken('customer', { exp: null })),
    unit('Numeric strings for time claims', 'exp past, nbf as a numeric string', () => pool.idToken('customer', { exp: seconds() - 10, nbf: String(seconds() - 100) })),
    unit('Numeric strings for time claims', 'an access token with exp as a string', () => pool.accessToken('agent', { exp: String(seconds() + 3600) })),

    // --- Huge and deeply nested claims ---
    unit('Huge and deeply nested claims', 'a token just over the authorizer\'s 16 KB limit', () => pool.idToken('customer', { padding: 'x'.repeat(12_500) }), true),
    unit('Huge and deeply nested claims', 'sub nested 2000 levels deep', () => pool.idToken('customer', { sub: nested(2000, 'x') })),
    unit('Huge and deeply nested claims', 'token_use nested 500 levels deep', () => pool.idToken('customer', { token_use: nested(500, 'id') })),
    unit('Huge and deeply nested claims', 'aud as a nested array', () => pool.idToken('customer', { aud: [[pool.clientId]] })),
    unit('Huge and deeply nested claims', 'iss as an object', () => pool.idToken('customer', { iss: { $eq: pool.issuer } })),
    unit('Huge and deeply nested claims', 'a payload nested 1500 levels deep, attacker signature', () => signJwt(header, nested(1500, pool.idClaims('admin')), attacker.privateKey)),
    unit('Huge and deeply nested claims', 'a header nested 1500 levels deep', () => `${json(nested(1500, header))}.${json(pool.idClaims('admin'))}.sig`),
    unit('Huge and deeply nested claims', 'a payload of 500 claims, attacker signature', () => signJwt(header, Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, i])), attacker.privateKey)),

    // --- Another client of the same pool (genuine signatures) ---
    unit('Another client of the same pool', 'an ID token for another client', () => pool.idToken('admin', { aud: 'anotherclientofthispool' })),
    unit('Another client of the same pool', 'an access token for another client', () => pool.accessToken('admin', { client_id: 'anotherclientofthispool' })),
    unit('Another client of the same pool', 'an ID token with both clients in aud', () => pool.idToken('admin', { aud: ['anotherclientofthispool'] })),
    unit('Another client of the same pool', 'an access token with client_id in upper case', () => pool.accessToken('admin', { client_id: pool.clientId.toUpperCase() })),
    unit('Another client of the same pool', 'an ID token whose aud is the client id with a prefix', () => pool.idToken('admin', { aud: `x${pool.clientId}` })),

    // --- Cross-pool signatures ---
    unit('Cross-pool signatures', 'an ID token of this pool signed by pool B\'s key under B\'s kid', () => signJwt({ alg: 'RS256', kid: otherPool.idKey.kid }, pool.idClaims('admin'), otherPool.idKey.privateKey)),
    unit('Cross-pool signatures', 'an ID token of this pool signed by pool B\'s key under this pool\'s kid', () => signJwt(header, pool.idClaims('admin'), otherPool.idKey.privateKey)),
    unit('Cross-pool signatures', 'an access token of this pool signed by pool B\'s access key', () => signJwt({ alg: 'RS256', kid: otherPool.accessKey.kid }, pool.accessClaims('admin'), otherPool.accessKey.privateKey)),

    // --- Machine callers (client-credentials tokens), named as in test/authorizer/machine-callers.test.ts ---
    // Each is one change away from a token the emulator accepts (a seeded machine client's, or a
    // user's), and must be refused by the check it is aimed at.
    {
      ...unit('Machine callers', 'a machine token whose scope was rewritten after signing', () =>
        tamper(pool.machineToken(SEEDED_MACHINE_CLIENT_ID, ['helpdesk/tickets.read']), pool.machineClaims(SEEDED_MACHINE_CLIENT_ID, ['helpdesk/tickets.read', 'helpdesk/tickets.triage']))),
      refusedAs: 'JwtInvalidSignatureError',
    },
    {
      ...unit('Machine callers', 'a machine token of a client that is not configured', () => pool.machineToken('unknownmachineclient', ['helpdesk/tickets.read', 'helpdesk/tickets.triage'])),
      refusedAs: 'CognitoJwtInvalidClientIdError',
    },
    { ...unit('Machine callers', 'an ID token issued for a machine client', () => pool.idToken('admin', { aud: SEEDED_MACHINE_CLIENT_ID })), refusedAs: 'MachineTokenError' },
    {
      ...unit('Machine callers', 'a machine client access token that names a user', () =>
        pool.machineToken(SEEDED_MACHINE_CLIENT_ID, ['helpdesk/tickets.read'], { username: 'admin@example.com', 'cognito:groups': ['admins'] })),
      refusedAs: 'MachineTokenError',
    },
    {
      ...unit('Machine callers', 'a machine client access token that names a user as cognito:username', () =>
        pool.machineToken(SEEDED_MACHINE_CLIENT_ID, ['helpdesk/tickets.read'], { 'cognito:username': 'admin@example.com' })),
      refusedAs: 'MachineTokenError',
    },
    {
      ...unit('Machine callers', 'an expired machine token', () =>
        pool.machineToken(SEEDED_MACHINE_CLIENT_ID, ['helpdesk/tickets.read'], { iat: seconds() - 7200, auth_time: seconds() - 7200, exp: seconds() - 3600 })),
      refusedAs: 'JwtExpiredError',
    },
    {
      // The user client is no machine client: its access token must name its user.
      ...unit('Machine callers', 'a machine-shaped token of the user client', () => pool.machineToken(pool.clientId, ['helpdesk/tickets.read', 'helpdesk/tickets.triage'])),
      refusedAs: 'IncompleteIdentityError',
    },
    {
      ...unit('Machine callers', 'a user access token given a custom scope after signing', () =>
        tamper(pool.accessToken('customer'), { ...pool.accessClaims('customer'), scope: 'aws.cognito.signin.user.admin helpdesk/tickets.read helpdesk/tickets.triage' })),
      refusedAs: 'JwtInvalidSignatureError',
    },
  ];
}
