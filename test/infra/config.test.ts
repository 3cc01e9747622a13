import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, readConfig } from '../../infra/config.ts';

const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

const from =
  (context: Record<string, unknown>) =>
  (key: string): unknown =>
    context[key];

describe('Infra: readConfig', () => {
  it('gives the defaults when no context is set', () => {
    // Act
    const config = readConfig(from({}));

    // Assess
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config).toMatchObject({ accessTokenEmail: false, authTtlSeconds: 300, tokenValidityMinutes: 60, introspection: true, xray: false, removalPolicy: 'retain' });
  });

  it('agrees with the defaults cdk.json documents', () => {
    // Act
    const config = readConfig(from(CDK_JSON_CONTEXT));

    // Assess
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('reads the strings `-c key=value` passes', () => {
    // Act
    const config = readConfig(
      from({
        stackName: 'Helpdesk-Staging',
        accessTokenEmail: 'true',
        authTtlSeconds: '0',
        tokenValidityMinutes: '15',
        introspection: 'false',
        xray: 'true',
        removalPolicy: 'destroy',
        userPoolDomainPrefix: 'helpdesk-staging',
        machineCallers: 'false',
      }),
    );

    // Assess
    expect(config).toEqual({
      stackName: 'Helpdesk-Staging',
      accessTokenEmail: true,
      authTtlSeconds: 0,
      tokenValidityMinutes: 15,
      introspection: false,
      xray: true,
      removalPolicy: 'destroy',
      userPoolDomainPrefix: 'helpdesk-staging',
      machineCallers: false,
    });
  });

  it('reads the JSON values of cdk.json', () => {
    // Act
    const config = readConfig(from({ accessTokenEmail: true, authTtlSeconds: 3600, introspection: false }));

    // Assess
    expect(config).toMatchObject({ accessTokenEmail: true, authTtlSeconds: 3600, introspection: false });
  });

  it.each([
    ['accessTokenEmail', 'yes'],
    ['accessTokenEmail', 1],
    ['introspection', 'off'],
    ['xray', ''],
    ['authTtlSeconds', '3601'],
    ['authTtlSeconds', '-1'],
    ['authTtlSeconds', '1.5'],
    ['authTtlSeconds', '5m'],
    ['tokenValidityMinutes', '4'],
    ['tokenValidityMinutes', 1441],
    ['removalPolicy', 'snapshot'],
    ['stackName', '1stack'],
    ['stackName', 'my_stack'],
    ['machineCallers', 'no'],
    ['userPoolDomainPrefix', 'Helpdesk'],
    ['userPoolDomainPrefix', '-helpdesk'],
    ['userPoolDomainPrefix', 'my-aws-helpdesk'],
    ['userPoolDomainPrefix', 'cognito-login'],
  ])('refuses %s = %j, naming the key', (key, value) => {
    // Act
    const act = () => readConfig(from({ [key]: value }));

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(new RegExp(`Context "${key}"`));
  });
});
