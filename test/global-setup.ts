/**
 * Runs once before the suite. Builds nothing yet: resolver bundles are added by the build
 * script, and tests that need them call it here so that `npm test` works on a fresh clone.
 */
export default async function setup(): Promise<void> {}
