// The server Playwright tests run against: a fresh SQLite database and key under .tmp/e2e, the emulators,
// the demo seed (with the admin from E2E_ADMIN), and the production build on port E2E_PORT, served through the
// product's server entry (lib/cli/server.ts) so every browser test goes through its header rewriting.
// E2E_EMPTY_DATABASE=1 (playwright.empty.config.ts) skips the seed: the server starts on an empty, migrated
// database, as a fresh production install does.
import { createWriteStream, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { DemoEndpoints } from "@/prisma/seed-providers";
import { E2E_DIR, E2E_EMULATOR_BASE_PORT, E2E_ENV, E2E_PORT, E2E_POSTGRES, E2E_SERVER_LOG } from "./e2e-env";
import { exitWithChildren, spawnGroup, startEmulators, stopChildrenOnSignals } from "@/lib/cli/processes";

const ROOT = resolve(__dirname, "../..");

async function main() {
  stopChildrenOnSignals();
  rmSync(E2E_DIR, { recursive: true, force: true });
  Object.assign(process.env, E2E_ENV);
  const emulators = await startEmulators(ROOT, [
    "--base-port",
    String(E2E_EMULATOR_BASE_PORT),
    "--state-file",
    `${E2E_DIR}/emulators.json`,
    "--data-dir",
    `${E2E_DIR}/emulators`,
  ]);
  Object.assign(process.env, emulators.env);
  if (E2E_POSTGRES) await startPostgres(E2E_POSTGRES);
  const { migrateDatabase } = await import("@/lib/migrations/migrate-database");
  await migrateDatabase(E2E_ENV.DATABASE_URL!);
  const { checkMasterKeyOrExit } = await import("@/lib/cli/master-key-start");
  await checkMasterKeyOrExit({ create: true });
  if (process.env.E2E_EMPTY_DATABASE !== "1") {
    const { seedDemo } = await import("@/prisma/seed");
    await seedDemo(emulators.urls as unknown as DemoEndpoints);
  }
  // The server's output is also kept in a file, so the leak test can prove no secret value was ever logged.
  const server = spawnGroup("npx", ["tsx", "lib/cli/server.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(E2E_PORT) },
  });
  const logFile = createWriteStream(E2E_SERVER_LOG, { flags: "a" });
  for (const stream of [server.stdout!, server.stderr!]) {
    stream.pipe(logFile, { end: false });
    stream.pipe(process.stdout, { end: false });
  }
  server.on("exit", (code) => exitWithChildren(code ?? 1));
}

/** A throwaway cluster for this run; it stops when this process exits. */
async function startPostgres(options: { port: number; password: string; database: string }) {
  const { startPostgresCluster } = await import("@/lib/testing/postgres-cluster");
  const pg = (await import("pg")).default;
  const cluster = await startPostgresCluster({ port: options.port, password: options.password });
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${options.database}`);
  await admin.end();
  console.log(`PostgreSQL 15 for the e2e run on 127.0.0.1:${options.port}`);
}

main().catch((err) => {
  console.error(err);
  exitWithChildren(1);
});
