/**
 * The start-up banner's TLS lines: where to find the certificate and its fingerprint.
 */
import { describe, expect, it } from 'vitest';
import { tlsBannerLines } from '../../../emulator/tls/tls-banner.ts';

const FINGERPRINT = '1A:96:D0:8B:C3:84:42:0D:DA:A3:DD:4A:B6:35:A4:1C:31:38:49:58:96:0D:6F:F0:7D:F4:8F:4C:B2:04:06:DB';
const NOT_AFTER = new Date('2027-12-04T03:07:35Z');

describe('TLS: banner', () => {
  it('shows a reused certificate relative to the working directory, with its fingerprint', () => {
    // Act
    const lines = tlsBannerLines({ certPath: '/work/app/.data/tls/localhost-cert.pem', fingerprint256: FINGERPRINT, notAfter: NOT_AFTER, created: false }, '/work/app');

    // Assess
    expect(lines).toEqual([
      '  TLS         https:// and wss:// on the same port; trust .data/tls/localhost-cert.pem (docs/tls.md)',
      `              SHA-256 ${FINGERPRINT}   valid until 2027-12-04`,
    ]);
  });

  it('says a new certificate must be trusted again, and keeps a path outside the working directory whole', () => {
    // Act
    const lines = tlsBannerLines({ certPath: '/var/emulator/tls/localhost-cert.pem', fingerprint256: FINGERPRINT, notAfter: NOT_AFTER, created: true }, '/work/app');

    // Assess
    expect(lines).toEqual([
      '  TLS         https:// and wss:// on the same port; trust /var/emulator/tls/localhost-cert.pem (docs/tls.md)',
      `              SHA-256 ${FINGERPRINT}   valid until 2027-12-04   (new: trust it)`,
    ]);
  });

  it('says an in-memory certificate is new at every start', () => {
    // Act
    const lines = tlsBannerLines({ certPath: null, fingerprint256: FINGERPRINT, notAfter: NOT_AFTER, created: true }, '/work/app');

    // Assess
    expect(lines[0]).toBe('  TLS         https:// and wss:// on the same port; certificate in memory, new at every start (docs/tls.md)');
    expect(lines[1]).toBe(`              SHA-256 ${FINGERPRINT}   valid until 2027-12-04`);
  });
});
