/**
 * `nextToken` as AppSync hands it to resolvers: an opaque string. AppSync's is encrypted, so a
 * client can neither read nor forge one; here it is DynamoDB's `LastEvaluatedKey`, sealed with
 * AES-256-GCM under a key of the data directory (so tokens survive a restart) and bound to the
 * table. A token the emulator did not make is refused as AppSync refuses one.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toAttributeMap, toTypedJson } from './attribute-values.ts';
import { DataSourceError } from './data-source-error.ts';

/** What seals tokens: a 32-byte key, and the table the tokens belong to. */
export interface PaginationSeal {
  readonly key: Buffer;
  readonly tableName: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Far above any real key (a few hundred bytes sealed); refuses huge strings before decoding. */
const MAX_TOKEN_LENGTH = 4096;

/** Seals DynamoDB's `LastEvaluatedKey`, or gives `null` when there is no more data. */
export function encodeNextToken(seal: PaginationSeal, lastEvaluatedKey: Record<string, AttributeValue> | undefined): string | null {
  if (lastEvaluatedKey === undefined || Object.keys(lastEvaluatedKey).length === 0) return null;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', seal.key, iv);
  cipher.setAAD(Buffer.from(seal.tableName, 'utf8'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(toTypedJson(lastEvaluatedKey)), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/**
 * Opens a `nextToken` from a request object into `ExclusiveStartKey`. A token this emulator
 * did not seal (forged, altered, from another data directory or table) is a data source error,
 * never a crash.
 */
export function decodeNextToken(seal: PaginationSeal, token: unknown): Record<string, AttributeValue> | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw badToken();
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) throw badToken();
  try {
    const decipher = createDecipheriv('aes-256-gcm', seal.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(seal.tableName, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    return toAttributeMap(JSON.parse(plain.toString('utf8')));
  } catch {
    throw badToken();
  }
}

function badToken(): DataSourceError {
  return new DataSourceError('DynamoDB:DynamoDbException', 'Invalid pagination token given.');
}
