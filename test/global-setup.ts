/**
 * Runs once before the suite: `build()` regenerates what derives from the schema and writes the
 * resolver and Lambda bundles to `dist/`, so that `npm test` works on a fresh clone and the
 * resolver tests run the very bundles that are deployed.
 */
import { build } from '../scripts/build.ts';

export default async function setup(): Promise<void> {
  await build();
}
