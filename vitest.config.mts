import { configDefaults, defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      "server-only": path.join(import.meta.dirname, "lib/testing/empty-module.ts"),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "e2e/emulators/**/*.test.ts",
      "e2e/security/**/*.test.ts",
      "e2e/bench/**/*.test.ts",
      "agent/**/*.test.ts",
    ],
    // PostgreSQL-only tests need the cluster of vitest.postgres.config.mts.
    exclude: [...configDefaults.exclude, "**/*.pg.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    setupFiles: ["lib/testing/test-database.ts"],
  },
});
