/**
 * What the CLI's start-up banner says about TLS: where the certificate is, so a developer can
 * trust it, and its SHA-256 fingerprint, so they can check that the one their browser shows
 * is this one before accepting it.
 */
import { isAbsolute, relative } from 'node:path';
import type { LocalhostCertificate } from './localhost-certificate.ts';

/**
 * The banner's TLS lines, aligned like its other rows (label in a 12-column gutter).
 *
 * @example
 * console.log(tlsBannerLines(certificate).join('\n'));
 * //   TLS         https:// and wss:// on the same port; trust .data/tls/localhost-cert.pem (docs/tls.md)
 * //               SHA-256 1A:96:…:DB   valid until 2027-12-04   (new: trust it)
 */
export function tlsBannerLines(
  certificate: Pick<LocalhostCertificate, 'certPath' | 'fingerprint256' | 'notAfter' | 'created'>,
  cwd: string = process.cwd(),
): string[] {
  const where = certificate.certPath === null
    ? 'certificate in memory, new at every start'
    : `trust ${shownPath(certificate.certPath, cwd)}`;
  const fresh = certificate.created && certificate.certPath !== null ? '   (new: trust it)' : '';
  return [
    `  TLS         https:// and wss:// on the same port; ${where} (docs/tls.md)`,
    `              SHA-256 ${certificate.fingerprint256}   valid until ${certificate.notAfter.toISOString().slice(0, 10)}${fresh}`,
  ];
}

/** Relative to the working directory when inside it (`.data/tls/…`), else as given. */
function shownPath(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}
