import { spawnSync } from 'node:child_process';
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

  it('carries the guard into the Node processes a test starts', () => {
    // Act
    const child = spawnSync(process.execPath, ['-e', "require('node:net').connect({ host: 'example.com', port: 443 })"], { encoding: 'utf8' });

    // Assess
    expect(child.status).not.toBe(0);
    expect(child.stderr).toMatch(/Tests may only connect to loopback addresses; refused a connection to example\.com/);
  });
});
