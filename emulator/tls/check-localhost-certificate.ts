/**
 * Decides whether a stored certificate can still be served: it must be the emulator's own kind
 * (a leaf for exactly the loopback names, for TLS servers, matching its key) and valid for more
 * than a day, so that a long session never crosses its expiry.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { LOCALHOST_DNS_NAMES, LOCALHOST_IP_ADDRESSES } from './localhost-names.ts';
import type { CertificatePems } from './generate-localhost-certificate.ts';

/** A certificate expiring sooner than this is replaced at start. */
export const RENEW_BEFORE_EXPIRY_MS = 24 * 60 * 60 * 1000;

const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

/**
 * Parses `pems` and returns the certificate when it can be served at `now`, or `null` when it
 * cannot (unparsable, a CA, other names, not for servers, another key, not yet or no longer valid).
 *
 * @example
 * const certificate = usableLocalhostCertificate({ key, cert }, Date.now());
 * if (certificate === null) regenerate();
 */
export function usableLocalhostCertificate(pems: CertificatePems, now: number): X509Certificate | null {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pems.cert);
    if (!certificate.checkPrivateKey(createPrivateKey(pems.key))) return null;
  } catch {
    return null;
  }
  if (certificate.ca) return null;
  if (!(certificate.keyUsage ?? []).includes(SERVER_AUTH_OID)) return null;
  if (!hasExactlyLocalhostNames(certificate.subjectAltName)) return null;
  const notBefore = Date.parse(certificate.validFrom);
  const notAfter = Date.parse(certificate.validTo);
  if (!(notBefore <= now && notAfter - now > RENEW_BEFORE_EXPIRY_MS)) return null;
  return certificate;
}

/** `subjectAltName` as Node prints it: `DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1`. */
function hasExactlyLocalhostNames(subjectAltName: string | undefined): boolean {
  if (subjectAltName === undefined) return false;
  const expected = new Set([
    ...LOCALHOST_DNS_NAMES.map((name) => `dns:${name}`),
    ...LOCALHOST_IP_ADDRESSES.map((ip) => `ip:${canonicalIp(ip)}`),
  ]);
  const actual = subjectAltName.split(', ').map((entry) => {
    if (entry.startsWith('DNS:')) return `dns:${entry.slice('DNS:'.length).toLowerCase()}`;
    if (entry.startsWith('IP Address:')) return `ip:${canonicalIp(entry.slice('IP Address:'.length))}`;
    return `other:${entry}`;
  });
  return actual.length === expected.size && new Set(actual).size === actual.length && actual.every((entry) => expected.has(entry));
}

/** The WHATWG URL parser's form of an address (`0:0:0:0:0:0:0:1` and `::1` become one). */
function canonicalIp(ip: string): string {
  try {
    return ip.includes(':') ? new URL(`http://[${ip}]/`).hostname : new URL(`http://${ip}/`).hostname;
  } catch {
    return `invalid:${ip}`;
  }
}
