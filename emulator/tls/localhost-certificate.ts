/**
 * The emulator's TLS certificate for localhost, kept in `<dataDir>/tls/` so that a developer who
 * trusted it once keeps trusting the same one across restarts. A stored pair that cannot be
 * served (missing, unreadable, expiring within a day, other names, a key others may read) is
 * replaced by a new one; in memory (`dataDir: null`) every start makes its own and writes nothing.
 */
import { randomBytes, type X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalhostCertificateError } from './certificate-error.ts';
import { usableLocalhostCertificate } from './check-localhost-certificate.ts';
import { generateLocalhostCertificate, type CertificatePems } from './generate-localhost-certificate.ts';

/** The certificate file's name in `<dataDir>/tls/`: the file developers point their trust at. */
export const CERTIFICATE_FILE = 'localhost-cert.pem';
/** The private key's file name in `<dataDir>/tls/` (owner-only). */
export const PRIVATE_KEY_FILE = 'localhost-key.pem';

/** A certificate ready for the TLS listener, and what the start-up banner shows about it. */
export interface LocalhostCertificate {
  /** PEM private key (PKCS#8). */
  readonly key: string;
  /** PEM certificate. */
  readonly cert: string;
  /** Where the certificate is stored, or `null` in memory. */
  readonly certPath: string | null;
  /** SHA-256 fingerprint, `AB:CD:…`, as browsers show it. */
  readonly fingerprint256: string;
  readonly notAfter: Date;
  /** `true` when made by this call (a client that trusted the previous one must trust this one). */
  readonly created: boolean;
}

/**
 * Loads the stored localhost certificate, or makes (and stores) a new one when there is none
 * that can be served at `now()`.
 *
 * @throws {LocalhostCertificateError} when a new certificate cannot be written to `dataDir`.
 * @example
 * const tls = await loadOrCreateLocalhostCertificate('.data');
 * console.log(`TLS certificate ${tls.certPath} (SHA-256 ${tls.fingerprint256})`);
 */
export async function loadOrCreateLocalhostCertificate(
  dataDir: string | null,
  now: () => number = Date.now,
): Promise<LocalhostCertificate> {
  if (dataDir === null) return describe(await generateLocalhostCertificate(now()), null, now());

  const dir = join(dataDir, 'tls');
  const certPath = join(dir, CERTIFICATE_FILE);
  const keyPath = join(dir, PRIVATE_KEY_FILE);
  const stored = await readStoredPair(certPath, keyPath);
  const storedCertificate = stored === null ? null : usableLocalhostCertificate(stored, now());
  if (stored !== null && storedCertificate !== null) return result(stored, storedCertificate, certPath, false);

  const created = await generateLocalhostCertificate(now());
  const fresh = describe(created, certPath, now());
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new LocalhostCertificateError(dir, 'cannot create the certificate directory', error);
  }
  // The key first: a crash between the two renames leaves a pair that does not match, which
  // the next start replaces, never a certificate served with a key it does not belong to.
  await writeAtomically(keyPath, created.key, 0o600, 'cannot write the private key');
  await writeAtomically(certPath, created.cert, 0o644, 'cannot write the certificate');
  return fresh;
}

async function readStoredPair(certPath: string, keyPath: string): Promise<CertificatePems | null> {
  try {
    // A key that other local users can read may have been copied: such a pair is replaced.
    if (process.platform !== 'win32' && ((await stat(keyPath)).mode & 0o077) !== 0) return null;
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { cert, key };
  } catch {
    return null;
  }
}

async function writeAtomically(path: string, text: string, mode: number, reason: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { mode, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new LocalhostCertificateError(path, reason, error);
  }
}

/** Describes a certificate made by this call, checked like a stored one before it is served. */
function describe(created: CertificatePems, certPath: string | null, now: number): LocalhostCertificate {
  const certificate = usableLocalhostCertificate(created, now);
  // Only reachable if the generator broke its own contract: refuse to serve such a certificate.
  if (certificate === null) throw new Error('The generated localhost certificate is not usable.');
  return result(created, certificate, certPath, true);
}

function result(pems: CertificatePems, certificate: X509Certificate, certPath: string | null, created: boolean): LocalhostCertificate {
  return {
    key: pems.key,
    cert: pems.cert,
    certPath,
    fingerprint256: certificate.fingerprint256,
    notAfter: new Date(certificate.validTo),
    created,
  };
}
