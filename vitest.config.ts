import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module). Node loads the CJS build for yoga and Pothos,
    // Vite would pick the ESM one for our files: two GraphQLError classes, and errors get masked.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
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
