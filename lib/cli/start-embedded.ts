// npm start — the embedded default, from a fresh clone with nothing configured: the SQLite database migrated,
// its master key checked (a key file, 0600, is created only for an empty database), the local provider
// emulators, the demo seed, and the console on http://localhost:3000 through the server entry
// (lib/cli/server.ts). Production runs `npm run start:prod` with its own configuration instead.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DemoEndpoints } from "@/prisma/seed-providers";
import { applyEmbeddedDefaults } from "./embedded-defaults";
import { exitWithChildren, runToCompletion, spawnGroup, startEmulators, stopChildrenOnSignals } from "./processes";

const ROOT = resolve(__dirname, "../..");

async function main() {
  stopChildrenOnSignals();
  applyEmbeddedDefaults();
  const { migrateDatabase } = await import("@/lib/migrations/migrate-database");
  const applied = await migrateDatabase(process.env.DATABASE_URL!);
  if (applied.length) console.log(`Database migrated (${applied.join(", ")}).`);
  // Before the emulators and the seed: a wrong key must stop the start before anything is written under it.
  const { checkMasterKeyOrExit } = await import("./master-key-start");
  await checkMasterKeyOrExit({ create: true });

  const emulators = await startEmulators(ROOT);
  Object.assign(process.env, emulators.env);
  const { seedDemo, printSeedResult } = await import("@/prisma/seed");
  printSeedResult(await seedDemo(emulators.urls as unknown as DemoEndpoints));

  if (needsBuild()) {
    console.log("Building the console (first start, or sources changed)…");
    await runToCompletion("npx", ["next", "build"], { cwd: ROOT, env: process.env });
  }
  const port = process.env.PORT ?? "3000";
  const server = spawnGroup("npx", ["tsx", "lib/cli/server.ts"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, PORT: port } });
  console.log(`Keyhold is starting on http://localhost:${port}`);
  server.on("exit", (code) => exitWithChildren(code ?? 0));
}

/** Builds when there is no build, or when any source file is newer than it. */
function needsBuild(): boolean {
  const buildId = join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return e.name !== "generated" && newer(p);
      return statSync(p).mtimeMs > builtAt;
    });
  const rootFiles = ["proxy.ts", "instrumentation.ts", "next.config.ts"].map((f) => join(ROOT, f)).filter(existsSync);
  return ["app", "components", "lib"].some((d) => newer(join(ROOT, d))) || rootFiles.some((f) => statSync(f).mtimeMs > builtAt);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  exitWithChildren(1);
});
