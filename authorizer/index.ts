/**
 * Lambda entry point of the AppSync authorizer.
 *
 * Everything that can be done once per container happens here, at module load: configuration
 * is validated (a bad one fails the cold start, so AppSync refuses every request), the verifier
 * is created, and its keys are preloaded from `JWKS_FILE` or fetched before the first request.
 */
import { createAuthorizer } from './authorizer.ts';
import { readConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createVerifier, readJwksFile } from './verifier.ts';

const logger = createLogger();
const config = readConfig(process.env);
const verifier = createVerifier(config);

if (config.jwksFile !== null) {
  verifier.cacheJwks(readJwksFile(config.jwksFile));
} else {
  try {
    await verifier.hydrate();
  } catch (error) {
    // The first requests will fetch again (throttled); refusing them until then is fail-closed.
    logger.error('Could not prefetch the JWKS', { errorClass: error instanceof Error ? error.constructor.name : typeof error });
  }
}

/** The AppSync Lambda authorizer handler. */
export const handler = createAuthorizer({ verifier, machineClientIds: config.machineClientIds, ttlSeconds: config.ttlSeconds, logger });
