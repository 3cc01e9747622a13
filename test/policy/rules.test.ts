import { describe, expect, it } from 'vitest';
import {
  decide,
  deniedFields,
  fromResolverContext,
  isReporterOrStaff,
  rules,
  SCHEMA_FIELDS,
  toResolverContext,
  type Identity,
} from '../../policy/index.ts';
import { buildAppSyncSchema, objectFieldCoordinates } from '../../scripts/appsync-schema.ts';
import { renderSchemaFields, SCHEMA_FIELDS_PATH } from '../../scripts/generate-schema-fields.ts';
import { readFileSync } from 'node:fs';

const schemaFields = objectFieldCoordinates(buildAppSyncSchema());

const identity = (overrides: Partial<Identity> = {}): Identity => ({
  kind: 'USER',
  sub: 'sub-1',
  username: 'user-1',
  clientId: 'client-1',
  scopes: [],
  email: 'customer@example.com',
  emailVerified: true,
  groups: [],
  tokenUse: 'id',
  ...overrides,
});

describe('Policy: rule table', () => {
  it.each(schemaFields)('covers %s of schema.graphql', (coordinate) => {
    expect(rules[coordinate], `schema field ${coordinate} has no rule in policy/rules.ts`).toBeDefined();
  });

  it('names no field that schema.graphql lacks', () => {
    const unknown = Object.keys(rules).filter((coordinate) => !schemaFields.includes(coordinate));
    expect(unknown, `rules for fields missing from the schema: ${unknown.join(', ')}`).toEqual([]);
  });

  it('is generated into policy/schema-fields.generated.ts from the current schema', () => {
    expect(readFileSync(SCHEMA_FIELDS_PATH, 'utf8'), 'run `npm run build` to regenerate it').toBe(renderSchemaFields());
    expect([...SCHEMA_FIELDS]).toEqual(schemaFields);
  });

  it('denies a field the table does not name, to everyone', () => {
    // Prepare
    const admin = identity({ groups: ['admins', 'agents'] });

    // Act
    const allowed = decide(admin, rules['Query.somethingNew']);

    // Assess
    expect(allowed).toBe(false);
  });

  it('denies everyone for an empty allow list', () => {
    expect(decide(identity({ groups: ['admins'] }), { allow: [], item: null })).toBe(false);
  });

  it('gives admins every field and denies them nothing', () => {
    expect(deniedFields(identity({ groups: ['admins'] }))).toEqual([]);
  });

  it.each(['Subscription.onTicketChanged', 'Subscription.onCommentAdded'])(
    'lets %s be subscribed to by a verified email or staff, and by nobody else',
    (coordinate) => {
      // Prepare
      const callers: Array<[string, Identity, boolean]> = [
        ['a verified email', identity(), true],
        ['an agent without email', identity({ email: null, emailVerified: false, groups: ['agents'] }), true],
        ['an admin without email', identity({ email: null, emailVerified: false, groups: ['admins'] }), true],
        ['an unverified email', identity({ emailVerified: false }), false],
        ['no email and no group', identity({ email: null, emailVerified: false }), false],
      ];

      // Act
      const decisions = callers.map(([name, caller]) => [name, decide(caller, rules[coordinate])]);

      // Assess
      expect(decisions).toEqual(callers.map(([name, , allowed]) => [name, allowed]));
      expect(rules[coordinate]?.item, 'the resolver applies reporterOrStaff to the ticket').toBe('reporterOrStaff');
    },
  );

  it('lets only staff subscribe to Subscription.onTicketActivity', () => {
    // Prepare
    const rule = rules['Subscription.onTicketActivity'];

    // Act
    const decisions = [
      decide(identity({ groups: ['agents'], email: null, emailVerified: false }), rule),
      decide(identity({ groups: ['admins'] }), rule),
      decide(identity(), rule),
      decide(identity({ groups: ['customers'] }), rule),
    ];

    // Assess
    expect(decisions).toEqual([true, true, false, false]);
  });

  it('treats an unverified or missing email as no email', () => {
    expect(deniedFields(identity({ emailVerified: false }))).toContain('Query.myTickets');
    expect(deniedFields(identity({ email: null, emailVerified: true }))).toContain('Mutation.openTicket');
    expect(deniedFields(identity({ email: '', emailVerified: true }))).toContain('Mutation.openTicket');
  });
});

describe('Policy: item rule reporterOrStaff', () => {
  it.each([
    ['the reporter with a verified email', identity(), 'customer@example.com', true],
    ['the reporter, whatever the case of the email', identity({ email: 'Customer@Example.com' }), 'customer@EXAMPLE.com', true],
    ['the reporter with an unverified email', identity({ emailVerified: false }), 'customer@example.com', false],
    ['another customer', identity({ email: 'other@example.com' }), 'customer@example.com', false],
    ['an agent without email', identity({ email: null, emailVerified: false, groups: ['agents'] }), 'customer@example.com', true],
    ['an admin', identity({ email: null, emailVerified: false, groups: ['admins'] }), 'customer@example.com', true],
    ['a caller with no email and no group', identity({ email: null, emailVerified: false }), '', false],
  ])('%s: %s', (_name, caller, reporter, expected) => {
    expect(isReporterOrStaff(caller, reporter)).toBe(expected);
  });
});

describe('Policy: resolverContext', () => {
  it('round-trips an identity through the flat string resolverContext', () => {
    // Prepare
    const original = identity({ groups: ['agents'], tokenUse: 'access', email: null, emailVerified: false });

    // Act
    const context = toResolverContext(original);

    // Assess
    expect(Object.values(context).every((value) => typeof value === 'string')).toBe(true);
    expect(fromResolverContext(context)).toEqual(original);
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['malformed groups', { groups: 'agents', emailVerified: 'yes', tokenUse: 'ID' }],
    ['groups that are not strings', { groups: '[1, {"a": 2}]' }],
  ])('reads %s as the least privileged identity', (_name, context) => {
    // Act
    const result = fromResolverContext(context as never);

    // Assess
    expect(result.groups).toEqual([]);
    expect(result.emailVerified).toBe(false);
    expect(deniedFields(result)).toContain('Query.tickets');
  });
});
