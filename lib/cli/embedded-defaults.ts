// The embedded default's configuration: SQLite and a key file under ./data. Applied before lib/env loads.
export const EMBEDDED_DEFAULTS: Record<string, string> = {
  DATABASE_URL: "file:./data/keyhold.db",
  MASTER_KEY_FILE: "./data/master.key",
  NEXT_TELEMETRY_DISABLED: "1",
  // The emulators' account: production (start:prod) must set its own (lib/env.ts productionStartProblem).
  PLATFORM_AWS_ACCOUNT_ID: "111122223333",
};

export function applyEmbeddedDefaults(target: NodeJS.ProcessEnv = process.env): void {
  for (const [key, value] of Object.entries(EMBEDDED_DEFAULTS)) target[key] ??= value;
}
