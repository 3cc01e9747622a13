/**
 * The `--jwks-fault <spec>` dev flag: how the emulator answers its own authorizer's JWKS fetches,
 * to try a client against a slow, failing or rotated identity provider.
 *
 * The spec is a comma-separated list of `delay=<ms>`, `status=<code>`, `rotate` (sign with new
 * keys; the old ones leave the JWKS) and `rotate-keep-old` (sign with new keys; both published).
 */
import { createJwksFaults, type JwksFaults } from './jwks-faults.ts';

/** Why a spec was refused; the message names the part at fault and the accepted forms. */
export class JwksFaultSpecError extends Error {
  override readonly name = 'JwksFaultSpecError';
  constructor(readonly part: string) {
    super(`--jwks-fault: "${part}" is not one of delay=<ms>, status=<100-599>, rotate, rotate-keep-old`);
  }
}

/** The usage line of the flag, for the CLI's help text. */
export const JWKS_FAULT_USAGE = '  --jwks-fault <spec>     answer the authorizer\'s JWKS fetches with faults: delay=<ms>, status=<code>, rotate, rotate-keep-old (comma-separated)';

/**
 * Parses a spec into a switchboard.
 *
 * @throws {JwksFaultSpecError} on any part it does not know.
 * @example
 * parseJwksFaultSpec('delay=4000').behavior(); // { delayMs: 4000, status: null }
 * parseJwksFaultSpec('status=503,rotate');
 */
export function parseJwksFaultSpec(spec: string): JwksFaults {
  const faults = createJwksFaults();
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const [name, value] = part.split('=', 2) as [string, string | undefined];
    const number = Number(value);
    if (name === 'delay' && value !== undefined && Number.isSafeInteger(number) && number >= 0) faults.set({ delayMs: number });
    else if (name === 'status' && value !== undefined && Number.isInteger(number) && number >= 100 && number <= 599) faults.set({ status: number === 200 ? null : number });
    else if (part === 'rotate') faults.rotate();
    else if (part === 'rotate-keep-old') faults.rotate({ keepOld: true });
    else throw new JwksFaultSpecError(part);
  }
  return faults;
}
