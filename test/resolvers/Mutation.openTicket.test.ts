import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISO_TIME, ticketItem, ticketView, ULID } from './fixtures.ts';
import { makeContext, type PersonaName, type TokenKind } from './make-context.ts';
import { expectFieldError, runHandler, type HandlerOutcome } from './run-bundle.ts';

const BUNDLE = 'Mutation.openTicket.js';

function openTicket(input: { title: string; body: string }, persona: PersonaName = 'customer', token: TokenKind = 'id'): Promise<HandlerOutcome> {
  return runHandler(BUNDLE, 'request', makeContext({ field: 'Mutation.openTicket', persona, token, args: { input } }));
}

describe('Resolver: Mutation.openTicket', () => {
  it('puts a new OPEN ticket under a fresh ULID, on condition that the key is unused', async () => {
    // Act
    const outcome = await openTicket({ title: '  Printer on fire ', body: 'Floor 3.' });

    // Assess
    expect(outcome.error).toBeUndefined();
    const request = outcome.result as { key: { pk: { S: string } }; attributeValues: Record<string, { S: string }> };
    const id = request.attributeValues.id?.S ?? '';
    const createdAt = request.attributeValues.createdAt?.S ?? '';
    expect(id).toMatch(ULID);
    expect(createdAt).toMatch(ISO_TIME);
    expect(request).toEqual({
      operation: 'PutItem',
      key: { pk: { S: `TICKET#${id}` }, sk: { S: 'TICKET' } },
      attributeValues: {
        gsi1pk: { S: 'REPORTER#customer@example.com' },
        gsi1sk: { S: `${createdAt}#${id}` },
        gsi2pk: { S: 'STATUS#OPEN' },
        gsi2sk: { S: `${createdAt}#${id}` },
        gsi3pk: { S: 'TICKET' },
        gsi3sk: { S: `${createdAt}#${id}` },
        type: { S: 'Ticket' },
        id: { S: id },
        title: { S: 'Printer on fire' },
        body: { S: 'Floor 3.' },
        status: { S: 'OPEN' },
        reporter: { S: 'customer@example.com' },
        createdAt: { S: createdAt },
        updatedAt: { S: createdAt },
      },
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    });
  });

  it('gives a ValidationError to a 201-character title', async () => {
    // Act
    const outcome = await openTicket({ title: 'x'.repeat(201), body: 'Floor 3.' });

    // Assess
    expectFieldError(outcome, 'ValidationError', /input\.title must be at most 200 characters; it has 201/);
  });

  it('accepts a 200-character title and a 10 000-character body', async () => {
    // Act
    const outcome = await openTicket({ title: 't'.repeat(200), body: 'b'.repeat(10_000) });

    // Assess
    expect(outcome.error).toBeUndefined();
  });

  it('accepts exactly the titles that have 1 to 200 characters once trimmed', async () => {
    // Prepare
    const titles = fc.tuple(fc.constantFrom('', ' ', '  \n'), fc.string({ minLength: 0, maxLength: 230, unit: 'grapheme-ascii' }), fc.constantFrom('', ' ', '\t'));

    // Act & Assess
    await fc.assert(
      fc.asyncProperty(titles, async ([before, text, after]) => {
        const trimmed = `${before}${text}${after}`.trim();
        const outcome = await openTicket({ title: `${before}${text}${after}`, body: 'Floor 3.' });
        const valid = trimmed.length >= 1 && trimmed.length <= 200;
        expect(outcome.error === undefined).toBe(valid);
        if (valid) expect((outcome.result as { attributeValues: { title: { S: string } } }).attributeValues.title.S).toBe(trimmed);
        else expect(outcome.error?.errorType).toBe('ValidationError');
      }),
      { numRuns: 60 },
    );
  });

  it('gives a ValidationError to a 10 001-character body', async () => {
    // Act
    const outcome = await openTicket({ title: 'Printer', body: 'b'.repeat(10_001) });

    // Assess
    expectFieldError(outcome, 'ValidationError', /input\.body must be at most 10000 characters/);
  });

  it.each(['', '   ', '\n\t'])('gives a ValidationError to a title that is empty after trimming (%j)', async (title) => {
    // Act
    const outcome = await openTicket({ title, body: 'Floor 3.' });

    // Assess
    expectFieldError(outcome, 'ValidationError', /input\.title must not be empty/);
  });

  it('refuses a caller whose email is not verified, even if AppSync called the resolver', async () => {
    // Act
    const outcome = await openTicket({ title: 'Printer', body: 'Floor 3.' }, 'unverified');

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Mutation\.openTicket/);
  });

  it('refuses staff sending an access token that carries no email', async () => {
    // Act
    const outcome = await openTicket({ title: 'Printer', body: 'Floor 3.' }, 'agent', 'access');

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Mutation\.openTicket/);
  });

  it('returns the stored ticket', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.openTicket', persona: 'customer', args: { input: { title: 'Printer on fire', body: 'x' } }, result: ticketItem() });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.result).toEqual(ticketView());
  });

  it('reports a Conflict rather than overwriting when the key is taken', async () => {
    // Prepare
    const error = { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' };
    const ctx = makeContext({ field: 'Mutation.openTicket', persona: 'customer', args: { input: { title: 'a', body: 'b' } }, result: null, error });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expectFieldError(outcome, 'Conflict', /already exists/);
  });
});
