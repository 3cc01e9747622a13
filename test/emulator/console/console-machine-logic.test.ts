/**
 * The console's machine sign-in and examples logic that needs no page: HTTP Basic client
 * authentication as the token endpoint reads it, the token a machine sends, the identity
 * query, and examples whose mutations reach subscribers.
 */
import { getNamedType, isObjectType, parse, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from '../../../scripts/appsync-schema.ts';
import { identityQuery } from '../../../emulator/console/browser/api-identity.ts';
import { EXAMPLES, PERSONAS } from '../../../emulator/console/browser/examples.ts';
import { basicClientAuthorization } from '../../../emulator/console/browser/oauth-token-client.ts';
import type { MachineSession, UserSession } from '../../../emulator/console/browser/session.ts';
import { chosenToken, chosenTokenUse } from '../../../emulator/console/browser/session-token.ts';

const schema = buildAppSyncSchema();

/** The fields each root mutation field of `query` selects directly, by the type it returns. */
function mutationSelections(query: string): Array<{ type: string; fields: string[] }> {
  const typeInfo = new TypeInfo(schema);
  const out: Array<{ type: string; fields: string[] }> = [];
  visit(
    parse(query),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (typeInfo.getParentType()?.name !== 'Mutation') return;
        const type = getNamedType(typeInfo.getType());
        if (!isObjectType(type)) return;
        out.push({ type: type.name, fields: (node.selectionSet?.selections ?? []).flatMap((selection) => (selection.kind === 'Field' ? [selection.name.value] : [])) });
      },
    }),
  );
  return out;
}

describe('Console machine sign-in: client authentication', () => {
  it('sends the client id and secret as HTTP Basic, form-encoded first as RFC 6749 says', () => {
    // Act
    const plain = basicClientAuthorization('localreportingclient', 'reporting-secret');
    const special = basicClientAuthorization('client+1', 'sé cret:x');

    // Assess
    expect(plain).toBe(`Basic ${Buffer.from('localreportingclient:reporting-secret').toString('base64')}`);
    expect(Buffer.from(special.slice('Basic '.length), 'base64').toString('utf8')).toBe('client%2B1:s%C3%A9+cret%3Ax');
  });

  it("sends a machine's access token whichever token is chosen, and a user's chosen one", () => {
    // Prepare
    const times = { issuedAt: 0, expiresAt: 1, refreshes: 0 };
    const machine: MachineSession = { kind: 'machine', clientId: 'localreportingclient', requestedScope: null, accessToken: 'machine-access', ...times };
    const user: UserSession = { kind: 'user', email: 'agent@example.com', idToken: 'user-id', accessToken: 'user-access', refreshToken: 'r', ...times };

    // Assess
    expect(chosenToken(machine, 'id')).toBe('machine-access');
    expect(chosenTokenUse(machine, 'id')).toBe('access');
    expect(chosenToken(user, 'id')).toBe('user-id');
    expect(chosenToken(user, 'access')).toBe('user-access');
    expect(chosenTokenUse(user, 'id')).toBe('id');
  });

  it('asks Query.me for the identity fields the schema has', () => {
    // Act
    const query = identityQuery(schema);

    // Assess
    expect(query).toBe('query ConsoleIdentity { me { kind clientId scopes } }');
    expect(identityQuery(buildAppSyncSchema('type Query { me: Identity } type Identity { sub: ID }'))).toBeNull();
  });
});

describe('Console examples: subscriptions', () => {
  it('has mutations that select id, and ticketId for a comment, so subscription filters can match', () => {
    // Act
    const selections = EXAMPLES.flatMap((example) => mutationSelections(example.query).map((selection) => ({ name: example.name, ...selection })));

    // Assess
    expect(selections.length).toBeGreaterThanOrEqual(7);
    for (const selection of selections) {
      expect(selection.fields, `${selection.name} selects id`).toContain('id');
      if (selection.type === 'Comment') expect(selection.fields, `${selection.name} selects ticketId`).toContain('ticketId');
    }
  });

  it('has examples for machine clients', () => {
    expect(PERSONAS).toContain('Machine clients (scopes)');
    expect(EXAMPLES.filter((example) => example.persona === 'Machine clients (scopes)').map((example) => example.name)).toEqual(['ReportOnTickets', 'TriageTicket']);
  });
});
