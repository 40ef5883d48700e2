import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/renderer/**/*.test.tsx'],
    environment: 'node',
    // Two cores: one fork per core; integration tests start their own servers per file.
    pool: 'forks',
    maxWorkers: 2,
    // One throwaway PostgreSQL for the run (the shared store's tests make a database each).
    globalSetup: ['test/setup/postgres.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
