import https from 'node:https';
import net from 'node:net';
import { describe, expect, it } from 'vitest';

describe('Test setup: loopback only', () => {
  it('refuses a socket to a host other than this machine', () => {
    expect(() => net.connect({ host: 'cognito-idp.us-east-1.amazonaws.com', port: 443 })).toThrow(/loopback/);
  });

  it('refuses an HTTPS request to AWS, as aws-jwt-verify would make for an unknown kid', async () => {
    // Act
    const attempt = new Promise((resolve, reject) => {
      const request = https.get('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x/.well-known/jwks.json', resolve);
      request.on('error', reject);
    });

    // Assess
    await expect(attempt).rejects.toThrow(/loopback/);
  });
});
