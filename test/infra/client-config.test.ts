import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Amplify } from 'aws-amplify';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/node-function.ts';
import { amplifyConfigFrom, ClientConfigError, DEFAULT_OUTPUTS_FILE, parseArgs, readStackOutputs, realtimeEndpointNote } from '../../scripts/client-config.ts';

const outputs = {
  GraphqlUrl: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
  RealtimeUrl: 'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
  Region: 'eu-west-1',
  UserPoolId: 'eu-west-1_AbCdEf123',
  UserPoolClientId: '4h3g2f1e0d9c8b7a6z5y4x3w2v',
};
const cdkOutputsFile = { HelpdeskStack: outputs };
const describeStacks = {
  Stacks: [
    {
      StackName: 'HelpdeskStack',
      Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue, Description: '…' })),
    },
  ],
};
const expected = { graphqlUrl: outputs.GraphqlUrl, realtimeUrl: outputs.RealtimeUrl, region: outputs.Region, userPoolId: outputs.UserPoolId, userPoolClientId: outputs.UserPoolClientId };

describe('Infra: client-config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'client-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the outputs of cdk deploy --outputs-file and of describe-stacks alike', () => {
    // Assess
    expect(readStackOutputs(cdkOutputsFile)).toEqual(expected);
    expect(readStackOutputs(describeStacks)).toEqual(expected);
    expect(readStackOutputs({ 'Helpdesk-Staging': outputs, Other: {} }, 'Helpdesk-Staging')).toEqual(expected);
  });

  it('names what is missing', () => {
    // Assess
    expect(() => readStackOutputs({ HelpdeskStack: { ...outputs, GraphqlUrl: undefined } })).toThrow(/"GraphqlUrl"/);
    expect(() => readStackOutputs({ HelpdeskStack: { ...outputs, RealtimeUrl: '' } })).toThrow(/"RealtimeUrl"/);
    expect(() => readStackOutputs({ A: outputs, B: outputs })).toThrow(/no stack named HelpdeskStack .*--stack/);
    expect(() => readStackOutputs(describeStacks, 'Other')).toThrow(ClientConfigError);
  });

  it('gives a configuration Amplify v6 accepts, with lambda as the GraphQL auth mode', () => {
    // Act
    const config = amplifyConfigFrom(readStackOutputs(cdkOutputsFile));
    Amplify.configure(config);
    const configured = Amplify.getConfig();

    // Assess
    expect(configured.API?.GraphQL).toMatchObject({ endpoint: outputs.GraphqlUrl, region: 'eu-west-1', defaultAuthMode: 'lambda' });
    expect(configured.Auth?.Cognito).toMatchObject({ userPoolId: outputs.UserPoolId, userPoolClientId: outputs.UserPoolClientId, loginWith: { email: true } });
  });

  it('parses its command line', () => {
    // Assess
    expect(parseArgs([])).toEqual({ outputs: DEFAULT_OUTPUTS_FILE });
    expect(parseArgs(['-'])).toEqual({ outputs: '-' });
    expect(parseArgs(['--outputs', 'x.json', '--stack', 'S'])).toEqual({ outputs: 'x.json', stack: 'S' });
    expect(() => parseArgs(['--stack'])).toThrow(ClientConfigError);
    expect(() => parseArgs(['--region', 'x'])).toThrow(/Unknown option --region/);
  });

  it('prints the configuration from a file and from standard input', () => {
    // Prepare
    const file = join(dir, 'outputs.json');
    writeFileSync(file, JSON.stringify(cdkOutputsFile));
    const run = (args: string[], input?: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', 'client-config.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', input });

    // Act
    const fromFile = run(['--outputs', file]);
    const fromStdin = run(['-'], JSON.stringify(describeStacks));
    const missing = run(['--outputs', join(dir, 'none.json')]);

    // Assess
    expect(fromFile.status, fromFile.stderr).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual(amplifyConfigFrom(expected));
    expect(fromFile.stderr).toContain(`Real-time endpoint (subscriptions): ${outputs.RealtimeUrl} `);
    expect(fromFile.stderr).toBe(`${realtimeEndpointNote(expected)}\n`);
    expect(fromStdin.status, fromStdin.stderr).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual(amplifyConfigFrom(expected));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/npm run deploy/);
  });
});
