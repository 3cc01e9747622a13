/**
 * Where the page's real-time connection goes: the real-time path on the page's own origin,
 * `ws://` for a page served over `http://` and `wss://` for `https://`, so the connection is
 * as secure as the page and the browser never mixes content.
 */

/**
 * The WebSocket URL of `path` on the origin of `pageUrl`.
 *
 * @example
 * realtimeUrl('http://localhost:4000/', '/graphql/realtime'); // 'ws://localhost:4000/graphql/realtime'
 * realtimeUrl('https://localhost:4000/', '/graphql/realtime'); // 'wss://localhost:4000/graphql/realtime'
 */
export function realtimeUrl(pageUrl: string, path: string): string {
  const page = new URL(pageUrl);
  if (page.protocol !== 'http:' && page.protocol !== 'https:') {
    throw new TypeError(`The console must be served over http or https to open a real-time connection, not ${page.protocol}`);
  }
  const url = new URL(path, page.origin);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * The `host` of the authorization header object: the GraphQL endpoint's `host[:port]`, as
 * AppSync's clients send it (port included).
 *
 * @example
 * apiHost('http://127.0.0.1:4000/', '/graphql'); // '127.0.0.1:4000'
 */
export function apiHost(pageUrl: string, graphqlEndpoint: string): string {
  return new URL(graphqlEndpoint, pageUrl).host;
}
