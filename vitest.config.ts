import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'graph/**/*.test.ts', 'search/**/*.test.ts', 'src/**/*.test.ts'],
    // One local Neo4j (seeded with the sample) and one running site serve the whole run.
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Two cores: the JVM and the test workers share them.
    maxWorkers: 2,
  },
});
