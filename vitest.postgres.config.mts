// The data-layer and migration tests against a real PostgreSQL 15 (.ci/test-postgres): one throwaway cluster
// per run, one freshly migrated database per test file. `npx vitest run --config vitest.postgres.config.mts`
import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      "server-only": path.join(import.meta.dirname, "lib/testing/empty-module.ts"),
    },
  },
  test: {
    // *.pg.test.ts: PostgreSQL-only tests, left out of the default (SQLite) run by vitest.config.mts.
    include: ["lib/data/**/*.test.ts", "lib/migrations/**/*.test.ts", "lib/**/*.pg.test.ts", "e2e/security/master-key.test.ts", "e2e/security/**/*.pg.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["lib/testing/postgres-global-setup.ts"],
    setupFiles: ["lib/testing/postgres-test-database.ts"],
  },
});
