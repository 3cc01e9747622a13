/**
 * CORS for the emulator. AppSync answers any origin, but the emulator holds seeded admin
 * credentials and listens on this machine: answering `*` would let any web page the developer
 * visits sign in as admin and read or change local data. Only pages served from this machine
 * (any port of localhost, 127.0.0.1 or [::1]), such as a front end under development, are
 * allowed; the console is same-origin and needs no CORS at all.
 */

/** The headers AWS SDKs, Amplify and GraphQL clients send. */
const ALLOWED_HEADERS =
  'content-type, authorization, x-api-key, x-amz-user-agent, x-amz-date, x-amz-security-token, x-amz-target, amz-sdk-invocation-id, amz-sdk-request, cache-control';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `origin` is a page served from this machine. */
export function isLoopbackOrigin(origin: string | undefined): origin is string {
  if (origin === undefined) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && (LOOPBACK_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost'));
  } catch {
    return false;
  }
}

/**
 * The CORS headers for a request from `origin`: the origin echoed when it is on this machine,
 * nothing that admits a page elsewhere.
 *
 * @example
 * res.writeHead(200, { ...corsHeaders(req.headers.origin), 'content-type': 'application/json' });
 */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!isLoopbackOrigin(origin)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}
