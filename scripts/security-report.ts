/**
 * `npm run security-report`: produces the evidence behind SECURITY.md and renders it.
 *
 * 1. Runs the long load runs (16 clients × 30 s, steady and with a SIGTERM restart; see
 *    `test/load/run-load.ts`) and the hostile suites (`test/hostile/`, `test/load/`) with
 *    vitest's JSON reporter.
 * 2. Writes the figures to `test/load/results/latest.json`.
 * 3. Renders `SECURITY.md` from that file and from the case tables the suites run
 *    (`test/hostile/support/token-cases.ts`, `query-cases.ts`, `subscription-cases.ts`): no
 *    figure in it is typed by hand.
 *
 * Options: `--skip-load` re-renders from the existing results file (the suites still run),
 * `--clients <n>`, `--seconds <n>`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_JWKS_MAX_AGE_MS } from '../authorizer/jwks-cache.ts';
import { DEFAULT_JWKS_MIN_INTERVAL_MS, DEFAULT_JWKS_TIMEOUT_MS } from '../authorizer/jwks-fetcher.ts';
import { MAX_TOKEN_LENGTH } from '../authorizer/token.ts';
import { MAX_FRAME_BYTES, MAX_PAYLOAD_BYTES, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../emulator/realtime/realtime-limits.ts';
import { DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS, QUERY_DEPTH_LIMIT, RESOLVER_COUNT_LIMIT } from '../infra/api-limits.ts';
import { createLocalTestPool } from '../test/hostile/support/hostile-emulator.ts';
import { DENIED_FIELD_CASES, NON_STAFF_PERSONAS, PROPERTY_RUNS } from '../test/hostile/support/query-cases.ts';
import { HEADER_WAYS } from '../test/hostile/support/realtime-client.ts';
import {
  DENIED_SELECTION_CASES,
  FRAME_CASES,
  MACHINE_DENIED_FIELD_CASES,
  MACHINE_DENIED_SELECTION_CASES,
  ROOT_SHAPE_CASES,
  SUBSCRIPTION_PROPERTY_RUNS,
  WIDENING_ARGUMENT_CASES,
} from '../test/hostile/support/subscription-cases.ts';
import { hostileTokenCases } from '../test/hostile/support/token-cases.ts';
import type { LoadScenarioResult } from '../test/load/load-scenario.ts';
import { loadFailures, runLoadRuns, type LoadResults } from '../test/load/run-load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RESULTS_FILE = join(ROOT, 'test/load/results/latest.json');
export const SECURITY_FILE = join(ROOT, 'SECURITY.md');
const SUITES = ['test/hostile', 'test/load'];
/** The test that SECURITY.md is current: it cannot be evidence for the file it checks. */
const SELF_CHECK = 'test/hostile/security-report.test.ts';

/** One test of the suite run. */
export interface SuiteTest {
  readonly file: string;
  readonly describe: string;
  readonly title: string;
  readonly status: string;
  /** The first lines of the failure, when it failed. */
  readonly failure?: string;
}

/** The suite run recorded next to the load figures. */
export interface SuiteRun {
  readonly ranAt: string;
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly tests: readonly SuiteTest[];
}

/** The whole results file. */
export interface SecurityResults extends LoadResults {
  readonly suites: SuiteRun;
}

/** Runs the hostile and load suites with vitest's JSON reporter. */
function runSuites(): SuiteRun {
  const dir = mkdtempSync(join(tmpdir(), 'security-report-'));
  const output = join(dir, 'vitest.json');
  try {
    spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...SUITES, `--exclude=${SELF_CHECK}`, '--reporter=json', `--outputFile=${output}`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const report = JSON.parse(readFileSync(output, 'utf8')) as { testResults: Array<{ name: string; assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string; failureMessages?: string[] }> }> };
    // Files finish in any order; sorted, the recorded run is stable from one report to the next.
    const files = [...report.testResults].sort((a, b) => a.name.localeCompare(b.name));
    const tests = files.flatMap((file) => file.assertionResults.map((test) => ({
      file: relative(ROOT, file.name),
      describe: test.ancestorTitles.join(' › '),
      title: test.title,
      status: test.status,
      ...(test.status === 'passed' || test.failureMessages === undefined ? {} : { failure: test.failureMessages.join('\n').split('\n').slice(0, 8).join('\n') }),
    })));
    return { ranAt: new Date().toISOString(), total: tests.length, passed: tests.filter((test) => test.status === 'passed').length, failed: tests.filter((test) => test.status !== 'passed').length, tests };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function passedIn(run: SuiteRun, file: string, describe?: string): SuiteTest[] {
  return run.tests.filter((test) => test.file === file && (describe === undefined || test.describe.includes(describe)));
}

function status(tests: readonly SuiteTest[]): string {
  if (tests.length === 0) return '**not run**';
  const failed = tests.filter((test) => test.status !== 'passed').length;
  return failed === 0 ? `${tests.length} passed` : `**${failed} of ${tests.length} failed**`;
}

/** The tests of one token class in `tests` (their titles name `<class>: <case>`). */
function ofClass(tests: readonly SuiteTest[], klass: string): SuiteTest[] {
  return tests.filter((test) => test.title.includes(`${klass}: `));
}

function loadRow(name: string, result: LoadScenarioResult): Array<string | number> {
  return [
    name,
    `${result.clients} × ${result.durationMs / 1000} s`,
    result.requests,
    result.requestsPerSecond,
    result.errors5xx,
    result.connectionErrors,
    `${result.acknowledged.openTicket} / ${result.acknowledged.addComment}`,
    `${result.found.openTicket} / ${result.found.addComment}`,
    `**${result.lost.openTicket + result.lost.addComment}**`,
    `${result.latencyMs.p50} / ${result.latencyMs.p95} / ${result.latencyMs.p99}`,
  ];
}

/** Renders SECURITY.md. */
export function renderSecurity(results: SecurityResults): string {
  const tokenCases = hostileTokenCases({ pool: createLocalTestPool(), attackerJwksUrl: 'https://attacker.example/.well-known/jwks.json' });
  const tokenClasses = [...countBy(tokenCases, (entry) => entry.klass)];
  const suites = results.suites;
  const tokenTests = passedIn(suites, 'test/hostile/tokens.test.ts');
  const queryTests = passedIn(suites, 'test/hostile/queries.test.ts');
  const deniedTests = queryTests.filter((test) => test.title.startsWith('does not reveal'));
  const limitTests = passedIn(suites, 'test/hostile/queries.test.ts', 'limits and request shapes');
  const propertyTests = passedIn(suites, 'test/hostile/query-properties.test.ts');
  const jwksTests = [...passedIn(suites, 'test/hostile/jwks-faults.test.ts'), ...passedIn(suites, 'test/hostile/jwks-key-refresh.test.ts')];
  const loadTests = passedIn(suites, 'test/load/load.test.ts');
  const subscriptionTokenTests = passedIn(suites, 'test/hostile/subscriptions-tokens.test.ts');
  const connectTests = subscriptionTokenTests.filter((test) => test.describe.endsWith('› at connect'));
  const startTests = subscriptionTokenTests.filter((test) => test.describe.endsWith('› at start, on a connection a genuine token opened'));
  const headerObjectTests = subscriptionTokenTests.filter((test) => test.describe.includes('hosts and header objects'));
  const selectionTests = passedIn(suites, 'test/hostile/subscriptions-selections.test.ts');
  const frameTests = passedIn(suites, 'test/hostile/subscriptions-frames.test.ts');
  const machineTests = passedIn(suites, 'test/hostile/subscriptions-machines.test.ts');
  const subscriptionPropertyTests = passedIn(suites, 'test/hostile/subscriptions-properties.test.ts');
  const subscriptionTests = [...subscriptionTokenTests, ...selectionTests, ...frameTests, ...machineTests, ...subscriptionPropertyTests];
  const frameClasses = [...countBy(FRAME_CASES, (entry) => entry.klass)];
  const machineClients = new Set(machineTests.filter((test) => test.title.includes('onTicketActivity:')).map((test) => test.title)).size;
  const failures = [...loadFailures('steady', results.steady), ...loadFailures('restart', results.restart)];
  const lost = results.steady.lost.openTicket + results.steady.lost.addComment + results.restart.lost.openTicket + results.restart.lost.addComment;

  return `<!-- Generated by \`npm run security-report\` (scripts/security-report.ts) from test/load/results/latest.json and the case tables of test/hostile/. Do not edit by hand. -->
# Security

This API puts a Lambda authorizer between the Internet and the data: it is a security boundary,
and this page is the evidence that it holds. Every figure below comes from the last run of
\`npm run security-report\` (${results.generatedAt}, Node ${results.node}): the hostile suites
ran through the offline emulator's real \`POST /graphql\` and \`GET /graphql/realtime\`
(${suites.passed} of ${suites.total} tests passed), and the load runs read back every acknowledged write (**${lost} lost**).

Report a vulnerability privately to the maintainers rather than in a public issue.

## Threat model

**Assets.** Customers' tickets and comments (private to their reporter and staff); the staff-only
\`Ticket.internalNotes\`; the integrity of tickets (status, assignee, deletion are staff or admin
only); users' tokens (bearer credentials: never logged, never echoed); the user pool's signing
keys (held by Cognito; in the emulator, \`.data/cognito/keys.json\`); the API's availability.

**Trust boundaries.**
1. *Client → AppSync.* The \`Authorization\` header and the whole GraphQL document are attacker
   controlled; on the real-time endpoint, so are the handshake's header object and every frame
   (each \`start\` carries its own header object and document).
2. *AppSync → Lambda authorizer.* AppSync hands over the raw token and trusts the answer
   (\`isAuthorized\`, \`resolverContext\`, \`deniedFields\`, \`ttlOverride\`), caching it per token.
3. *Authorizer → Cognito's JWKS endpoint.* The only source of keys; it may be slow, fail, or
   rotate keys.
4. *Resolvers → DynamoDB.* Resolvers take the caller's identity only from
   \`ctx.identity.resolverContext\` (built by the authorizer), never from arguments.

**Attacker.** Anyone who can reach the endpoint: with no account, or with a genuine account of
the pool (a customer trying to read staff data or another customer's tickets). They can send
any header and any document, craft JWTs with any header and claims signed with keys of their
own, replay tokens of other pools and other app clients, and flood the endpoint. They cannot
sign with the pool's private keys nor read other users' tokens.

**Who enforces what.**

| layer | enforces |
|---|---|
| AppSync | \`identityValidationExpression\`: a header that is not a compact JWS is refused without invoking the authorizer; query depth ≤ ${QUERY_DEPTH_LIMIT}; resolver invocations ≤ ${RESOLVER_COUNT_LIMIT} per request; introspection as configured; request size limits; \`deniedFields\` (the value becomes \`null\` with an \`Unauthorized\` error); decision cache per token for \`ttlOverride\` (default TTL ${DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS} s) |
| Lambda authorizer | RS256 signature with a key of the pool's JWKS only, looked up by \`kid\` (no \`jku\`, \`x5u\`, embedded \`jwk\`, no \`none\` or HMAC); issuer (both Cognito forms); app client (\`aud\` / \`client_id\`); \`token_use\`; \`exp\` / \`nbf\`; a complete identity; tokens over ${MAX_TOKEN_LENGTH} characters refused unparsed; \`deniedFields\` from the rule table and the identity alone; \`ttlOverride\` never past \`exp\`; fails closed, never throws, logs a fingerprint, never the token; JWKS fetches with a ${DEFAULT_JWKS_TIMEOUT_MS / 1000} s deadline and at most one attempt per ${DEFAULT_JWKS_MIN_INTERVAL_MS / 1000} s, refusals caused by the JWKS not cached; fetched keys refreshed after ${DEFAULT_JWKS_MAX_AGE_MS / 60_000} minutes |
| AppSync real-time endpoint | the authorizer at connect and again at every \`start\`, with that subscription's document; the header object's \`host\`; ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection; frames over ${MAX_PAYLOAD_BYTES / 1024} KB refused, over ${MAX_FRAME_BYTES / (1024 * 1024)} MiB not read; the subscription resolver runs once, at \`start\`, and the filter it sets decides on the server which events reach the subscriber |
| Resolvers | the same rule table again for every mutation and subscription, a subscription's selection included (no field the caller may not read, no named fragment that could hide one); data-level rules (a ticket is read or commented on only by its reporter with a verified email, or staff); input limits (\`ValidationError\`); conditional writes (never overwrite, update only what exists) |

**Out of scope.** Token theft on the client (XSS, device compromise); Cognito's own account
security (passwords, MFA, sign-up); revocation before expiry (a revoked token verifies until
\`exp\`: lifetimes are short and no cached decision outlives the token); volumetric denial of
service (AppSync's throttling and AWS WAF, not this code); timing side channels; the
emulator's development surfaces (console, \`--jwks-fault\`), which listen on loopback by
default and must not be exposed.

**Bounds worth knowing.** A key removed from the JWKS stops being accepted once the authorizer
fetches the JWKS again: at once (plus the decision TTL) when a token with a new \`kid\` arrives,
otherwise within ${DEFAULT_JWKS_MAX_AGE_MS / 60_000} minutes plus the TTL. An \`Authorization\`
header larger than the HTTP server's header limit (16 KB in Node; AppSync's front end has its
own) is refused by the HTTP layer (431 or a closed connection) rather than with AppSync's 401
body; it never reaches the authorizer, never yields a 5xx, and the server keeps serving.

## Hostile tokens

${status(tokenTests)} (\`test/hostile/tokens.test.ts\`). ${tokenCases.length} tokens, each sent to
\`POST /graphql\`: HTTP 401 with AppSync's exact body, no 5xx, no part of the token in the body,
the headers or any log line, an answer in under 2 s. Cases are signed with keys made in the
test, including the emulator's own pool keys (planted in its data directory), so that claim
checks are tested behind a genuine signature. A \`jku\`/\`x5u\` target is watched and was never
fetched.

The same tokens go to the real-time endpoint (\`test/hostile/subscriptions-tokens.test.ts\`, see
[Subscriptions](#subscriptions)): at connect, each of the ${HEADER_WAYS.length} ways of passing the header object, and
at \`start\`.

${table(['class', 'cases', 'POST /graphql', `real-time connect (× ${HEADER_WAYS.length})`, 'real-time start'], [
    ...tokenClasses.map(([klass, count]) => [klass, count, status(ofClass(tokenTests, klass)), status(ofClass(connectTests, klass)), status(ofClass(startTests, klass))] as const),
    ['**total**', `**${tokenCases.length}**`, status(tokenTests.filter((test) => test.title.startsWith('refuses'))), status(connectTests), status(startTests)],
  ])}

## Hostile queries

${status(queryTests)} (\`test/hostile/queries.test.ts\`), ${status(propertyTests)} (\`test/hostile/query-properties.test.ts\`).

${table(['class', 'cases'], [
    [`Denied field through aliases, fragments, directives, operations, connections, mutation payloads (${DENIED_FIELD_CASES.length} documents × ${NON_STAFF_PERSONAS.length} non-staff personas): the notes never appear, an \`Unauthorized\` error does`, deniedTests.length],
    ['Controls: staff see the notes through the same documents; denied mutations change nothing', queryTests.length - deniedTests.length - limitTests.length],
    ['Limits and request shapes: depth, resolver count, introspection on and off, oversized and streamed bodies, oversized, nested, mistyped and malformed variables, deep and wide selections', limitTests.length],
    [`Property-based (fast-check): random selection sets with aliases and fragments, random persona and token kind; no denied field non-null, no 5xx (${PROPERTY_RUNS.queries} query runs + ${PROPERTY_RUNS.mutations} mutation runs)`, PROPERTY_RUNS.queries + PROPERTY_RUNS.mutations],
  ])}

Denied-field documents: ${DENIED_FIELD_CASES.map((entry) => entry.name).join('; ')}.

## Subscriptions

${status(subscriptionTests)} (\`test/hostile/subscriptions-*.test.ts\`), over real \`wss://\` sockets to
the emulator's \`GET /graphql/realtime\` (AppSync's \`graphql-ws\` protocol), with tokens signed in
through the emulator's Cognito or signed in the test. A refused connect is AppSync's
\`connection_error\` (\`UnauthorizedException\`) then a close; a refused \`start\` is an \`error\`
for its id, never a \`start_ack\`. After every refusal, staff publish every subscribed mutation
selecting everything (the notes included) and a barrier on the socket shows that nothing
reached the refused id; a bystander connection keeps receiving its events and HTTP keeps
answering without a 5xx.

${table(['class', 'cases'], [
    [`Hostile tokens at connect: every token above × ${HEADER_WAYS.length} ways (\`?header=\`, \`header-\` subprotocol, \`Authorization\` header); past the HTTP header limit, 431 or a reset`, tokenCases.length * HEADER_WAYS.length],
    ['Hostile tokens at `start`, in `extensions.authorization`, on a connection a genuine token opened: an `error`, never `start_ack` nor an event', tokenCases.length],
    ['Hosts and header objects: another host at connect and at `start`, unreadable or forged header objects smuggled beside a genuine one, no `graphql-ws`, no header object', headerObjectTests.length],
    [`A customer's selection naming \`Ticket.internalNotes\` (aliases, inline and named fragments, nesting, the root field in a fragment, another operation): \`Unauthorized\``, DENIED_SELECTION_CASES.length],
    ['Arguments that try to widen the filter: another customer\'s ticket, wildcards, lists and objects where an id is expected, extra arguments, mistyped variables, two root fields, other operations', WIDENING_ARGUMENT_CASES.length],
    ['The one root field left out by `@skip`/`@include`, or `__typename` as the root: `ValidationError`', ROOT_SHAPE_CASES.length],
    ['Controls: staff receive the notes through the same documents; a customer\'s own subscriptions deliver their ticket\'s events and no one else\'s', selectionTests.filter((test) => test.title.startsWith('delivers')).length],
    ...frameClasses.map(([klass, count]) => [`${klass}: ${klass === 'Oversized frames' ? `over ${MAX_PAYLOAD_BYTES / 1024} KB an \`error\`, over ${MAX_FRAME_BYTES / (1024 * 1024)} MiB a close (1009)` : 'not JSON, binary, invalid UTF-8 (a close, 1007), unknown type, missing or unusable id, `payload.data` not JSON'}`, count] as const),
    ['Frames before `connection_init` (ignored, as AppSync does), a second `connection_init`', frameTests.filter((test) => test.describe.endsWith('frames before connection_init')).length],
    [`Floods: past ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection, fast repeated start/stop, duplicate ids, a thousand bad frames, many connections`, frameTests.filter((test) => test.describe.endsWith('floods')).length],
    [`Machine callers (client credentials, ${machineClients} seeded clients): \`onTicketActivity\` delivers tickets without the notes; selections naming them (${MACHINE_DENIED_SELECTION_CASES.length} documents) and \`onTicketChanged\`/\`onCommentAdded\` (${MACHINE_DENIED_FIELD_CASES.length} documents) refused; without the read scope, nothing`, machineTests.length],
    [`Property-based (fast-check): random subscription documents (aliases, fragments, \`__typename\`, nested \`comments\`), random persona and token kind, machines included; no denied field non-null in any event, every refusal of a valid document \`Unauthorized\` (${SUBSCRIPTION_PROPERTY_RUNS} runs)`, SUBSCRIPTION_PROPERTY_RUNS],
  ])}

Denied-selection documents: ${DENIED_SELECTION_CASES.map((entry) => entry.name).join('; ')}.

## JWKS faults

${status(jwksTests)} (\`test/hostile/jwks-faults.test.ts\`, \`jwks-key-refresh.test.ts\`). The emulator plays
Cognito's JWKS host for its own pool (\`emulator/faults/\`), serving it slowly, with errors, or
after a key rotation:

${jwksTests.map((test) => `- ${test.title}`).join('\n')}

## Load with nothing lost

${status(loadTests)} in \`npm test\` (short run, one SIGTERM restart). Long runs of \`npm run test:load\`
(the emulator as a child process on loopback, mixed reads and writes by customer, other, agent
and admin; afterwards every acknowledged \`openTicket\` and \`addComment\` read back):

${table(['run', 'clients × time', 'requests', 'req/s', '5xx', 'connection errors', 'acknowledged tickets / comments', 'found', 'lost', 'latency ms p50 / p95 / p99'], [loadRow('steady', results.steady), loadRow('SIGTERM at half time, restarted on the same data', results.restart)])}

Answers by status: steady ${JSON.stringify(results.steady.byStatus)}, restart ${JSON.stringify(results.restart.byStatus)}; GraphQL errors in 200 answers: steady ${results.steady.graphqlErrors}, restart ${results.restart.graphqlErrors}.
On SIGTERM the emulator stops accepting connections, finishes every request it has read, then exits: it exited with code
${results.restart.sigtermExitCode} ${results.restart.shutdownMs} ms after the signal and answered again ${results.restart.restartMs} ms after it, on the same
data directory. Requests that failed with a connection error meanwhile (${results.restart.connectionErrors}) were never acknowledged and are excluded;
the table holds ${results.restart.unacknowledgedInTable.openTicket + results.restart.unacknowledgedInTable.addComment} writes that were not acknowledged, at most the ${results.restart.unknownWrites.openTicket + results.restart.unknownWrites.addComment} writes whose answer was cut off.
Once the shutdown starts, keep-alive clients get their answer with \`Connection: close\`, so the drain does not wait for
the load to pause.
${failures.length === 0 ? 'Every check of the load runs passed.' : `**Failed checks:** ${failures.join('; ')}`}

## Reproduce

\`\`\`sh
npm test                    # all suites, including the hostile ones and a short load run
npm run test:load           # the long load runs only
npm run security-report     # everything above, then this file
\`\`\`
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'skip-load': { type: 'boolean' }, clients: { type: 'string' }, seconds: { type: 'string' } } });
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const load: LoadResults = values['skip-load'] === true
    ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as LoadResults)
    : await runLoadRuns(Number(values.clients ?? 16), Number(values.seconds ?? 30));
  const suites = runSuites();
  const results: SecurityResults = { generatedAt: load.generatedAt, node: load.node, steady: load.steady, restart: load.restart, suites };
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(SECURITY_FILE, renderSecurity(results));
  const failures = [...loadFailures('steady', results.steady), ...loadFailures('restart', results.restart)];
  console.log(`SECURITY.md written: ${suites.passed}/${suites.total} suite tests passed; load requests ${results.steady.requests} + ${results.restart.requests}, lost ${results.steady.lost.openTicket + results.steady.lost.addComment + results.restart.lost.openTicket + results.restart.lost.addComment}`);
  if (failures.length > 0 || suites.failed > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
