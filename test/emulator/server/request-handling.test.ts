/**
 * How `/graphql` treats requests before and around execution: AppSync's validation and scalar
 * errors, limits, bodies, denied fields reached through aliases and fragments, routes, the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphql, graphqlOk, persona, signInEveryone, startTestEmulator, type Persona } from './support/emulator-fixture.ts';

const LOCATION = { line: expect.any(Number), column: expect.any(Number), sourceName: null };

describe('Emulator: request handling', () => {
  let emulator: RunningEmulator;
  let logs: string[];
  let agent: Persona;
  let customer: Persona;
  let ticketId: string;

  beforeAll(async () => {
    ({ emulator, logs } = await startTestEmulator({ maxBodyBytes: 64 * 1024 }));
    const personas = await signInEveryone(emulator);
    agent = persona(personas, 'agent@example.com', 'id');
    customer = persona(personas, 'customer@example.com', 'id');
    const data = await graphqlOk(emulator, customer.token, 'mutation { openTicket(input: { title: "Requests", body: "x" }) { id } }');
    ticketId = (data.openTicket as { id: string }).id;
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('refuses a bad AWSEmail literal as a validation error in AppSync\'s shape', async () => {
    // Act
    const { status, body } = await graphql(emulator, agent.token, `mutation { assignTicket(id: "${ticketId}", assignee: "not-an-email") { id } }`);

    // Assess
    expect(status).toBe(200);
    expect(body).toEqual({
      data: null,
      errors: [{
        path: null,
        locations: [LOCATION],
        message: "Validation error of type WrongType: argument 'assignee' with value 'StringValue{value='not-an-email'}' is not a valid 'AWSEmail' @ 'assignTicket'",
      }],
    });
  });

  it('refuses a bad AWSEmail variable as AppSync does', async () => {
    // Act
    const { status, body } = await graphql(emulator, agent.token, 'mutation($id: ID!, $who: AWSEmail!) { assignTicket(id: $id, assignee: $who) { id } }', { id: ticketId, who: 'nobody' });

    // Assess
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([{ path: null, locations: [LOCATION], message: "Variable 'who' has an invalid value. Unable to parse `nobody` as a valid Email." }]);
  });

  it('names an unknown field as graphql-java does', async () => {
    // Act
    const { body } = await graphql(emulator, agent.token, '{ me { shoeSize } }');

    // Assess
    expect(body.errors).toEqual([expect.objectContaining({ path: null, message: "Validation error of type FieldUndefined: Field 'shoeSize' in type 'Identity' is undefined @ 'shoeSize'" })]);
  });

  it('reports a syntax error without running anything', async () => {
    // Act
    const { status, body } = await graphql(emulator, agent.token, '{ me { username }');

    // Assess
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/^Invalid Syntax : /);
  });

  it('enforces the stack\'s query depth limit', async () => {
    // Prepare: introspection nests as deep as one likes.
    let selection = 'name';
    for (let depth = 0; depth < 16; depth += 1) selection = `ofType { ${selection} }`;

    // Act
    const { body } = await graphql(emulator, agent.token, `{ __schema { types { fields { type { ${selection} } } } } }`);
    const standard = await graphql(emulator, agent.token, getIntrospectionQuery());

    // Assess
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/^Query depth limit of 15 exceeded/);
    expect(standard.body.errors).toBeUndefined();
  });

  it.each([
    ['an alias', (id: string) => `{ ticket(id: "${id}") { id secret: internalNotes } }`, ['ticket', 'secret']],
    ['a named fragment', (id: string) => `{ ticket(id: "${id}") { ...T } } fragment T on Ticket { id internalNotes }`, ['ticket', 'internalNotes']],
    ['an inline fragment', (id: string) => `{ ticket(id: "${id}") { ... on Ticket { internalNotes } id } }`, ['ticket', 'internalNotes']],
    ['myTickets.items', () => '{ myTickets(limit: 1) { items { id internalNotes } } }', ['myTickets', 'items', 0, 'internalNotes']],
  ] as const)('keeps internalNotes from a customer through %s', async (_name, query, path) => {
    // Act
    const { status, body } = await graphql(emulator, customer.token, query(ticketId));

    // Assess
    expect(status).toBe(200);
    expect(body.errors).toEqual([{ path, data: null, errorType: 'Unauthorized', errorInfo: null, locations: [LOCATION], message: 'Not Authorized to access internalNotes on type Ticket' }]);
    expect(JSON.stringify(body.data)).toContain('"internalNotes":null'.replace('internalNotes', String(path.at(-1))));
  });

  it('refuses an oversized body cleanly, and a malformed one', async () => {
    // Act
    const big = await fetch(emulator.graphqlUrl, { method: 'POST', headers: { authorization: agent.token }, body: JSON.stringify({ query: `{ me { username } }${' '.repeat(70_000)}` }) });
    const malformed = await fetch(emulator.graphqlUrl, { method: 'POST', headers: { authorization: agent.token }, body: '{"query": ' });
    const noQuery = await fetch(emulator.graphqlUrl, { method: 'POST', headers: { authorization: agent.token }, body: '{"variables": {}}' });

    // Assess
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ errors: [{ errorType: 'PayloadTooLargeException', message: expect.any(String) }] });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: expect.any(String) }] });
    expect(noQuery.status).toBe(400);
  });

  it('serves the JWKS, the console and JSON 404s', async () => {
    // Act
    const jwks = await fetch(emulator.jwksUrl);
    const page = await fetch(emulator.consoleUrl);
    const config = await fetch(`${emulator.url}/console/config.json`);
    const missing = await fetch(`${emulator.url}/nowhere`);

    // Assess
    expect(((await jwks.json()) as { keys: unknown[] }).keys).toHaveLength(2);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await config.json()).toMatchObject({ userPoolId: emulator.userPoolId, clientId: emulator.clientId });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ errors: [{ errorType: 'NotFoundException', message: expect.any(String) }] });
  });

  it("gives the console the authorizer's decision POST /graphql applies", async () => {
    // Act
    const decision = await fetch(`${emulator.url}/console/decision`, { method: 'POST', headers: { authorization: customer.token } });
    const refused = await fetch(`${emulator.url}/console/decision`, { method: 'POST', headers: { authorization: 'nope' } });

    // Assess
    expect(await decision.json()).toMatchObject({ isAuthorized: true, deniedFields: expect.arrayContaining(['Query.tickets', 'Ticket.internalNotes']) });
    expect(await refused.json()).toEqual({ isAuthorized: false });
  });

  it('logs one line per operation without the token', async () => {
    // Prepare
    logs.length = 0;

    // Act
    await graphql(emulator, customer.token, 'query WhoAmI { me { username } }');
    await fetch(emulator.graphqlUrl, { method: 'POST', headers: { authorization: customer.token }, body: JSON.stringify({ query: 'query WhoAmI { me { username } }', operationName: 'WhoAmI' }) });

    // Assess
    const lines = logs.filter((line) => line.startsWith('graphql '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^graphql WhoAmI /);
    expect(lines[1]).toMatch(/^graphql WhoAmI user=\S+ token=id denied=\d+ status=200 \d+ms$/);
    for (const line of logs) expect(line).not.toContain(customer.token.slice(0, 30));
  });
});
