/**
 * Makes a fresh self-signed server certificate for localhost: a leaf, not a CA, so that
 * trusting it lets it vouch for the loopback names only and never sign another certificate.
 */
import { generate } from 'selfsigned';
import { LOCALHOST_DNS_NAMES, LOCALHOST_IP_ADDRESSES } from './localhost-names.ts';

/**
 * How long a new certificate is valid. Short of the 825 days macOS accepts for a trusted
 * server certificate, and long enough that a developer trusts it about once a year.
 */
export const CERTIFICATE_VALIDITY_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Back-dated a little so a client whose clock runs slightly behind still accepts it. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A PEM private key (PKCS#8) and its PEM certificate. */
export interface CertificatePems {
  readonly key: string;
  readonly cert: string;
}

/**
 * Generates an RSA-2048 key and a SHA-256-signed certificate for `localhost`, `127.0.0.1` and
 * `::1`, valid from `now` for {@link CERTIFICATE_VALIDITY_DAYS} days.
 *
 * @example
 * const { key, cert } = await generateLocalhostCertificate(Date.now());
 */
export async function generateLocalhostCertificate(now: number): Promise<CertificatePems> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'rsa',
    keySize: 2048,
    // selfsigned signs with SHA-1 unless told otherwise, which every client refuses.
    algorithm: 'sha256',
    notBeforeDate: new Date(now - CLOCK_SKEW_MS),
    notAfterDate: new Date(now + CERTIFICATE_VALIDITY_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...LOCALHOST_DNS_NAMES.map((value) => ({ type: 2 as const, value })),
          ...LOCALHOST_IP_ADDRESSES.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
