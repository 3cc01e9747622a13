import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nagSummary } from '../../infra/nag.ts';
import { PROJECT_ROOT } from '../../infra/node-function.ts';

/** The environment of a machine that has never seen AWS: no credentials, no profile, no IMDS. */
function environmentWithoutAws(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_') && !key.startsWith('CDK_')) env[key] = value;
  return {
    ...env,
    AWS_CONFIG_FILE: join(tmpdir(), 'no-such-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'no-such-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

describe('Infra: cdk synth', () => {
  let outdir: string;
  let result: ReturnType<typeof spawnSync>;
  let seconds: number;

  beforeAll(() => {
    // Prepare
    outdir = mkdtempSync(join(tmpdir(), 'helpdesk-cdk-out-'));
    const started = Date.now();

    // Act: the real CLI and app command of cdk.json, with bundling and validation
    result = spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--output', outdir], {
      cwd: PROJECT_ROOT,
      env: environmentWithoutAws(),
      encoding: 'utf8',
      timeout: 110_000,
    });
    seconds = (Date.now() - started) / 1000;
  }, 120_000);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it('synthesizes with no AWS credentials, cdk-nag reporting no error', () => {
    // Assess
    const stderr = String(result.stderr);
    expect(result.error).toBeUndefined();
    expect(result.status, stderr).toBe(0);
    expect(stderr).toContain(nagSummary('AwsSolutions', 0, 0));
    expect(stderr).not.toMatch(/AwsSolutions-[A-Z]+\d/);
    expect(existsSync(join(outdir, 'HelpdeskStack.template.json'))).toBe(true);
    console.info(`cdk synth took ${seconds.toFixed(1)} s`);
  });

  it('bundles the authorizer and the trigger as minified ESM with source maps', () => {
    // Prepare
    const template = JSON.parse(readFileSync(join(outdir, 'HelpdeskStack.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    };
    const assetDirs = Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((resource) => resource.Metadata?.['aws:asset:path']);

    // Assess
    expect(assetDirs).toHaveLength(2);
    for (const assetDir of assetDirs) {
      const files = readdirSync(join(outdir, assetDir!)).sort();
      expect(files).toEqual(['index.mjs', 'index.mjs.map']);
      const code = readFileSync(join(outdir, assetDir!, 'index.mjs'), 'utf8');
      expect(code).toMatch(/\bexport\s*\{/);
      expect(code).toContain('sourceMappingURL=index.mjs.map');
      expect(code.split('\n').length).toBeLessThan(10);
      expect(JSON.parse(readFileSync(join(outdir, assetDir!, 'index.mjs.map'), 'utf8'))).not.toHaveProperty('sourcesContent');
    }
  });
});
