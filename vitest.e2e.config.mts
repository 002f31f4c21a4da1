import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built renderer in Debian's Chromium (and Electron where its binary exists).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
