import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the console in headless Chromium (kept out of `npm test`, which must
// pass on a machine without a browser). One file at a time: each test runs an emulator and a browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    setupFiles: ['test/setup/loopback-only.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
    // The Firefox smoke test speaks WebDriver BiDi over the global WebSocket, behind a flag on Node 20.
    execArgv: typeof WebSocket === 'undefined' ? ['--experimental-websocket'] : [],
  },
});
