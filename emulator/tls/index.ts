/**
 * TLS on the emulator's port: the localhost certificate kept in the data directory, and the
 * listener that answers `http://`, `https://`, `ws://` and `wss://` on one port (see docs/tls.md).
 */
export { LocalhostCertificateError } from './certificate-error.ts';
export { CERTIFICATE_FILE, loadOrCreateLocalhostCertificate, PRIVATE_KEY_FILE } from './localhost-certificate.ts';
export type { LocalhostCertificate } from './localhost-certificate.ts';
export { createSamePortServer } from './same-port-server.ts';
export type { SamePortServer, SamePortServerOptions } from './same-port-server.ts';
export { tlsBannerLines } from './tls-banner.ts';
