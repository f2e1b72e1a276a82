// Starts what the two-instance test needs: a throwaway PostgreSQL 15, the emulators, the demo seed, and two
// console processes (the server entry, lib/cli/server.ts) on the same database. Everything is stopped by `stop()`.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createDatabase, startPostgresCluster } from "@/lib/testing/postgres-cluster";
import { spawnGroup, startEmulators, stopChildren } from "@/lib/cli/processes";

export const ROOT = resolve(__dirname, "../..");

export interface Instances {
  a: string;
  b: string;
  aws: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

async function waitReady(url: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready`);
}

export async function startTwoInstances(ports: { a: number; b: number; emulatorBase: number }): Promise<Instances> {
  const cluster = await startPostgresCluster();
  try {
    return await startOn(cluster, ports);
  } catch (err) {
    stopChildren();
    await cluster.stop();
    throw err;
  }
}

async function startOn(cluster: Awaited<ReturnType<typeof startPostgresCluster>>, ports: { a: number; b: number; emulatorBase: number }): Promise<Instances> {
  const databaseUrl = await createDatabase(cluster.adminUrl, "keyhold_multi");
  const dir = mkdtempSync(join(tmpdir(), "keyhold-multi-"));
  const emulators = await startEmulators(ROOT, ["--base-port", String(ports.emulatorBase), "--data-dir", join(dir, "emulators")]);
  const env = {
    ...process.env,
    ...emulators.env,
    DATABASE_URL: databaseUrl,
    MASTER_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    // These tests poll Test every 50 ms to time cache propagation; the rate limits have their own tests.
    RATE_LIMIT_TEST_PER_MINUTE: "100000",
    RATE_LIMIT_REFRESH_PER_MINUTE: "100000",
  };
  Object.assign(process.env, env);
  const { migrateDatabase } = await import("@/lib/migrations/migrate-database");
  await migrateDatabase(databaseUrl);
  const { seedDemo } = await import("@/prisma/seed");
  await seedDemo(emulators.urls as never);
  for (const port of [ports.a, ports.b]) spawnGroup("npx", ["tsx", "lib/cli/server.ts"], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: "ignore" });
  const a = `http://localhost:${ports.a}`;
  const b = `http://localhost:${ports.b}`;
  await Promise.all([waitReady(a), waitReady(b)]);
  return {
    a,
    b,
    aws: emulators.urls.aws!,
    databaseUrl,
    async stop() {
      stopChildren();
      await cluster.stop();
    },
  };
}

/** The id Next gave a server action in this build (server actions are public POST endpoints). */
export function serverActionId(name: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === name);
  if (!entry) throw new Error(`No server action ${name} in this build.`);
  return entry[0];
}

/** Calls a useActionState-style server action (prevState null, FormData) the way React's client encodes it. */
export async function callServerAction(baseUrl: string, page: string, actionId: string, fields: Record<string, string>, cookie: string): Promise<string> {
  const body = new FormData();
  // React encodes a FormData argument as fields prefixed "_<part>_" and the argument list as part "0".
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
  body.append("0", JSON.stringify(["$undefined", "$K1"]));
  const res = await fetch(`${baseUrl}${page}`, { method: "POST", headers: { "Next-Action": actionId, Accept: "text/x-component", cookie }, body });
  return res.text();
}
