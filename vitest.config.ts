import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The site tier builds the site into a folder of this run's own (src/server/app.ts reads it from
// there), so a test run never replaces the files of a running server or of another run.
const dist = process.env.CYBERKORT_DIST || `.data/test-dist-${process.pid}`;
process.env.CYBERKORT_DIST = dist;

/**
 * Three tiers, each a Vitest project: `unit` (pure logic, no Neo4j, no build: seconds),
 * `graph` (Cypher, GraphQL and indexes against a real Neo4j) and `site` (the built site over
 * HTTP and in Chromium). `npm test` runs all three; `npm run test:unit` only the first.
 */
export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module). Node loads the CJS build for yoga and Pothos,
    // Vite would pick the ESM one for our files: two GraphQLError classes, and errors get masked.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    env: { CYBERKORT_DIST: dist },
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Two cores: the JVM and the test workers share them.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['graph/**/*.test.ts', 'search/**/*.test.ts', 'src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'graph', include: ['tests/graph/**/*.test.ts'], globalSetup: ['tests/support/graph-setup.ts'] },
      },
      {
        extends: true,
        test: { name: 'site', include: ['tests/site/**/*.test.ts'], globalSetup: ['tests/support/site-setup.ts'] },
      },
    ],
  },
});
