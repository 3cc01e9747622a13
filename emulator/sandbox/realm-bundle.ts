/**
 * The code evaluated inside the sandbox realm: `realm-entry.ts` and the APPSYNC_JS runtime
 * (`emulator/runtime/index.ts`) bundled by esbuild into one script, once per process.
 */
import { buildSync } from 'esbuild';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The variable the bundle assigns its exports to (local to the wrapper function). */
const REALM_ENTRY_GLOBAL = '__appsync$realmEntry';

const REALM_ENTRY = fileURLToPath(new URL('./realm-entry.ts', import.meta.url));
const RUNTIME_ENTRY = fileURLToPath(new URL('../runtime/index.ts', import.meta.url));
let script: string | undefined;

/**
 * The realm script: evaluated in a context, its completion value is the realm's
 * `RealmHostApi`. Built on first use, then reused for every realm of the process.
 *
 * @example
 * ```ts
 * const api = new vm.Script(realmScript()).runInContext(context);
 * ```
 */
export function realmScript(): string {
  if (script === undefined) {
    const result = buildSync({
      stdin: {
        contents:
          `import * as runtime from ${JSON.stringify(RUNTIME_ENTRY)};\n` +
          `import { createRealmApi } from ${JSON.stringify(REALM_ENTRY)};\n` +
          'export const api = createRealmApi(runtime);\n',
        resolveDir: dirname(REALM_ENTRY),
        sourcefile: 'appsync-realm-entry.ts',
        loader: 'ts',
      },
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'iife',
      globalName: REALM_ENTRY_GLOBAL,
      target: 'es2022',
      mainFields: ['module', 'main'],
      conditions: ['import', 'default'],
      legalComments: 'none',
      logLevel: 'silent',
    });
    const bundle = result.outputFiles[0]?.text ?? '';
    // Strict mode for all of it (no sloppy `arguments.callee` or `caller` to walk), and the
    // bundle's variable kept local to this function rather than a property of the global.
    script = `"use strict";(function () {\n${bundle}\nreturn ${REALM_ENTRY_GLOBAL}.api;\n})()`;
  }
  return script;
}
