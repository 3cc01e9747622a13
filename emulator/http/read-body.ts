/**
 * Reads a request body up to a size limit. An oversized body is refused as soon as it passes the
 * limit (declared or streamed), without buffering the rest.
 */
import type { IncomingMessage } from 'node:http';

/** Why a body could not be read. */
export class BodyError extends Error {
  override readonly name = 'BodyError';
  readonly reason: 'tooLarge' | 'aborted';

  constructor(reason: 'tooLarge' | 'aborted') {
    super(reason === 'tooLarge' ? 'request body too large' : 'request aborted');
    this.reason = reason;
  }
}

/**
 * @example
 * const text = await readBody(req, 1_048_576);
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      req.resume();
      reject(new BodyError('tooLarge'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limitBytes) {
        done = true;
        chunks.length = 0;
        req.resume();
        reject(new BodyError('tooLarge'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('aborted', () => {
      if (done) return;
      done = true;
      reject(new BodyError('aborted'));
    });
    req.on('error', () => {
      if (done) return;
      done = true;
      reject(new BodyError('aborted'));
    });
  });
}
