/**
 * Hostile queries through the emulator's real `POST /graphql`: aliases, fragments, directives,
 * other operations, connections and mutation payloads cannot reach a denied field
 * (`support/query-cases.ts`); the depth and resolver-count limits hold; introspection follows the
 * setting; oversized and malformed bodies and variables are refused cleanly: each case is
 * pinned to the exact status and body AppSync answers with (GraphQL errors with HTTP 200,
 * request errors with 400 or 413).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DENIED_FIELD_CASES, NON_STAFF_PERSONAS } from './support/query-cases.ts';
import { postGraphql, signInOverHttp, startHostileEmulator, type HostileEmulator, type SignedIn } from './support/hostile-emulator.ts';

const NON_STAFF = NON_STAFF_PERSONAS;
const SECRET = `SECRET-NOTES-${randomUUID()}`;

/** The AppSync shape of a request-level refusal. */
function expectRequestError(text: string, errorType: string): void {
  expect(JSON.parse(text)).toEqual({ errors: [{ errorType, message: expect.any(String) }] });
}

describe('Hostile queries over HTTP', () => {
  let target: HostileEmulator;
  const tokens = new Map<string, SignedIn>();
  let ticketId = '';
  let url = '';

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    target = await startHostileEmulator();
    url = target.emulator.graphqlUrl;
    for (const email of ['customer@example.com', 'other@example.com', 'agent@example.com', 'admin@example.com', 'unverified@example.com']) {
      tokens.set(email, await signInOverHttp(target.emulator, email));
    }
    const opened = await postGraphql(url, tokens.get('customer@example.com')!.idToken, { query: 'mutation { openTicket(input: { title: "Printer", body: "On fire" }) { id } }' });
    ticketId = (JSON.parse(opened.text) as { data: { openTicket: { id: string } } }).data.openTicket.id;
    const noted = await postGraphql(url, tokens.get('agent@example.com')!.idToken, {
      query: 'mutation ($id: ID!, $notes: String!) { setInternalNotes(id: $id, notes: $notes) { id } }',
      variables: { id: ticketId, notes: SECRET },
    });
    expect(noted.status).toBe(200);
  });

  afterAll(async () => {
    await target?.close();
    vi.restoreAllMocks();
  });

  it('shows the notes to staff through the same aliases and fragments (the cases are meaningful)', async () => {
    // Act
    const answers = await Promise.all(['agent@example.com', 'admin@example.com'].map((email) =>
      postGraphql(url, tokens.get(email)!.idToken, { query: DENIED_FIELD_CASES[3]!.query, variables: { id: ticketId } })));

    // Assess
    for (const answer of answers) expect(answer.text).toContain(SECRET);
  });

  const matrix = DENIED_FIELD_CASES.flatMap((entry) => NON_STAFF.map(([persona, email, kind]) => [`${entry.name}, as ${persona}`, entry, email, kind] as const));
  it.each(matrix)('does not reveal %s', async (_name, entry, email, kind) => {
    // Act
    const answer = await postGraphql(url, tokens.get(email)![kind], { query: entry.query, variables: { id: ticketId }, ...(entry.operationName === undefined ? {} : { operationName: entry.operationName }) });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain(SECRET);
    const body = JSON.parse(answer.text) as { errors?: Array<{ errorType?: string }> };
    expect(body.errors?.some((error) => error.errorType === 'Unauthorized')).toBe(true);
  });

  it('keeps the notes and the ticket unchanged after the denied mutations', async () => {
    // Act
    const deleted = await postGraphql(url, tokens.get('agent@example.com')!.idToken, { query: 'mutation ($id: ID!) { gone: deleteTicket(id: $id) { id } }', variables: { id: ticketId } });
    const read = await postGraphql(url, tokens.get('admin@example.com')!.idToken, { query: 'query ($id: ID!) { ticket(id: $id) { internalNotes assignee status } }', variables: { id: ticketId } });

    // Assess
    expect(JSON.parse(deleted.text)).toMatchObject({ data: { gone: null }, errors: [{ errorType: 'Unauthorized' }] });
    expect(JSON.parse(read.text)).toEqual({ data: { ticket: { internalNotes: SECRET, assignee: null, status: 'OPEN' } } });
  });

  describe('limits and request shapes', () => {
    const customer = () => tokens.get('customer@example.com')!.idToken;

    it('refuses a query deeper than the depth limit (introspection types nest)', async () => {
      // Prepare
      let selection = 'name';
      for (let level = 0; level < 20; level += 1) selection = `ofType { ${selection} }`;

      // Act
      const answer = await postGraphql(url, customer(), { query: `{ __type(name: "Ticket") { ${selection} } }` });

      // Assess
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({
        data: null,
        errors: [{ path: null, locations: [{ line: 1, column: 1, sourceName: null }], message: 'Query depth limit of 15 exceeded, found 22.' }],
      });
    });

    it('stops at the resolver-count limit (1001 aliases of a resolved field)', async () => {
      // Prepare
      const query = `{ ${Array.from({ length: 1001 }, (_, index) => `a${index}: me { sub }`).join(' ')} }`;

      // Act
      const answer = await postGraphql(url, customer(), { query });

      // Assess
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ data: null, errors: [{ errorType: 'ResolverCountLimitExceeded', path: ['a1000'] }] });
    });

    it('answers introspection when enabled and refuses it when disabled', async () => {
      // Prepare
      const closed = await startHostileEmulator({ introspection: false });
      try {
        const closedToken = (await signInOverHttp(closed.emulator, 'customer@example.com')).idToken;

        // Act
        const open = await postGraphql(url, customer(), { query: '{ __schema { queryType { name } } }' });
        const refused = await postGraphql(closed.emulator.graphqlUrl, closedToken, { query: '{ __schema { queryType { name } } }' });
        const aliased = await postGraphql(closed.emulator.graphqlUrl, closedToken, { query: '{ s: __schema { types { name } } }' });

        // Assess
        expect(JSON.parse(open.text)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
        const disabled = (field: string, line: number, column: number) => ({
          path: null,
          locations: [{ line, column, sourceName: null }],
          message: `Validation error: GraphQL introspection has been disabled, but the requested query contained the field "${field}".`,
        });
        expect(refused.status).toBe(200);
        expect(JSON.parse(refused.text)).toEqual({ data: null, errors: [disabled('__schema', 1, 3), disabled('queryType', 1, 14)] });
        expect(aliased.status).toBe(200);
        expect(JSON.parse(aliased.text)).toEqual({ data: null, errors: [disabled('__schema', 1, 3), disabled('types', 1, 17)] });
      } finally {
        await closed.close();
      }
    });

    it('refuses a body over 1 MiB, declared or streamed, and variables over 1 MiB, with 413', async () => {
      // Prepare
      const big = JSON.stringify({ query: '{ me { sub } }', padding: 'x'.repeat(1024 * 1024) });
      const chunks = [big.slice(0, 600_000), big.slice(600_000)];
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      });

      // Act
      const declared = await postGraphql(url, customer(), big);
      const streamed = await fetch(url, { method: 'POST', headers: { authorization: customer(), 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
      const variables = await postGraphql(url, customer(), { query: 'query ($x: String) { me { sub } }', variables: { x: 'y'.repeat(2 * 1024 * 1024) } });

      // Assess
      expect(declared.status).toBe(413);
      expectRequestError(declared.text, 'PayloadTooLargeException');
      expect(streamed.status).toBe(413);
      expectRequestError(await streamed.text(), 'PayloadTooLargeException');
      expect(variables.status).toBe(413);
      expectRequestError(variables.text, 'PayloadTooLargeException');
    });

    it('answers deeply nested, mistyped and malformed variables and bodies as AppSync does', async () => {
      // Act
      const plain = await postGraphql(url, customer(), { query: '{ me { sub } }' });
      const nested = await postGraphql(url, customer(), `{"query":"{ me { sub } }","variables":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
      const notObject = await postGraphql(url, customer(), { query: '{ me { sub } }', variables: 'x' });
      const notJson = await postGraphql(url, customer(), '{"query": "{ me { sub } }",');
      const longInput = await postGraphql(url, customer(), { query: 'mutation ($i: OpenTicketInput!) { openTicket(input: $i) { id } }', variables: { i: { title: 't'.repeat(900_000), body: 'b' } } });

      // Assess: a variable the operation does not declare is ignored, however deep
      expect(plain.status).toBe(200);
      expect(nested.status).toBe(200);
      expect(JSON.parse(nested.text)).toEqual(JSON.parse(plain.text));
      expect(JSON.parse(plain.text)).toEqual({ data: { me: { sub: expect.any(String) } } });
      expect(notObject.status).toBe(400);
      expectRequestError(notObject.text, 'MalformedHttpRequestException');
      expect(notJson.status).toBe(400);
      expectRequestError(notJson.text, 'MalformedHttpRequestException');
      expect(JSON.parse(longInput.text)).toMatchObject({ data: null, errors: [{ errorType: 'ValidationError' }] });
      expect(longInput.text.length).toBeLessThan(2_000);
    });

    it('refuses a selection set nested 5 000 levels deep and a field repeated 3 000 times with a GraphQL error, and keeps serving', async () => {
      // Act
      const deep = await postGraphql(url, customer(), { query: `{ me ${'{ sub '.repeat(5_000)}${'}'.repeat(5_000)} }` });
      const wide = await postGraphql(url, customer(), { query: `{ ${' me { sub }'.repeat(3_000)} }` });
      const after = await postGraphql(url, customer(), { query: '{ me { sub } }' });

      // Assess
      expect(deep.status).toBe(200);
      expect(JSON.parse(deep.text)).toEqual({ data: null, errors: [{ path: null, locations: null, message: 'Invalid Syntax : The document is nested too deeply.' }] });
      expect(wide.status).toBe(200);
      expect(JSON.parse(wide.text)).toEqual({ data: null, errors: [{ path: null, locations: null, message: 'Validation error: Validation aborted.' }] });
      expect(after.status).toBe(200);
      expect(JSON.parse(after.text)).toEqual({ data: { me: { sub: expect.any(String) } } });
    });
  });
});
