/**
 * Machine callers in the stack: the resource server, the domain, one confidential
 * client-credentials client per machine role, and outputs that never hold a secret.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MACHINE_ROLES } from '../../infra/machine-clients.ts';
import { machineClientIdOutput, STACK_OUTPUTS } from '../../infra/stack-outputs.ts';
import { synthesize } from './helpers.ts';

type Resources = Record<string, { Properties: Record<string, any> }>;

const resources = (template: Template, type: string, props: Record<string, unknown> = {}): Resources =>
  template.findResources(type, { Properties: props }) as Resources;

describe('Infra: machine callers', () => {
  const { template } = synthesize();

  it('declares the resource server helpdesk with both scopes of the rule table', () => {
    // Act
    const [server, ...others] = Object.values(resources(template, 'AWS::Cognito::UserPoolResourceServer'));

    // Assess
    expect(others).toEqual([]);
    expect(server?.Properties.Identifier).toBe('helpdesk');
    expect(server?.Properties.Scopes.map((scope: { ScopeName: string }) => scope.ScopeName).sort()).toEqual(['tickets.read', 'tickets.triage']);
  });

  it('gives the pool a Cognito domain, prefixed by the stack name and account unless the context says otherwise', () => {
    // Prepare
    const custom = synthesize({ userPoolDomainPrefix: 'acme-helpdesk' }).template;

    // Act
    const [byDefault] = Object.values(resources(template, 'AWS::Cognito::UserPoolDomain'));
    const [chosen] = Object.values(resources(custom, 'AWS::Cognito::UserPoolDomain'));

    // Assess
    expect(byDefault?.Properties.Domain).toEqual({ 'Fn::Join': ['', ['helpdeskstack-', { Ref: 'AWS::AccountId' }]] });
    expect(chosen?.Properties.Domain).toBe('acme-helpdesk');
  });

  it('has one confidential client per machine role: a secret, the client-credentials flow only, its scopes only', () => {
    // Act
    const clients = Object.values(resources(template, 'AWS::Cognito::UserPoolClient', { GenerateSecret: true }));

    // Assess
    expect(clients).toHaveLength(MACHINE_ROLES.length);
    for (const role of MACHINE_ROLES) {
      const client = clients.find((candidate) => candidate.Properties.ClientName === `helpdesk-${role.name.toLowerCase()}`);
      expect(client?.Properties).toMatchObject({ AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, EnableTokenRevocation: true });
      expect(client?.Properties.ExplicitAuthFlows ?? []).not.toContain('ALLOW_USER_PASSWORD_AUTH');
      expect(client?.Properties.ExplicitAuthFlows ?? []).not.toContain('ALLOW_USER_SRP_AUTH');
      const scopes = (client?.Properties.AllowedOAuthScopes as unknown[]).map((scope) => JSON.stringify(scope));
      expect(scopes).toHaveLength(role.scopes.length);
      for (const scope of role.scopes) expect(scopes.some((text) => text.includes(scope.split('/')[1] as string))).toBe(true);
    }
  });

  it('outputs the token endpoint and every machine client id, and no secret', () => {
    // Prepare
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;

    // Assess
    expect(JSON.stringify(outputs[STACK_OUTPUTS.tokenEndpoint]?.Value)).toContain('/oauth2/token');
    for (const role of MACHINE_ROLES) {
      expect(outputs[machineClientIdOutput(role.name)]?.Value).toEqual({ Ref: expect.stringMatching(new RegExp(`${role.name}Client`)) });
    }
    expect(JSON.stringify(outputs)).not.toMatch(/ClientSecret/);
  });

  it('leaves them all out with machineCallers=false: no resource server, domain, secret client or output, and no machine client for the authorizer', () => {
    // Act
    const without = synthesize({ machineCallers: 'false' }).template;

    // Assess
    expect(Object.keys(resources(without, 'AWS::Cognito::UserPoolResourceServer'))).toEqual([]);
    expect(Object.keys(resources(without, 'AWS::Cognito::UserPoolDomain'))).toEqual([]);
    expect(Object.keys(resources(without, 'AWS::Cognito::UserPoolClient', { GenerateSecret: true }))).toEqual([]);
    expect(Object.keys(without.toJSON().Outputs as object)).not.toContain(STACK_OUTPUTS.tokenEndpoint);
    const authorizer = Object.values(resources(without, 'AWS::Lambda::Function')).find((fn) => fn.Properties.Environment?.Variables?.USER_POOL_ID !== undefined);
    expect(authorizer?.Properties.Environment.Variables.MACHINE_CLIENT_IDS).toBe('');
  });
});
