/**
 * Machine callers end to end, as a backend job would do it with curl: a client-credentials token
 * from the started emulator's `POST /oauth2/token` (`curl -u <client>:<secret> -d
 * grant_type=client_credentials -d scope=…`), sent as the raw `Authorization` header of
 * `POST /graphql`. The read scope lists tickets, only the triage scope sets a status, no machine
 * ever reads `internalNotes`, and `Query.me` describes the machine as its client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphqlOk, PASSWORD, startTestEmulator } from './support/emulator-fixture.ts';

const READ = 'helpdesk/tickets.read';
const TRIAGE = 'helpdesk/tickets.triage';
const NOTES = 'Refund approved by the team lead';

/**
 * `curl -s <tokenEndpoint> -u <client>:<secret> -d grant_type=client_credentials [-d scope=<scope>]`,
 * byte for byte: curl joins its `-d` values with `&` and sends them as written. `null`: no scope.
 */
async function curlToken(emulator: RunningEmulator, clientId: string, secret: string, scope: string | null): Promise<Response> {
  return fetch(emulator.tokenEndpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: scope === null ? 'grant_type=client_credentials' : `grant_type=client_credentials&scope=${scope}`,
  });
}

/** `curl -s <graphqlUrl> -H "Authorization: $TOKEN" -H 'Content-Type: application/json' -d '{"query":…}'`. */
async function curlGraphql(emulator: RunningEmulator, authorization: string, query: string): Promise<{ status: number; body: { data?: Record<string, any> | null; errors?: Array<Record<string, unknown>> } }> {
  const response = await fetch(emulator.graphqlUrl, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, any> | null; errors?: Array<Record<string, unknown>> } };
}

function notAuthorized(path: Array<string | number>, typeName: string, fieldName: string) {
  return {
    path,
    data: null,
    errorType: 'Unauthorized',
    errorInfo: null,
    locations: [expect.objectContaining({ line: expect.any(Number), column: expect.any(Number) })],
    message: `Not Authorized to access ${fieldName} on type ${typeName}`,
  };
}

describe('Emulator: machine callers with client-credentials tokens', () => {
  let emulator: RunningEmulator;
  let customer: string;
  let agent: string;
  /** The reporting client's token (read scope) and the triage client's (read and triage). */
  const tokens = { reporting: '', triage: '' };

  /** A customer's ticket with staff notes on it, so that a leak of them would show. */
  async function ticketWithNotes(title: string): Promise<string> {
    const opened = await graphqlOk(emulator, customer, `mutation { openTicket(input: { title: "${title}", body: "It broke" }) { id } }`);
    const id = (opened.openTicket as { id: string }).id;
    await graphqlOk(emulator, agent, 'mutation($id: ID!, $notes: String!) { setInternalNotes(id: $id, notes: $notes) { id } }', { id, notes: NOTES });
    return id;
  }

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    customer = (await emulator.identityProvider.signIn('customer@example.com', PASSWORD)).idToken;
    agent = (await emulator.identityProvider.signIn('agent@example.com', PASSWORD)).idToken;
    const reporting = await curlToken(emulator, 'localreportingclient', 'reporting-secret', READ);
    // No scope asked for: every scope the client is allowed.
    const triage = await curlToken(emulator, 'localtriageclient', 'triage-secret', null);
    expect([reporting.status, triage.status]).toEqual([200, 200]);
    tokens.reporting = ((await reporting.json()) as { access_token: string }).access_token;
    tokens.triage = ((await triage.json()) as { access_token: string }).access_token;
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it.each(['reporting', 'triage'] as const)('lists the tickets with the read scope (the %s client)', async (client) => {
    // Prepare
    const id = await ticketWithNotes(`Listed for ${client}`);

    // Act
    const answer = await curlGraphql(emulator, tokens[client], 'query { tickets { items { id title status } } }');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).not.toHaveProperty('errors');
    expect(answer.body.data?.tickets.items).toContainEqual({ id, title: `Listed for ${client}`, status: 'OPEN' });
  });

  it('refuses setTicketStatus to the reporting client (read scope only) and leaves the ticket unchanged', async () => {
    // Prepare
    const id = await ticketWithNotes('Not for the reporting client');
    const read = 'query($id: ID!) { ticket(id: $id) { status updatedAt } }';
    const before = await graphqlOk(emulator, agent, read, { id });

    // Act
    const answer = await curlGraphql(emulator, tokens.reporting, `mutation { setTicketStatus(id: "${id}", status: RESOLVED) { id status } }`);

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: null, errors: [notAuthorized(['setTicketStatus'], 'Mutation', 'setTicketStatus')] });
    expect(before.ticket).toMatchObject({ status: 'OPEN' });
    expect(await graphqlOk(emulator, agent, read, { id })).toEqual(before);
  });

  it('lets the triage client set the status, which every reader then sees', async () => {
    // Prepare
    const id = await ticketWithNotes('For the triage client');

    // Act
    const answer = await curlGraphql(emulator, tokens.triage, `mutation { setTicketStatus(id: "${id}", status: IN_PROGRESS) { id status } }`);

    // Assess
    expect(answer).toEqual({ status: 200, body: { data: { setTicketStatus: { id, status: 'IN_PROGRESS' } } } });
    const seenByAgent = await graphqlOk(emulator, agent, 'query($id: ID!) { ticket(id: $id) { status } }', { id });
    const seenByReporting = await curlGraphql(emulator, tokens.reporting, `query { ticket(id: "${id}") { status } }`);
    expect(seenByAgent.ticket).toEqual({ status: 'IN_PROGRESS' });
    expect(seenByReporting.body).toEqual({ data: { ticket: { status: 'IN_PROGRESS' } } });
  });

  it.each(['reporting', 'triage'] as const)('never shows internalNotes to the %s client, even selected: null with an Unauthorized entry', async (client) => {
    // Prepare
    const id = await ticketWithNotes(`Notes hidden from ${client}`);

    // Act
    const one = await curlGraphql(emulator, tokens[client], `query { ticket(id: "${id}") { id internalNotes } }`);
    const listed = await curlGraphql(emulator, tokens[client], 'query { tickets(limit: 1) { items { id internalNotes } } }');
    const changed = client === 'triage' ? await curlGraphql(emulator, tokens.triage, `mutation { setTicketStatus(id: "${id}", status: RESOLVED) { id internalNotes } }`) : null;

    // Assess
    expect(one.body).toEqual({ data: { ticket: { id, internalNotes: null } }, errors: [notAuthorized(['ticket', 'internalNotes'], 'Ticket', 'internalNotes')] });
    expect(listed.body).toEqual({ data: { tickets: { items: [{ id, internalNotes: null }] } }, errors: [notAuthorized(['tickets', 'items', 0, 'internalNotes'], 'Ticket', 'internalNotes')] });
    if (changed !== null) {
      expect(changed.body).toEqual({ data: { setTicketStatus: { id, internalNotes: null } }, errors: [notAuthorized(['setTicketStatus', 'internalNotes'], 'Ticket', 'internalNotes')] });
    }
    for (const answer of [one, listed, changed]) expect(JSON.stringify(answer)).not.toContain(NOTES);
    const staffView = await graphqlOk(emulator, agent, 'query($id: ID!) { ticket(id: $id) { internalNotes } }', { id });
    expect(staffView.ticket).toEqual({ internalNotes: NOTES });
  });

  it.each([
    ['reporting', 'localreportingclient', [READ]],
    ['triage', 'localtriageclient', [READ, TRIAGE]],
  ] as const)('describes the %s client in Query.me: kind MACHINE, its client id as username, its scopes', async (client, clientId, scopes) => {
    // Act
    const answer = await curlGraphql(emulator, tokens[client], 'query { me { kind clientId scopes username sub tokenUse email emailVerified groups } }');

    // Assess
    expect(answer.body).toEqual({
      data: { me: { kind: 'MACHINE', clientId, scopes: [...scopes], username: clientId, sub: clientId, tokenUse: 'ACCESS', email: null, emailVerified: false, groups: [] } },
    });
  });

  it('takes the machine token with a Bearer prefix too, as access tokens are sent in the README', async () => {
    // Act
    const answer = await curlGraphql(emulator, `Bearer ${tokens.reporting}`, 'query { me { kind clientId } }');

    // Assess
    expect(answer).toEqual({ status: 200, body: { data: { me: { kind: 'MACHINE', clientId: 'localreportingclient' } } } });
  });
});
