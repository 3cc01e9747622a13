/**
 * The names the emulator's certificate vouches for, and nothing else: it is served on the
 * loopback interface only, so a certificate that also named a real host would let anyone who
 * trusts it be fooled about that host.
 */

/** DNS names in the certificate's subjectAltName. */
export const LOCALHOST_DNS_NAMES: readonly string[] = ['localhost'];

/** IP addresses in the certificate's subjectAltName (IPv4 and IPv6 loopback). */
export const LOCALHOST_IP_ADDRESSES: readonly string[] = ['127.0.0.1', '::1'];
