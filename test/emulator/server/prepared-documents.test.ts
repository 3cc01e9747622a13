import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExecutableSchema } from '../../../emulator/graphql/executable-schema.ts';
import { prepareDocument, type ExecutionSettings } from '../../../emulator/graphql/execute-request.ts';
import { SCHEMA_PATH } from '../../../scripts/appsync-schema.ts';

const schema = buildExecutableSchema(readFileSync(SCHEMA_PATH, 'utf8'));
const settings = (introspection: boolean): ExecutionSettings => ({ queryDepthLimit: 15, resolverCountLimit: 1000, introspection });

describe('Emulator: prepared documents', () => {
  it('parses and validates a repeated document once', () => {
    // Prepare
    const open = settings(true);

    // Act
    const first = prepareDocument(schema, open, '{ me { sub } }');
    const second = prepareDocument(schema, open, '{ me { sub } }');

    // Assess
    expect('document' in first).toBe(true);
    expect(second).toBe(first);
  });

  it('remembers per settings, so introspection refused on one API stays refused', () => {
    // Prepare
    const query = '{ __schema { queryType { name } } }';

    // Act
    const allowed = prepareDocument(schema, settings(true), query);
    const refused = prepareDocument(schema, settings(false), query);

    // Assess
    expect('document' in allowed).toBe(true);
    expect('errors' in refused).toBe(true);
  });

  it('remembers a refusal too, and prepares long documents afresh', () => {
    // Prepare
    const open = settings(true);
    const long = `{ me { sub } } # ${'x'.repeat(20_000)}`;

    // Act
    const invalid = [prepareDocument(schema, open, '{ nope }'), prepareDocument(schema, open, '{ nope }')];
    const longOnes = [prepareDocument(schema, open, long), prepareDocument(schema, open, long)];

    // Assess
    expect('errors' in invalid[0]!).toBe(true);
    expect(invalid[1]).toBe(invalid[0]);
    expect(longOnes[1]).not.toBe(longOnes[0]);
    expect(longOnes[1]).toEqual(longOnes[0]);
  });
});
