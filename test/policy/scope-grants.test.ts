/**
 * Scope grants and machine identities in the rule table's evaluation.
 */
import { describe, expect, it } from 'vitest';
import { decide, fromResolverContext, holdsScopeGrant, isReporterOrStaff, rules, toResolverContext, type Identity } from '../../policy/index.ts';

const machine = (scopes: readonly string[]): Identity => ({
  kind: 'MACHINE',
  sub: 'reportingclient',
  username: 'reportingclient',
  clientId: 'reportingclient',
  email: null,
  emailVerified: false,
  groups: [],
  scopes,
  tokenUse: 'access',
});

describe('Policy: scope grants', () => {
  it('lets a scope through only where the table grants it', () => {
    // Prepare
    const reader = machine(['helpdesk/tickets.read']);

    // Act
    const allowed = ['Query.tickets', 'Query.ticket', 'Ticket.comments', 'Mutation.setTicketStatus', 'Ticket.internalNotes'].map((coordinate) => decide(reader, rules[coordinate]));

    // Assess
    expect(allowed).toEqual([true, true, true, false, false]);
  });

  it('never reads a group as a scope, nor a scope as a group', () => {
    // Prepare: a Cognito group named like a scope, and a scope named like a group.
    const groupNamedLikeScope: Identity = { ...machine([]), kind: 'USER', groups: ['helpdesk/tickets.read'] };
    const scopeNamedLikeGroup = machine(['agents', 'admins']);

    // Act
    const results = [decide(groupNamedLikeScope, rules['Query.tickets']), decide(scopeNamedLikeGroup, rules['Query.tickets'])];

    // Assess
    expect(results).toEqual([false, false]);
  });

  it('lets a scope grant skip the item rule, and nothing else skips it', () => {
    expect(holdsScopeGrant(machine(['helpdesk/tickets.read']), rules['Query.ticket'])).toBe(true);
    expect(holdsScopeGrant(machine(['helpdesk/tickets.triage']), rules['Query.ticket'])).toBe(false);
    expect(holdsScopeGrant(machine(['helpdesk/tickets.read']), rules['Mutation.addComment'])).toBe(false);
    expect(holdsScopeGrant(machine(['helpdesk/tickets.read']), undefined)).toBe(false);
  });

  it('never counts a machine as staff or as holding a verified email, whatever else its identity says', () => {
    // Prepare
    const odd: Identity = { ...machine([]), groups: ['admins'], email: 'admin@example.com', emailVerified: true };

    // Act
    const results = [isReporterOrStaff(odd, 'admin@example.com'), decide(odd, rules['Mutation.deleteTicket']), decide(odd, rules['Query.myTickets'])];

    // Assess
    expect(results).toEqual([false, false, false]);
  });

  it('grants anyUser to users only', () => {
    expect(decide(machine([]), { allow: ['anyUser'], item: null })).toBe(false);
    expect(decide({ ...machine([]), kind: 'USER' }, { allow: ['anyUser'], item: null })).toBe(true);
  });
});

describe('Policy: machine identities in resolverContext', () => {
  it('round-trips kind, clientId and scopes', () => {
    // Prepare
    const identity = machine(['helpdesk/tickets.read', 'helpdesk/tickets.triage']);

    // Act
    const back = fromResolverContext(toResolverContext(identity));

    // Assess
    expect(back).toEqual(identity);
  });

  it('reads a context that does not say USER as a machine, so it gains no user grant', () => {
    // Act
    const identity = fromResolverContext({ sub: 's', username: 'u', email: 'admin@example.com', emailVerified: 'true', groups: '["admins"]', tokenUse: 'id' });

    // Assess
    expect(identity).toMatchObject({ kind: 'MACHINE', email: null, emailVerified: false, groups: [], scopes: [] });
  });

  it('reads malformed scopes as none', () => {
    expect(fromResolverContext({ kind: 'MACHINE', scopes: 'helpdesk/tickets.read' }).scopes).toEqual([]);
    expect(fromResolverContext({ kind: 'MACHINE', scopes: '[1, "helpdesk/tickets.read"]' }).scopes).toEqual(['helpdesk/tickets.read']);
  });
});
