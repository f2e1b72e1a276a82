// Two console instances on one PostgreSQL (issue: several instances share cache state). Needs `next build`
// first; run by .ci/test-all after the browser tests.
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
    include: ["e2e/multi-instance/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: "forks",
  },
});
