/**
 * A GET sent with `node:https`'s `request`, as aws-jwt-verify fetches a JWKS: the emulator
 * answers a Cognito JWKS URL in process by intercepting that function, so this is how a test
 * reaches `https://cognito-idp…/jwks.json` without leaving the machine (`fetch` would not be
 * intercepted).
 */
import https from 'node:https';

/** What came back: the status code (0 when Node reports none) and the body as UTF-8 text. */
export interface HttpsAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * GETs `url` through `https.request`; rejects when the request fails (in the tests, whatever the
 * emulator does not answer in process: the loopback-only setup refuses it).
 *
 * @example
 * const { status, body } = await getThroughHttps('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_localdev/.well-known/jwks.json');
 */
export function getThroughHttps(url: string): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end();
  });
}
