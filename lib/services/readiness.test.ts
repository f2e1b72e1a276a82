import { describe, expect, it } from "vitest";
import { readiness, type ReadinessProbes } from "./readiness";

const healthy: ReadinessProbes = {
  ping: async () => undefined,
  applied: async () => ["0001_init", "0002_more"],
  shipped: () => ["0001_init", "0002_more"],
  masterKey: async () => undefined,
  bus: () => "listening",
  queue: () => "running",
};

describe("readiness", () => {
  it("is ready when every dependency is, and says so per dependency", async () => {
    expect(await readiness(healthy)).toEqual({
      ready: true,
      checks: {
        database: { ok: true, state: "up" },
        migrations: { ok: true, state: "applied" },
        masterKey: { ok: true, state: "matches" },
        cacheBus: { ok: true, state: "listening" },
        runQueue: { ok: true, state: "running" },
      },
    });
    expect((await readiness({ ...healthy, bus: () => "local", shipped: () => null })).ready).toBe(true);
  });

  it.each([
    ["a pending migration", { shipped: () => ["0001_init", "0002_more", "0012_new"] }, "migrations", "1 pending"],
    ["a master key that is not the database's", { masterKey: async () => Promise.reject(new Error("not this database's key")) }, "masterKey", "failed"],
    ["a lost invalidation bus", { bus: () => "connecting" }, "cacheBus", "connecting"],
    ["a stopped run queue", { queue: () => "stopped" }, "runQueue", "stopped"],
  ] as const)("is not ready with %s", async (_, override, name, state) => {
    const r = await readiness({ ...healthy, ...override } as ReadinessProbes);
    expect(r.ready).toBe(false);
    expect(r.checks[name]).toEqual({ ok: false, state });
    // The reason never reaches the caller.
    expect(JSON.stringify(r)).not.toContain("database's key");
  });

  it("reports the database down, and what depends on it unknown", async () => {
    const r = await readiness({ ...healthy, ping: async () => Promise.reject(new Error("ECONNREFUSED 10.0.0.5:5432")) });
    expect(r.checks).toMatchObject({ database: { ok: false, state: "failed" }, migrations: { state: "unknown" }, masterKey: { state: "unknown" } });
    expect(JSON.stringify(r)).not.toContain("10.0.0.5");
  });
});
