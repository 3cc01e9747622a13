/**
 * The user pool's RS256 signing keys: one key pair for ID tokens and another for access tokens
 * (different `kid`s, as Cognito does), generated once per data directory and kept in
 * `<dataDir>/keys.json`, or kept only in memory.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { CognitoConfigurationError } from './errors.ts';
import { createJsonFileExclusive, readJsonFile } from './json-file.ts';

const generateKeyPairAsync = promisify(generateKeyPair);

/** Which token a key signs. */
export type KeyUse = 'id' | 'access';

/** One signing key: its id and both halves. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/**
 * One public key as Cognito's `jwks.json` lists it. (Type aliases, not interfaces, so that they
 * are assignable to aws-jwt-verify's JSON-typed `Jwks` for `cacheJwks`.)
 */
export type PublicJwk = {
  readonly alg: 'RS256';
  readonly e: string;
  readonly kid: string;
  readonly kty: 'RSA';
  readonly n: string;
  readonly use: 'sig';
};

/** A JWKS document: public keys only. (A mutable array, as aws-jwt-verify's `Jwks` type wants.) */
export type Jwks = {
  readonly keys: PublicJwk[];
};

/** The pool's two keys. */
export interface SigningKeys {
  readonly id: SigningKey;
  readonly access: SigningKey;
  /** The public JWKS document listing both keys. */
  readonly jwks: Jwks;
  /** The key with this `kid`, or `undefined`. */
  byKid(kid: string): { key: SigningKey; use: KeyUse } | undefined;
}

/** The file format of `keys.json`: private JWKs, so no PEM parsing is needed to reload them. */
interface StoredKeys {
  readonly format: 'cognito-emulator-keys/1';
  readonly idToken: { readonly kid: string; readonly privateJwk: JsonWebKey };
  readonly accessToken: { readonly kid: string; readonly privateJwk: JsonWebKey };
}

/**
 * A `kid` in Cognito's style (base64 with padding) derived from the RFC 7638 thumbprint, so the
 * same key always has the same id.
 */
function keyIdOf(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const canonical = JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64');
}

async function generateStoredKey(): Promise<{ kid: string; privateJwk: JsonWebKey }> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  return { kid: keyIdOf(publicKey), privateJwk: privateKey.export({ format: 'jwk' }) };
}

async function generateStoredKeys(): Promise<StoredKeys> {
  const [idToken, accessToken] = await Promise.all([generateStoredKey(), generateStoredKey()]);
  return { format: 'cognito-emulator-keys/1', idToken, accessToken };
}

function toSigningKey(stored: { kid: string; privateJwk: JsonWebKey }, path: string): SigningKey {
  try {
    const privateKey = createPrivateKey({ key: stored.privateJwk, format: 'jwk' });
    if (privateKey.asymmetricKeyType !== 'rsa') throw new Error(`expected an RSA key, got ${privateKey.asymmetricKeyType}`);
    const publicKey = createPublicKey(privateKey);
    return { kid: stored.kid, privateKey, publicKey };
  } catch (error) {
    throw new CognitoConfigurationError(`The signing key ${stored.kid} in ${path} is not a usable RSA private JWK; delete the file to generate new keys.`, { cause: error });
  }
}

function parseStoredKeys(value: unknown, path: string): StoredKeys {
  const candidate = value as Partial<StoredKeys> | null;
  const valid =
    candidate !== null &&
    typeof candidate === 'object' &&
    candidate.format === 'cognito-emulator-keys/1' &&
    typeof candidate.idToken?.kid === 'string' &&
    typeof candidate.accessToken?.kid === 'string' &&
    candidate.idToken.kid !== candidate.accessToken.kid;
  if (!valid) throw new CognitoConfigurationError(`${path} is not a key file this emulator wrote; delete it to generate new keys.`);
  return candidate as StoredKeys;
}

function toPublicJwk(key: SigningKey): PublicJwk {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { alg: 'RS256', e: String(jwk.e), kid: key.kid, kty: 'RSA', n: String(jwk.n), use: 'sig' };
}

function fromStored(stored: StoredKeys, path: string): SigningKeys {
  const id = toSigningKey(stored.idToken, path);
  const access = toSigningKey(stored.accessToken, path);
  const jwks: Jwks = { keys: [toPublicJwk(id), toPublicJwk(access)] };
  return {
    id,
    access,
    jwks,
    byKid(kid) {
      if (kid === id.kid) return { key: id, use: 'id' };
      if (kid === access.kid) return { key: access, use: 'access' };
      return undefined;
    },
  };
}

/**
 * Loads the signing keys from `path`, creating them on first use; with `path` `null`, generates
 * keys that live only in memory.
 *
 * @example
 * const keys = await loadSigningKeys(join(dataDir, 'keys.json'));
 * keys.jwks.keys.map((key) => key.kid); // two different kids
 */
export async function loadSigningKeys(path: string | null): Promise<SigningKeys> {
  if (path === null) return fromStored(await generateStoredKeys(), '(memory)');
  const existing = readJsonFile(path);
  if (existing !== null) return fromStored(parseStoredKeys(existing, path), path);
  const generated = await generateStoredKeys();
  if (createJsonFileExclusive(path, generated)) return fromStored(generated, path);
  // Another process created the file between our read and our write: use its keys.
  return fromStored(parseStoredKeys(readJsonFile(path), path), path);
}
