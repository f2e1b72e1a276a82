// The environment of the Playwright run: shared by the test process and the server it starts.
// E2E_PORT (default 3100) and E2E_EMULATOR_BASE_PORT (default 4580) let two runs on one machine coexist; each
// port gets its own data folder, so one run never wipes another's database.
import { resolve } from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** The emulators run on this port and the next four (AWS, Vault, Azure proxy, Google, demo API). */
export const E2E_EMULATOR_BASE_PORT = Number(process.env.E2E_EMULATOR_BASE_PORT ?? 4580);
export const E2E_DIR = resolve(__dirname, `../../.tmp/e2e-${E2E_PORT}`);
/** Everything the console server printed during the run (stdout and stderr). */
export const E2E_SERVER_LOG = `${E2E_DIR}/server.log`;
export const E2E_ADMIN = { email: "admin@e2e.keyhold.local", password: "e2e-admin-password-1" };

/** E2E_DATABASE=postgres runs the server on a throwaway PostgreSQL 15 cluster at a known port instead of SQLite. */
export const E2E_POSTGRES =
  process.env.E2E_DATABASE === "postgres" ? { port: E2E_PORT + 2000, password: "keyhold-e2e-throwaway", database: "keyhold_e2e" } : null;

/** The instance credential of /api/metrics in the e2e run (a throwaway value). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-not-a-secret-0123456789";

export const E2E_ENV: Record<string, string> = {
  DATABASE_URL: E2E_POSTGRES
    ? `postgresql://postgres:${E2E_POSTGRES.password}@127.0.0.1:${E2E_POSTGRES.port}/${E2E_POSTGRES.database}`
    : `file:${E2E_DIR}/keyhold.db`,
  MASTER_KEY_FILE: `${E2E_DIR}/master.key`,
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
  LOG_LEVEL: "info",
  METRICS_TOKEN: E2E_METRICS_TOKEN,
  // The Operations page spec waits for a flush.
  METRICS_FLUSH_SECONDS: "2",
  NEXT_TELEMETRY_DISABLED: "1",
  E2E_PORT: String(E2E_PORT),
  E2E_EMULATOR_BASE_PORT: String(E2E_EMULATOR_BASE_PORT),
  ...(E2E_POSTGRES ? { E2E_DATABASE: "postgres" } : {}),
};

/** Emulator URLs by the fixed port layout of e2e/emulators/main.ts. */
export const E2E_EMULATORS = {
  aws: `http://127.0.0.1:${E2E_EMULATOR_BASE_PORT}`,
  vault: `http://127.0.0.1:${E2E_EMULATOR_BASE_PORT + 1}`,
  azureProxy: `http://127.0.0.1:${E2E_EMULATOR_BASE_PORT + 2}`,
  gcp: `http://127.0.0.1:${E2E_EMULATOR_BASE_PORT + 3}`,
  demoTarget: `http://127.0.0.1:${E2E_EMULATOR_BASE_PORT + 4}`,
};

export const SCREENSHOT_DIR = resolve(__dirname, "../../test-results/screenshots");
