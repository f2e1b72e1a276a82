import "server-only";
// Readiness (docs/operations.md "Readiness"): each dependency an instance needs to serve, with its state. Ready
// only when all are: the database answers, every migration this build ships is applied, the master key is the
// database's, this instance hears other instances' cache invalidations, and its workflow run queue runs.
// States are fixed words; the reasons go to the server log, never to the unauthenticated caller.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cacheBusState } from "@/lib/data/cache-bus";
import { appliedMigrationNames, checkMasterKeyMatches, pingDatabase } from "@/lib/data/health";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { runQueueState } from "./workflows/queue";

export interface DependencyState {
  ok: boolean;
  state: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: DependencyState; migrations: DependencyState; masterKey: DependencyState; cacheBus: DependencyState; runQueue: DependencyState };
}

export interface ReadinessProbes {
  ping: () => Promise<void>;
  applied: () => Promise<string[]>;
  /** The migrations this build ships, or null when the folder is not deployed with it. */
  shipped: () => string[] | null;
  masterKey: () => Promise<void>;
  bus: () => string;
  queue: () => string;
}

function shippedMigrations(): string[] | null {
  const dir = join(process.cwd(), "prisma", ...(env.DATABASE_URL.startsWith("file:") ? [] : ["postgres"]), "migrations");
  if (!existsSync(dir)) return null;
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}

const DEFAULT_PROBES: ReadinessProbes = {
  ping: pingDatabase,
  applied: appliedMigrationNames,
  shipped: shippedMigrations,
  masterKey: checkMasterKeyMatches,
  bus: cacheBusState,
  queue: runQueueState,
};

async function attempt(name: string, run: () => Promise<DependencyState>): Promise<DependencyState> {
  try {
    return await run();
  } catch (err) {
    log.error({ err, dependency: name }, "readiness check failed");
    return { ok: false, state: "failed" };
  }
}

export async function readiness(probes: ReadinessProbes = DEFAULT_PROBES): Promise<Readiness> {
  const database = await attempt("database", async () => {
    await probes.ping();
    return { ok: true, state: "up" };
  });
  const migrations = !database.ok
    ? { ok: false, state: "unknown" }
    : await attempt("migrations", async () => {
        const shipped = probes.shipped();
        if (shipped === null) return { ok: true, state: "not checked (no migrations folder)" };
        const applied = new Set(await probes.applied());
        const pending = shipped.filter((m) => !applied.has(m)).length;
        return pending === 0 ? { ok: true, state: "applied" } : { ok: false, state: `${pending} pending` };
      });
  const masterKey = !database.ok
    ? { ok: false, state: "unknown" }
    : await attempt("masterKey", async () => {
        await probes.masterKey();
        return { ok: true, state: "matches" };
      });
  const bus = probes.bus();
  const queue = probes.queue();
  const checks = {
    database,
    migrations,
    masterKey,
    cacheBus: { ok: bus === "local" || bus === "listening", state: bus },
    runQueue: { ok: queue === "running", state: queue },
  };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}
