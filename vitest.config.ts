import { defineConfig } from 'vitest/config';

// Worker threads and child processes load the compiled engine from dist/ (see src/engine/hosts/entries.ts),
// so the global setup compiles it once before any test runs.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: tests spawn real workers and children, so running many files at once only adds noise.
    maxWorkers: 2,
    pool: 'forks',
  },
});
