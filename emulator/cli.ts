/**
 * `npm start` (after `npm run build`): runs the emulator until Ctrl-C or SIGTERM, then shuts
 * down cleanly: no new requests, those in flight finish, the table is flushed and closed.
 */
import { startupBanner } from './cli-banner.ts';
import { readCliOptions, USAGE, CliUsageError } from './cli-options.ts';
import { startEmulator } from './start-emulator.ts';
import { DEFAULT_SEED_FILE } from './cognito/index.ts';

async function main(): Promise<void> {
  // The AWS SDK is pinned in package.json on purpose, so its notice that later releases need Node 22 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let cli;
  try {
    cli = readCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof CliUsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  if (cli.help) {
    console.log(USAGE);
    return;
  }
  // `npm start` opens on a helpdesk with something in it; tests start on an empty table.
  const emulator = await startEmulator({ ...cli.options, seedTickets: true });
  console.log(
    startupBanner(emulator, {
      dataDir: cli.options.inMemory === true ? null : (cli.options.dataDir ?? '.data'),
      dynamodbEndpoint: cli.options.dynamodbEndpoint ?? null,
      watch: cli.options.watch !== false,
      seedFile: DEFAULT_SEED_FILE,
    }),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: finishing requests in flight and closing the table…`);
    emulator.close().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if ((error as { code?: unknown }).code === 'EADDRINUSE') {
    console.error(`${(error as Error).message}: another emulator may be running; stop it or pick another port with --port or PORT.`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exitCode = 1;
});
