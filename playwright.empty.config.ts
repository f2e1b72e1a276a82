// The browser tests that start from an EMPTY database (no demo seed): the first-owner setup of a fresh
// production install. `npx playwright test --config playwright.empty.config.ts`; with E2E_DATABASE=postgres on
// PostgreSQL. Same server, ports and browser as playwright.config.ts, only without the seed, and with the AWS
// provider switched off (PROVIDERS), as an install that uses only the other three would run.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { E2E_PORT } from "./e2e/support/e2e-env";

const webServer = base.webServer as Exclude<typeof base.webServer, unknown[] | undefined>;

export default defineConfig({
  ...base,
  testMatch: "**/*.empty.spec.ts",
  testIgnore: [],
  outputDir: `test-results/e2e-empty-${E2E_PORT}`,
  webServer: { ...webServer, env: { ...(process.env as Record<string, string>), E2E_EMPTY_DATABASE: "1", PROVIDERS: "azure,vault,gcp" } },
});
