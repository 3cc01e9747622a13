/**
 * The program each cold-start process runs, as text: it sets the authorizer's environment,
 * imports the bundle, asks for one decision and prints the CPU time it used, three `process.hrtime`
 * marks (script start, bundle loaded, first decision) and the decision. Plain JavaScript, so that nothing but
 * Node and the bundle is loaded.
 */

/** Source of `driver.mjs`. Arguments: the bundle's file URL, the environment as JSON, a token. */
export const DRIVER_SOURCE = `const started = process.hrtime.bigint();
const [bundleUrl, envJson, token] = process.argv.slice(2);
Object.assign(process.env, JSON.parse(envJson));
const { handler } = await import(bundleUrl);
const loaded = process.hrtime.bigint();
const answer = await handler({ authorizationToken: token, requestContext: { apiId: 'bench', accountId: '111122223333', requestId: 'cold', queryString: '{ me { sub } }', variables: {} }, requestHeaders: {} });
const decided = process.hrtime.bigint();
const cpu = process.cpuUsage();
process.stdout.write(\`\\nCOLD \${cpu.user + cpu.system} \${started} \${loaded} \${decided} \${answer.isAuthorized}\\n\`);
`;

/** The bare process: prints its first `process.hrtime` mark and exits. */
export const BARE_SOURCE =
  "const t = process.hrtime.bigint(), c = process.cpuUsage(); process.stdout.write('\\nCOLD ' + (c.user + c.system) + ' ' + t + '\\n')";

/** The marks a cold-start process printed, in nanoseconds of the shared monotonic clock. */
export interface ColdMarks {
  /** CPU time the process had used (all threads, user and system) at its last mark, in µs. */
  readonly cpuMicros: number;
  readonly started: bigint;
  readonly loaded?: bigint;
  readonly decided?: bigint;
  readonly isAuthorized?: boolean;
}

/** Reads the marks from a process's stdout (the last `COLD` line; logs may precede it). */
export function parseColdMarks(stdout: string): ColdMarks {
  const line = stdout
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith('COLD '));
  if (line === undefined) throw new Error(`cold-start process printed no marks: ${stdout.slice(0, 500)}`);
  const [, cpuMicros, started, loaded, decided, isAuthorized] = line.trim().split(' ');
  return {
    cpuMicros: Number(cpuMicros),
    started: BigInt(started as string),
    ...(loaded === undefined ? {} : { loaded: BigInt(loaded) }),
    ...(decided === undefined ? {} : { decided: BigInt(decided) }),
    ...(isAuthorized === undefined ? {} : { isAuthorized: isAuthorized === 'true' }),
  };
}
