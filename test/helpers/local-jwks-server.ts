/**
 * A JWKS endpoint on 127.0.0.1 whose behavior a test switches at will, and a fetcher that sends
 * aws-jwt-verify's requests for `https://cognito-idp…/jwks.json` there instead. The library
 * derives the JWKS URL from the pool id and refuses `http:`; only the address is redirected,
 * everything else (caching, throttling, timeouts, parsing) is the real code path.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fetcher } from 'aws-jwt-verify/https';

/** What the endpoint does with the next requests. */
export type JwksBehavior =
  | { readonly kind: 'serve'; readonly jwks: unknown }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'malformed' };

/** A running local JWKS endpoint. */
export interface LocalJwksServer {
  readonly origin: string;
  /** Number of requests received so far. */
  readonly requests: () => number;
  behave(behavior: JwksBehavior): void;
  /** A fetcher that redirects any JWKS URL to this server. */
  readonly fetcher: Fetcher;
  close(): Promise<void>;
}

/** Starts the endpoint on a free loopback port. */
export async function startLocalJwksServer(initial: JwksBehavior): Promise<LocalJwksServer> {
  let behavior = initial;
  let requests = 0;
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((_request, response) => {
    requests += 1;
    if (behavior.kind === 'hang') {
      hanging.add(response);
      return;
    }
    if (behavior.kind === 'status') {
      response.writeHead(behavior.status, { 'content-type': 'text/plain' }).end('Internal error');
      return;
    }
    const body = behavior.kind === 'malformed' ? '{"keys": [ {"kty": "RSA", ' : JSON.stringify(behavior.jwks);
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fetcher: Fetcher = {
    async fetch(uri: string): Promise<ArrayBuffer> {
      const response = await fetch(`${origin}${new URL(uri).pathname}`);
      if (response.status !== 200) throw new Error(`JWKS endpoint answered ${response.status}`);
      return response.arrayBuffer();
    },
  };

  return {
    origin,
    requests: () => requests,
    behave: (next) => {
      behavior = next;
    },
    fetcher,
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
