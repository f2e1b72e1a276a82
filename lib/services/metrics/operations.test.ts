import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeMinuteRows } from "@/lib/data/metric-minutes";
import { minuteBuffer, recordProviderCall, recordResolutions, recordWorkflowRun } from "@/lib/metrics/record";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { flushMetrics, pruneMetrics } from "./flusher";
import { operationsView } from "./operations";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const minute = (m: number) => NOW - m * 60_000;

beforeEach(() => {
  minuteBuffer().drain();
});

describe("operations aggregates", () => {
  it("merges the instances' rows per minute, and keeps each workspace's own", async () => {
    const { ws, wsActor } = await seedWorkspace();
    const other = await seedWorkspace();
    const row = (workspaceId: number, series: string, count: number, at = minute(5), sum = 0) => ({
      minute: at,
      workspaceId,
      series,
      count,
      sum,
      mode: "add" as const,
    });
    await writeMinuteRows("a", [
      row(ws.id, "resolution.cache_hit", 30),
      row(ws.id, "resolution.cache_miss", 10),
      row(ws.id, "latency.aws.2", 99, minute(5), 2),
    ]);
    await writeMinuteRows("b", [row(ws.id, "resolution.cache_hit", 20), row(ws.id, "latency.aws.9", 1, minute(5), 3)]);
    // A second flush of the same minute by the same instance adds up.
    await writeMinuteRows("a", [row(ws.id, "resolution.cache_hit", 10)]);
    await writeMinuteRows("a", [row(other.ws.id, "resolution.cache_hit", 1000), row(other.ws.id, "run.faulted", 7)]);
    const view = await operationsView(wsActor, "24h", NOW);
    expect(view.buckets).toHaveLength(144);
    const chart = (id: string) => view.charts.find((c) => c.id === id)!;
    expect(chart("resolutions").totals).toEqual([
      { label: "cache hit", value: 60 },
      { label: "cache miss", value: 10 },
    ]);
    expect(chart("hit-ratio").lines[0]?.values.filter((v) => v !== null)).toEqual([85.71]);
    expect(chart("latency").lines.map((l) => [l.label, l.values.find((v) => v !== null)])).toEqual([
      ["aws p50", 25],
      ["aws p99", 25],
    ]);
    expect(chart("runs").lines).toEqual([]);
    expect(chart("runs").auditHref).toBe(`/w/${ws.id}/audit?action=workflow.run`);
  });

  it("is for workspace admins of that workspace only", async () => {
    const { ws, projects } = await seedWorkspace();
    const { ws: admin } = await actorWithRoles(ws.id, projects[0]!.id, "admin", null);
    await expect(operationsView(admin, "30d", NOW)).resolves.toMatchObject({ window: "30d" });
    const { ws: member } = await actorWithRoles(ws.id, projects[0]!.id, "member", "admin");
    await expect(operationsView(member, "24h", NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("flushes what the recorders counted, and prunes rows past the retention", async () => {
    const { ws } = await seedWorkspace();
    recordResolutions(ws.id, "stale_served", 2);
    recordProviderCall(ws.id, "vault", "fetch", "unavailable", 0.2);
    recordWorkflowRun(ws.id, "completed");
    expect(await flushMetrics("test-instance")).toBe(4);
    const rows = await db.metricMinute.findMany({ where: { workspaceId: ws.id }, select: { series: true, count: true, instance: true } });
    expect(rows.map((r) => r.series).sort()).toEqual(["latency.vault.5", "provider.vault.unavailable", "resolution.stale_served", "run.completed"]);
    expect(rows.every((r) => r.instance === "test-instance")).toBe(true);
    await writeMinuteRows("old", [{ minute: Date.now() - 31 * 86_400_000, workspaceId: ws.id, series: "run.completed", count: 1, sum: 0, mode: "add" }]);
    expect(await pruneMetrics(30)).toBeGreaterThanOrEqual(1);
    expect(await db.metricMinute.count({ where: { instance: "old" } })).toBe(0);
    expect(await db.metricMinute.count({ where: { instance: "test-instance" } })).toBe(4);
  });
});
