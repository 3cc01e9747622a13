/**
 * Hostile subscriptions, as data: selections that reach for `Ticket.internalNotes` (staff only),
 * arguments that try to widen what a subscription receives, and frames that break AppSync's
 * real-time protocol. The suites `test/hostile/subscriptions-*.test.ts` run them against the
 * emulator's real `GET /graphql/realtime`; the security report counts them from these tables.
 *
 * In the documents, `$mine` is a ticket the customer reported and `$theirs` one that another
 * customer reported; the suites bind them as variables, or as literals where a case says so.
 */

/** One subscription `start` that must be refused. */
export interface RefusedStartCase {
  readonly name: string;
  readonly query: string;
  /** The variables sent; `mine` and `theirs` are replaced by the tickets' ids. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
  /** The `errorType` of the `error` frame. */
  readonly errorType: 'Unauthorized' | 'NotFound' | 'ValidationError';
  /** What its message must say, where the type alone does not tell the reason. */
  readonly message?: RegExp;
}

const CHANGED = 'subscription ($id: ID!) { onTicketChanged(id: $id)';
const mine = { id: 'mine' };

/** A customer subscribing to their own ticket, selecting the staff-only notes some way. */
export const DENIED_SELECTION_CASES: readonly RefusedStartCase[] = [
  { name: 'internalNotes selected directly', query: `${CHANGED} { id internalNotes } }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes under an alias', query: `${CHANGED} { id notes: internalNotes } }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes aliased as another field\'s name', query: `${CHANGED} { id title: internalNotes } }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes in an inline fragment on Ticket', query: `${CHANGED} { id ... on Ticket { internalNotes } } }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes in an inline fragment without a type', query: `${CHANGED} { id ... { x: internalNotes } } }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes nested three inline fragments deep', query: `${CHANGED} { id ... on Ticket { ... { ... on Ticket { internalNotes } } } } }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes in a named fragment', query: `${CHANGED} { ...Notes } } fragment Notes on Ticket { id internalNotes }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes two named fragments deep', query: `${CHANGED} { ...Outer } } fragment Outer on Ticket { id ...Inner } fragment Inner on Ticket { n: internalNotes }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes beside nested comments', query: `${CHANGED} { id comments { id body author } internalNotes } }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes with @include(if: true) and @skip(if: false)', query: `${CHANGED} { id a: internalNotes @include(if: true) b: internalNotes @skip(if: false) } }`, variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes under an aliased root field', query: 'subscription ($id: ID!) { t: onTicketChanged(id: $id) { id internalNotes } }', variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes with the root field in a fragment on Subscription', query: 'subscription ($id: ID!) { ...Root } fragment Root on Subscription { onTicketChanged(id: $id) { id internalNotes } }', variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes with the root field in an inline fragment', query: 'subscription ($id: ID!) { ... on Subscription { onTicketChanged(id: $id) { internalNotes } } }', variables: mine, errorType: 'Unauthorized' },
  { name: 'internalNotes in a second operation chosen by operationName', query: `subscription Harmless($id: ID!) { onTicketChanged(id: $id) { id } } subscription Sneaky($id: ID!) { onTicketChanged(id: $id) { internalNotes } }`, variables: mine, operationName: 'Sneaky', errorType: 'Unauthorized' },
  { name: 'internalNotes through onTicketActivity (staff and readers only)', query: 'subscription { onTicketActivity { id internalNotes } }', variables: {}, errorType: 'Unauthorized' },
];

/** A customer trying to widen what a subscription receives: another's ticket, patterns, lists, extra or mistyped arguments. */
export const WIDENING_ARGUMENT_CASES: readonly RefusedStartCase[] = [
  { name: 'another customer\'s ticket id', query: `${CHANGED} { id title } }`, variables: { id: 'theirs' }, errorType: 'Unauthorized' },
  { name: 'another customer\'s ticket id for comments', query: 'subscription ($id: ID!) { onCommentAdded(ticketId: $id) { id body } }', variables: { id: 'theirs' }, errorType: 'Unauthorized' },
  { name: 'another customer\'s ticket id as a variable default', query: 'subscription ($id: ID! = "theirs") { onTicketChanged(id: $id) { id } }', variables: {}, errorType: 'Unauthorized' },
  { name: 'a wildcard id "*"', query: `${CHANGED} { id } }`, variables: { id: '*' }, errorType: 'NotFound' },
  { name: 'a SQL-like wildcard id "%"', query: `${CHANGED} { id } }`, variables: { id: '%' }, errorType: 'NotFound' },
  { name: 'a regular expression id ".*"', query: `${CHANGED} { id } }`, variables: { id: '.*' }, errorType: 'NotFound' },
  { name: 'an empty id', query: `${CHANGED} { id } }`, variables: { id: '' }, errorType: 'ValidationError' },
  { name: 'an id longer than any ticket id', query: `${CHANGED} { id } }`, variables: { id: 'x'.repeat(4096) }, errorType: 'ValidationError' },
  { name: 'a prefix of the own id with a wildcard', query: `${CHANGED} { id } }`, variables: { id: 'mine*' }, errorType: 'NotFound' },
  { name: 'a list of ids (own and theirs) in a variable', query: `${CHANGED} { id } }`, variables: { id: ['mine', 'theirs'] }, errorType: 'ValidationError' },
  { name: 'a list of ids as a literal', query: 'subscription { onTicketChanged(id: ["mine", "theirs"]) { id } }', variables: {}, errorType: 'ValidationError' },
  { name: 'a filter object instead of an id', query: `${CHANGED} { id } }`, variables: { id: { ne: 'mine' } }, errorType: 'ValidationError' },
  { name: 'a filter object as a literal', query: 'subscription { onTicketChanged(id: { in: ["mine", "theirs"] }) { id } }', variables: {}, errorType: 'ValidationError' },
  { name: 'a null id', query: `${CHANGED} { id } }`, variables: { id: null }, errorType: 'ValidationError' },
  { name: 'no id at all', query: 'subscription { onTicketChanged { id } }', variables: {}, errorType: 'ValidationError' },
  { name: 'an extra argument (reporter)', query: 'subscription ($id: ID!) { onTicketChanged(id: $id, reporter: "other@example.com") { id } }', variables: mine, errorType: 'ValidationError' },
  { name: 'an extra argument (filter)', query: 'subscription ($id: ID!) { onTicketChanged(id: $id, filter: { id: { ne: "" } }) { id } }', variables: mine, errorType: 'ValidationError' },
  { name: 'an argument on onTicketActivity', query: 'subscription ($id: ID!) { onTicketActivity(id: $id) { id } }', variables: mine, errorType: 'ValidationError' },
  { name: 'a variable declared as a list of ids', query: 'subscription ($id: [ID!]!) { onTicketChanged(id: $id) { id } }', variables: { id: ['mine', 'theirs'] }, errorType: 'ValidationError' },
  { name: 'a variable declared as a Boolean', query: 'subscription ($id: Boolean!) { onTicketChanged(id: $id) { id } }', variables: { id: true }, errorType: 'ValidationError' },
  { name: 'an undeclared variable', query: 'subscription { onTicketChanged(id: $id) { id } }', variables: mine, errorType: 'ValidationError' },
  { name: 'own and another\'s ticket as two root fields', query: 'subscription ($id: ID!, $other: ID!) { a: onTicketChanged(id: $id) { id } b: onTicketChanged(id: $other) { id } }', variables: { id: 'mine', other: 'theirs' }, errorType: 'ValidationError' },
  { name: 'two operations and no operationName', query: 'subscription A($id: ID!) { onTicketChanged(id: $id) { id } } subscription B($id: ID!) { onCommentAdded(ticketId: $id) { id } }', variables: mine, errorType: 'ValidationError' },
  { name: 'a query instead of a subscription', query: 'query ($id: ID!) { ticket(id: $id) { id internalNotes } }', variables: mine, errorType: 'ValidationError' },
  { name: 'a mutation instead of a subscription', query: 'mutation ($id: ID!) { setTicketStatus(id: $id, status: CLOSED) { id } }', variables: mine, errorType: 'ValidationError' },
];

/** Documents whose one root field is left out by a directive, or that select none: nothing to check, nothing to subscribe to. */
export const ROOT_SHAPE_CASES: readonly RefusedStartCase[] = [
  { name: 'the root field under @skip(if: true)', query: 'subscription ($id: ID!) { onTicketChanged(id: $id) @skip(if: true) { id internalNotes } }', variables: mine, errorType: 'ValidationError' },
  { name: 'the root field under @include(if: false)', query: 'subscription ($id: ID!) { onTicketChanged(id: $id) @include(if: false) { id } }', variables: mine, errorType: 'ValidationError' },
  { name: 'the root field under @include with a variable false', query: 'subscription ($id: ID!, $no: Boolean!) { onTicketChanged(id: $id) @include(if: $no) { id } }', variables: { id: 'mine', no: false }, errorType: 'ValidationError', message: /\$no/ },
  { name: 'the root field in an inline fragment under @skip(if: true)', query: 'subscription ($id: ID!) { ... @skip(if: true) { onTicketChanged(id: $id) { id } } }', variables: mine, errorType: 'ValidationError' },
  { name: 'the root field in a named fragment spread under @skip(if: true)', query: 'subscription ($id: ID!) { ...Root @skip(if: true) } fragment Root on Subscription { onTicketChanged(id: $id) { id } }', variables: mine, errorType: 'ValidationError' },
  { name: '__typename as the root field', query: 'subscription { __typename }', variables: {}, errorType: 'ValidationError' },
];

/** What a malformed or hostile frame must get: an `error` with these types (and the frame's id), or the socket closed with `close`. */
export interface FrameCase {
  readonly klass: 'Malformed frames' | 'Oversized frames';
  readonly name: string;
  /** The frame sent after `connection_ack` (`header`: a genuine header object); `binary` sends it as a binary frame. */
  readonly frame: (header: StartHeader) => string | Buffer;
  readonly binary?: true;
  readonly expected: { readonly errorType: string; readonly id: string | null } | { readonly close: number };
}

/** A genuine header object for `start` frames: the token and host of a real connection. */
export interface StartHeader {
  readonly Authorization: string;
  readonly host: string;
}

const start = (header: StartHeader, id: unknown, data: unknown) => JSON.stringify({ type: 'start', id, payload: { data, extensions: { authorization: header } } });
const anyQuery = JSON.stringify({ query: 'subscription { onTicketActivity { id } }', variables: {} });
/** A `start` frame padded to `bytes` with a field the server ignores. */
const paddedStart = (header: StartHeader, bytes: number) => {
  const frame = JSON.stringify({ type: 'start', id: 'big', payload: { data: anyQuery, extensions: { authorization: header }, padding: '' } });
  return frame.replace('"padding":""', `"padding":"${'x'.repeat(bytes - Buffer.byteLength(frame))}"`);
};

/** Frames that break the protocol, each sent on an acknowledged connection. */
export const FRAME_CASES: readonly FrameCase[] = [
  { klass: 'Malformed frames', name: 'not JSON', frame: () => '{"type":"start",', expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'an empty frame', frame: () => '', expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'JSON null', frame: () => 'null', expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'a JSON array', frame: () => '[{"type":"connection_init"}]', expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'a JSON string', frame: () => '"start"', expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'a binary frame of JSON', frame: (header) => Buffer.from(start(header, 'bin', anyQuery)), binary: true, expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'a binary frame of random bytes', frame: () => Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80]), binary: true, expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'invalid UTF-8 in a text frame', frame: () => Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), expected: { close: 1007 } },
  { klass: 'Malformed frames', name: 'an unknown type', frame: () => JSON.stringify({ type: 'subscribe', id: 'u1', payload: {} }), expected: { errorType: 'UnsupportedOperation', id: 'u1' } },
  { klass: 'Malformed frames', name: 'no type', frame: () => JSON.stringify({ id: 'u2' }), expected: { errorType: 'UnsupportedOperation', id: 'u2' } },
  { klass: 'Malformed frames', name: 'a type that is not a string', frame: () => JSON.stringify({ type: ['start'], id: 'u3' }), expected: { errorType: 'UnsupportedOperation', id: 'u3' } },
  { klass: 'Malformed frames', name: 'a start without an id', frame: (header) => JSON.stringify({ type: 'start', payload: { data: anyQuery, extensions: { authorization: header } } }), expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'a start with an empty id', frame: (header) => start(header, '', anyQuery), expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'a start with a numeric id', frame: (header) => start(header, 7, anyQuery), expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'a start with an object id', frame: (header) => start(header, { $ne: '' }, anyQuery), expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'a stop without an id', frame: () => JSON.stringify({ type: 'stop' }), expected: { errorType: 'BadRequestException', id: null } },
  { klass: 'Malformed frames', name: 'a start without a payload', frame: (header) => JSON.stringify({ type: 'start', id: 'p1', extensions: { authorization: header } }), expected: { errorType: 'BadRequestException', id: 'p1' } },
  { klass: 'Malformed frames', name: 'extensions.authorization the bare token, not a header object', frame: (header) => JSON.stringify({ type: 'start', id: 'a1', payload: { data: anyQuery, extensions: { authorization: header.Authorization } } }), expected: { errorType: 'UnauthorizedException', id: 'a1' } },
  { klass: 'Malformed frames', name: 'extensions.authorization a list of header objects', frame: (header) => JSON.stringify({ type: 'start', id: 'a2', payload: { data: anyQuery, extensions: { authorization: [header] } } }), expected: { errorType: 'UnauthorizedException', id: 'a2' } },
  { klass: 'Malformed frames', name: 'extensions.authorization with host as a list', frame: (header) => JSON.stringify({ type: 'start', id: 'a3', payload: { data: anyQuery, extensions: { authorization: { Authorization: header.Authorization, host: [header.host] } } } }), expected: { errorType: 'UnauthorizedException', id: 'a3' } },
  { klass: 'Malformed frames', name: 'payload.data not JSON', frame: (header) => start(header, 'p2', '{query:'), expected: { errorType: 'BadRequestException', id: 'p2' } },
  { klass: 'Malformed frames', name: 'payload.data an object, not JSON text', frame: (header) => start(header, 'p3', { query: 'subscription { onTicketActivity { id } }' }), expected: { errorType: 'BadRequestException', id: 'p3' } },
  { klass: 'Malformed frames', name: 'payload.data without a query', frame: (header) => start(header, 'p4', JSON.stringify({ variables: {} })), expected: { errorType: 'BadRequestException', id: 'p4' } },
  { klass: 'Malformed frames', name: 'payload.data with variables as a list', frame: (header) => start(header, 'p5', JSON.stringify({ query: 'subscription { onTicketActivity { id } }', variables: [1] })), expected: { errorType: 'BadRequestException', id: 'p5' } },
  { klass: 'Malformed frames', name: 'a query that does not parse', frame: (header) => start(header, 'p6', JSON.stringify({ query: 'subscription { onTicketActivity { id ' })), expected: { errorType: 'ValidationError', id: 'p6' } },
  { klass: 'Oversized frames', name: 'a start of just over 240 KB', frame: (header) => paddedStart(header, 240 * 1024 + 1), expected: { errorType: 'LimitExceededException', id: null } },
  { klass: 'Oversized frames', name: 'a start of 1 MiB minus one byte', frame: (header) => paddedStart(header, 1024 * 1024 - 1), expected: { errorType: 'LimitExceededException', id: null } },
  { klass: 'Oversized frames', name: 'a start of just over 1 MiB', frame: (header) => paddedStart(header, 1024 * 1024 + 1), expected: { close: 1009 } },
  { klass: 'Oversized frames', name: 'a binary frame of 2 MiB', frame: () => Buffer.alloc(2 * 1024 * 1024, 0x41), binary: true, expected: { close: 1009 } },
];

/** A machine caller (scope `helpdesk/tickets.read`) on `onTicketActivity`, selecting the staff-only notes some way. */
export const MACHINE_DENIED_SELECTION_CASES: readonly RefusedStartCase[] = [
  { name: 'internalNotes selected directly', query: 'subscription { onTicketActivity { id internalNotes } }', variables: {}, errorType: 'Unauthorized' },
  { name: 'internalNotes under an alias', query: 'subscription { onTicketActivity { id notes: internalNotes } }', variables: {}, errorType: 'Unauthorized' },
  { name: 'internalNotes aliased as another field\'s name', query: 'subscription { onTicketActivity { title: internalNotes } }', variables: {}, errorType: 'Unauthorized' },
  { name: 'internalNotes in an inline fragment', query: 'subscription { onTicketActivity { id ... on Ticket { internalNotes } } }', variables: {}, errorType: 'Unauthorized' },
  { name: 'internalNotes in a named fragment', query: 'subscription { onTicketActivity { ...Notes } } fragment Notes on Ticket { id internalNotes }', variables: {}, errorType: 'Unauthorized' },
  { name: 'internalNotes beside nested comments', query: 'subscription { onTicketActivity { id comments { id body } internalNotes } }', variables: {}, errorType: 'Unauthorized' },
  { name: 'internalNotes under an aliased root field in a fragment on Subscription', query: 'subscription { ...Root } fragment Root on Subscription { a: onTicketActivity { internalNotes } }', variables: {}, errorType: 'Unauthorized' },
];

/** A machine caller on the subscriptions only a ticket's reporter and staff may hold. */
export const MACHINE_DENIED_FIELD_CASES: readonly RefusedStartCase[] = [
  { name: 'onTicketChanged', query: 'subscription ($id: ID!) { onTicketChanged(id: $id) { id title status } }', variables: { id: 'mine' }, errorType: 'Unauthorized' },
  { name: 'onTicketChanged under an alias, in a fragment', query: 'subscription ($id: ID!) { ...Root } fragment Root on Subscription { x: onTicketChanged(id: $id) { id } }', variables: { id: 'mine' }, errorType: 'Unauthorized' },
  { name: 'onCommentAdded', query: 'subscription ($id: ID!) { onCommentAdded(ticketId: $id) { id body author } }', variables: { id: 'mine' }, errorType: 'Unauthorized' },
  { name: 'onCommentAdded in an inline fragment', query: 'subscription ($id: ID!) { ... on Subscription { onCommentAdded(ticketId: $id) { id } } }', variables: { id: 'mine' }, errorType: 'Unauthorized' },
];

/** The tickets a case's placeholders stand for. */
export interface CaseTickets {
  readonly mine: string;
  readonly theirs: string;
}

/** `value` with the placeholders bound: `mine` and `theirs` alone or as a prefix, `"mine"` and `"theirs"` quoted in a document. */
function bind(value: unknown, tickets: CaseTickets): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/^mine(?=\*|$)/, tickets.mine)
      .replace(/^theirs$/, tickets.theirs)
      .replace(/"mine"/g, JSON.stringify(tickets.mine))
      .replace(/"theirs"/g, JSON.stringify(tickets.theirs));
  }
  if (Array.isArray(value)) return value.map((item) => bind(item, tickets));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, bind(entry, tickets)]));
  return value;
}

/**
 * The `start` frame of `entry` under `id`, its placeholders bound to `tickets`, with `header`
 * as `extensions.authorization`.
 *
 * @example
 * socket.send(caseStart(DENIED_SELECTION_CASES[0], 'c0', { Authorization: idToken, host }, { mine, theirs }));
 */
export function caseStart(entry: RefusedStartCase, id: string, header: StartHeader, tickets: CaseTickets): Record<string, unknown> {
  const data = { query: bind(entry.query, tickets), variables: bind(entry.variables, tickets), ...(entry.operationName === undefined ? {} : { operationName: entry.operationName }) };
  return { id, type: 'start', payload: { data: JSON.stringify(data), extensions: { authorization: header } } };
}

/** fast-check runs of the property-based subscription suite (each run: a start, and when acknowledged, eight mutations). */
export const SUBSCRIPTION_PROPERTY_RUNS = 60;
