/**
 * The localhost certificate: a leaf for exactly the loopback names, kept owner-only in the data
 * directory, reused while it can be served, replaced when it cannot, and never written in memory.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalhostCertificateError } from '../../../emulator/tls/certificate-error.ts';
import { loadOrCreateLocalhostCertificate } from '../../../emulator/tls/localhost-certificate.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

describe('TLS: localhost certificate', () => {
  let dataDir: string;
  let certPath: string;
  let keyPath: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tls-certificate-'));
    certPath = join(dataDir, 'tls', 'localhost-cert.pem');
    keyPath = join(dataDir, 'tls', 'localhost-key.pem');
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('makes a server certificate for localhost, 127.0.0.1 and ::1 only, not a CA, valid now', async () => {
    // Act
    const loaded = await loadOrCreateLocalhostCertificate(dataDir);

    // Assess
    const certificate = new X509Certificate(loaded.cert);
    expect(certificate.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(certificate.ca).toBe(false);
    expect(certificate.keyUsage).toEqual([SERVER_AUTH_OID]);
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkPrivateKey(createPrivateKey(loaded.key))).toBe(true);
    expect(certificate.checkHost('example.com')).toBeUndefined();
    expect(Date.parse(certificate.validFrom)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(certificate.validTo)).toBeGreaterThan(Date.now() + 300 * DAY_MS);
    expect(loaded).toMatchObject({ certPath, fingerprint256: certificate.fingerprint256, notAfter: new Date(certificate.validTo), created: true });
  });

  it('stores the pair in <dataDir>/tls with an owner-only key', async () => {
    // Act
    const loaded = await loadOrCreateLocalhostCertificate(dataDir);

    // Assess
    expect(await readFile(certPath, 'utf8')).toBe(loaded.cert);
    expect(await readFile(keyPath, 'utf8')).toBe(loaded.key);
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'tls'))).mode & 0o077).toBe(0);
    expect((await readdir(join(dataDir, 'tls'))).sort()).toEqual(['localhost-cert.pem', 'localhost-key.pem']);
  });

  it('reuses the stored certificate on the next start', async () => {
    // Prepare
    const first = await loadOrCreateLocalhostCertificate(dataDir);

    // Act
    const second = await loadOrCreateLocalhostCertificate(dataDir);

    // Assess
    expect(second).toEqual({ ...first, created: false });
  });

  it('replaces a certificate that has expired or expires within a day', async () => {
    // Prepare
    const first = await loadOrCreateLocalhostCertificate(dataDir);
    const expiresAt = first.notAfter.getTime();

    // Act
    const nearExpiry = await loadOrCreateLocalhostCertificate(dataDir, () => expiresAt - 12 * 60 * 60 * 1000);
    const afterExpiry = await loadOrCreateLocalhostCertificate(dataDir, () => nearExpiry.notAfter.getTime() + 1000);

    // Assess
    expect(nearExpiry.created).toBe(true);
    expect(nearExpiry.fingerprint256).not.toBe(first.fingerprint256);
    expect(nearExpiry.notAfter.getTime()).toBeGreaterThan(expiresAt);
    expect(afterExpiry.created).toBe(true);
    expect(afterExpiry.fingerprint256).not.toBe(nearExpiry.fingerprint256);
    expect(await readFile(certPath, 'utf8')).toBe(afterExpiry.cert);
  });

  it('replaces a certificate that was deleted', async () => {
    // Prepare
    const first = await loadOrCreateLocalhostCertificate(dataDir);
    await rm(certPath);

    // Act
    const second = await loadOrCreateLocalhostCertificate(dataDir);

    // Assess
    expect(second.created).toBe(true);
    expect(second.fingerprint256).not.toBe(first.fingerprint256);
    expect(await readFile(certPath, 'utf8')).toBe(second.cert);
  });

  it('replaces a certificate that cannot be parsed', async () => {
    // Prepare
    const first = await loadOrCreateLocalhostCertificate(dataDir);
    await writeFile(certPath, '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n');

    // Act
    const second = await loadOrCreateLocalhostCertificate(dataDir);

    // Assess
    expect(second.created).toBe(true);
    expect(second.fingerprint256).not.toBe(first.fingerprint256);
  });

  it('replaces a certificate whose key is another one', async () => {
    // Prepare
    const first = await loadOrCreateLocalhostCertificate(dataDir);
    const other = await loadOrCreateLocalhostCertificate(null);
    await writeFile(keyPath, other.key, { mode: 0o600 });

    // Act
    const second = await loadOrCreateLocalhostCertificate(dataDir);

    // Assess
    expect(second.created).toBe(true);
    expect(new X509Certificate(second.cert).checkPrivateKey(createPrivateKey(second.key))).toBe(true);
    expect(second.fingerprint256).not.toBe(first.fingerprint256);
  });

  it.each([
    ['names another host too', false, ['localhost', 'example.com']],
    ['is a CA', true, ['localhost']],
  ])('replaces a certificate that %s', async (_reason, isCa, dnsNames) => {
    // Prepare
    const foreign = await generate([{ name: 'commonName', value: 'localhost' }], {
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: isCa, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...dnsNames.map((value) => ({ type: 2 as const, value })), { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
      ],
    });
    await loadOrCreateLocalhostCertificate(dataDir);
    await writeFile(certPath, foreign.cert);
    await writeFile(keyPath, foreign.private, { mode: 0o600 });

    // Act
    const replaced = await loadOrCreateLocalhostCertificate(dataDir);

    // Assess
    expect(replaced.created).toBe(true);
    expect(new X509Certificate(replaced.cert).subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(new X509Certificate(replaced.cert).ca).toBe(false);
  });

  it('replaces a pair whose key other local users can read', async () => {
    // Prepare
    const first = await loadOrCreateLocalhostCertificate(dataDir);
    await chmod(keyPath, 0o644);

    // Act
    const second = await loadOrCreateLocalhostCertificate(dataDir);

    // Assess
    expect(second.created).toBe(true);
    expect(second.fingerprint256).not.toBe(first.fingerprint256);
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
  });

  it('makes a fresh certificate per start in memory and writes nothing', async () => {
    // Prepare
    const before = await readdir(tmpdir());

    // Act
    const first = await loadOrCreateLocalhostCertificate(null);
    const second = await loadOrCreateLocalhostCertificate(null);

    // Assess
    expect(first).toMatchObject({ certPath: null, created: true });
    expect(second.fingerprint256).not.toBe(first.fingerprint256);
    expect(await readdir(dataDir)).toEqual([]);
    expect((await readdir(tmpdir())).filter((name) => !before.includes(name) && name.includes('tls'))).toEqual([]);
  });

  it('fails with a typed error when the data directory cannot hold the certificate', async () => {
    // Prepare: a file where the `tls` directory should be.
    await writeFile(join(dataDir, 'tls'), 'not a directory');

    // Act
    const loading = loadOrCreateLocalhostCertificate(dataDir);

    // Assess
    await expect(loading).rejects.toBeInstanceOf(LocalhostCertificateError);
    await expect(loading).rejects.toMatchObject({ path: join(dataDir, 'tls') });
    expect(await readFile(join(dataDir, 'tls'), 'utf8')).toBe('not a directory');
  });
});
