// The environment of the Playwright run: shared by the test process and the server it starts.
import { resolve } from "node:path";

export const E2E_PORT = 3100;
/** The emulators run on this port and the next four (AWS, Vault, Azure proxy, Google, demo API). */
export const E2E_EMULATOR_BASE_PORT = 4580;
export const E2E_DIR = resolve(__dirname, "../../.tmp/e2e");
export const E2E_ADMIN = { email: "admin@e2e.keyhold.local", password: "e2e-admin-password-1" };

export const E2E_ENV: Record<string, string> = {
  DATABASE_URL: `file:${E2E_DIR}/keyhold.db`,
  MASTER_KEY_FILE: `${E2E_DIR}/master.key`,
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
};

export const SCREENSHOT_DIR = resolve(__dirname, "../../test-results/screenshots");
