/**
 * The error raised when the emulator cannot keep its localhost certificate in the data
 * directory (a certificate it cannot read is replaced, not an error; one it cannot write is).
 */

/**
 * The certificate or its key could not be written; `path` says where, `cause` says why.
 *
 * @example
 * throw new LocalhostCertificateError('/data/tls/localhost-key.pem', 'cannot write the private key', error);
 */
export class LocalhostCertificateError extends Error {
  override readonly name = 'LocalhostCertificateError';
  readonly path: string;

  constructor(path: string, reason: string, cause?: unknown) {
    super(`Localhost TLS certificate: ${reason} (${path}). Check that the data directory is writable, or run in memory.`,
      cause === undefined ? undefined : { cause });
    this.path = path;
  }
}
