import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships CJS and ESM side by side. Node (and so yoga and Pothos) loads the CJS entry;
  // Vite would hand our sources the .mjs one, and `instanceof GraphQLError` would then fail across
  // the two copies. One copy for everybody, as in production.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files run in parallel, each on its own database cloned from a migrated template.
    fileParallelism: true,
  },
});
