/**
 * Bundles the console page (GraphiQL, React and the identity panel) with esbuild into one
 * JavaScript and one CSS file, so the page needs no CDN and works with no internet.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DEFAULT_DIST_DIR } from './console-options.ts';

/** The browser entry point. */
export const CONSOLE_ENTRY = fileURLToPath(new URL('./browser/main.ts', import.meta.url));

/** The files a built console consists of, relative to its folder. */
export const CONSOLE_FILES = ['console.js', 'console.css'] as const;

/** What {@link buildConsole} wrote. */
export interface ConsoleBuildResult {
  readonly outDir: string;
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: number }>;
}

/**
 * Writes `console.js` and `console.css` to `outDir` (default `dist/console/`). The files are
 * built in a scratch folder and moved in, so a server reading them never sees half a file.
 *
 * @example
 * await buildConsole(); // dist/console/console.js, dist/console/console.css
 */
export async function buildConsole(outDir: string = DEFAULT_DIST_DIR): Promise<ConsoleBuildResult> {
  const scratch = join(outDir, `.build-${process.pid}-${randomUUID()}`);
  mkdirSync(scratch, { recursive: true });
  try {
    const result = await build({
      entryPoints: { console: CONSOLE_ENTRY },
      outdir: scratch,
      bundle: true,
      minify: true,
      format: 'esm',
      jsx: 'automatic',
      platform: 'browser',
      target: ['chrome120', 'firefox120', 'safari17'],
      metafile: true,
      logLevel: 'silent',
    });
    const files = Object.entries(result.metafile.outputs).map(([path, output]) => ({ path, bytes: output.bytes }));
    for (const name of readdirSync(scratch)) renameSync(join(scratch, name), join(outDir, name));
    return { outDir, files: files.map((file) => ({ path: join(outDir, file.path.split('/').pop() ?? file.path), bytes: file.bytes })) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether `outDir` holds a complete build. */
export function isConsoleBuilt(outDir: string = DEFAULT_DIST_DIR): boolean {
  return CONSOLE_FILES.every((name) => existsSync(join(outDir, name)));
}
