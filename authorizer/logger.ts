/**
 * One structured logger for the authorizer, created at module load. It writes JSON lines that
 * CloudWatch Logs Insights can query. Callers pass facts, never a token or an event.
 */

/** Fields of a log line: primitives only, so nothing nested (an event, a token) slips in. */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

/** Where log lines go. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * A logger writing one JSON object per line to `write` (the console by default).
 *
 * @example
 * const logger = createLogger();
 * logger.warn('Token refused', { errorClass: 'JwtExpiredError', tokenFingerprint: 'a1b2c3d4' });
 */
export function createLogger(write: (line: string) => void = (line) => console.log(line)): Logger {
  const emit = (level: string, message: string, fields: LogFields = {}): void =>
    write(JSON.stringify({ level, message, service: 'authorizer', timestamp: new Date().toISOString(), ...fields }));
  return {
    info: (message, fields) => emit('INFO', message, fields),
    warn: (message, fields) => emit('WARN', message, fields),
    error: (message, fields) => emit('ERROR', message, fields),
  };
}
