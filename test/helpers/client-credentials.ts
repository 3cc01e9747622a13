/**
 * A machine's access token from a Cognito token endpoint (`POST /oauth2/token`,
 * `grant_type=client_credentials`, HTTP Basic client credentials), asked for exactly as
 * `curl -u <client>:<secret> -d grant_type=client_credentials [-d scope=…]` asks for it.
 */

/**
 * @param scopes the `scope` to narrow to; `null` asks for none (every scope the client is allowed).
 * @example
 * const token = await clientCredentialsToken(emulator, 'localreportingclient', 'reporting-secret');
 */
export async function clientCredentialsToken(
  target: { readonly tokenEndpoint: string },
  clientId: string,
  secret: string,
  scopes: readonly string[] | null = null,
): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scopes !== null) form.set('scope', scopes.join(' '));
  const response = await fetch(target.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    body: form.toString(),
  });
  const body = (await response.json()) as { access_token?: unknown };
  if (response.status !== 200 || typeof body.access_token !== 'string') throw new Error(`no token for ${clientId}: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}
