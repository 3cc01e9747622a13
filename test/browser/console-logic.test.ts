/**
 * The console's page logic that needs no page: summaries of API answers, claims, the fields an
 * operation touches, the examples.
 */
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from '../../scripts/appsync-schema.ts';
import { ticketIdIn } from '../../emulator/console/browser/api-fetcher.ts';
import { EXAMPLES, exampleVariables } from '../../emulator/console/browser/examples.ts';
import { decodeClaims, expiresAtMs, formatDuration } from '../../emulator/console/browser/jwt-claims.ts';
import { rootFields, touchedFields } from '../../emulator/console/browser/operation-fields.ts';
import { summarizeResponse } from '../../emulator/console/browser/response-summary.ts';
import { fieldCoordinate } from '../../emulator/console/decision.ts';

const schema = buildAppSyncSchema();

function jwt(payload: object): string {
  return `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;
}

describe('Console logic: answers', () => {
  it('names a denied field and where it was', () => {
    // Act
    const summary = summarizeResponse(
      200,
      { data: { ticket: { id: '1', internalNotes: null } }, errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access internalNotes on type Ticket', path: ['ticket', 'internalNotes'] }] },
      true,
    );

    // Assess
    expect(summary).toEqual({
      tone: 'warning',
      title: 'HTTP 200 with 1 error (authorization), partial data',
      lines: ["Denied field Ticket.internalNotes at ticket.internalNotes: it is in this token's deniedFields, so AppSync returned null for it."],
    });
  });

  it('tells a refused token from a missing one', () => {
    // Prepare
    const body = { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] };

    // Act
    const refused = summarizeResponse(401, body, true);
    const missing = summarizeResponse(401, body, false);

    // Assess
    expect(refused.tone).toBe('error');
    expect(refused.lines[0]).toContain('isAuthorized: false');
    expect(missing.lines[0]).toContain('No token was sent');
  });

  it('reports request errors and clean answers', () => {
    expect(summarizeResponse(413, { errors: [{ errorType: 'PayloadTooLargeException', message: 'too big' }] }, true)).toEqual({
      tone: 'error',
      title: 'HTTP 413: the request was refused before execution',
      lines: ['PayloadTooLargeException: too big'],
    });
    expect(summarizeResponse(200, { data: { me: {} } }, true)).toEqual({ tone: 'ok', title: 'HTTP 200: data, no errors', lines: [] });
  });

  it('finds the ticket id an answer carries', () => {
    expect(ticketIdIn({ data: { openTicket: { id: 'T1' } } })).toBe('T1');
    expect(ticketIdIn({ data: { tickets: { items: [{ id: 'T2' }, { id: 'T3' }] } } })).toBe('T2');
    expect(ticketIdIn({ data: { myTickets: { items: [] } } })).toBeNull();
    expect(ticketIdIn({ errors: [] })).toBeNull();
  });
});

describe('Console logic: tokens', () => {
  it('decodes claims, UTF-8 included, and refuses what is not a JWT', () => {
    // Prepare
    const token = jwt({ token_use: 'id', name: 'Zoë', exp: 1_800_000_000 });

    // Act
    const claims = decodeClaims(token);

    // Assess
    expect(claims).toEqual({ token_use: 'id', name: 'Zoë', exp: 1_800_000_000 });
    expect(expiresAtMs(claims)).toBe(1_800_000_000_000);
    expect(decodeClaims('not-a-token')).toBeNull();
    expect(decodeClaims('a.!!!.c')).toBeNull();
  });

  it('formats the countdown', () => {
    expect(formatDuration(61_500)).toBe('1:01');
    expect(formatDuration(3_600_000)).toBe('1:00:00');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('shortens field ARNs in deniedFields to coordinates', () => {
    expect(fieldCoordinate('arn:aws:appsync:eu-west-1:123456789012:apis/abc/types/Mutation/fields/deleteTicket')).toBe('Mutation.deleteTicket');
    expect(fieldCoordinate('Query.tickets')).toBe('Query.tickets');
  });
});

describe('Console logic: operations', () => {
  it('lists the fields an operation selects, through fragments and variables', () => {
    // Act
    const fields = touchedFields(schema, 'query Q($id: ID!) { ticket(id: $id) { ...T comments { author } } } fragment T on Ticket { internalNotes }');

    // Assess
    expect([...(fields ?? [])].sort()).toEqual(['Comment.author', 'Query.ticket', 'Ticket.comments', 'Ticket.internalNotes']);
    expect(touchedFields(schema, '{ me {')).toBeNull();
  });

  it('lists the root fields of the schema the console shows', () => {
    expect(rootFields(schema)).toEqual([
      { type: 'Query', fields: ['me', 'ticket', 'myTickets', 'tickets'] },
      { type: 'Mutation', fields: ['openTicket', 'addComment', 'assignTicket', 'setTicketStatus', 'setInternalNotes', 'deleteTicket'] },
      { type: 'Subscription', fields: ['onTicketChanged', 'onCommentAdded', 'onTicketActivity'] },
    ]);
  });

  it('has examples that are valid against the schema, with ids filled in', () => {
    // Act
    const problems = EXAMPLES.flatMap((example) => validate(schema, parse(example.query)).map((error) => `${example.name}: ${error.message}`));
    const ticket = EXAMPLES.find((example) => example.name === 'Ticket');

    // Assess
    expect(problems).toEqual([]);
    expect(EXAMPLES.map((example) => example.name)).toEqual(expect.arrayContaining(['Me', 'MyTickets', 'Tickets', 'DeleteTicket']));
    expect(ticket === undefined ? null : JSON.parse(exampleVariables(ticket, 'T9'))).toEqual({ id: 'T9' });
  });
});
