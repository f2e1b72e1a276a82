import { describe, expect, it } from "vitest";
import { MinuteBuffer } from "./minute-buffer";
import { bucketOf, LATENCY_BUCKETS, quantileFromBuckets } from "./series";

describe("per-minute buffer", () => {
  it("adds counts of one minute, workspace and series, and starts a new row each minute", () => {
    let now = Date.UTC(2026, 0, 1, 10, 0, 5);
    const buffer = new MinuteBuffer(() => now);
    buffer.add(1, "resolution.cache_hit", 2);
    buffer.add(1, "resolution.cache_hit");
    buffer.add(2, "resolution.cache_hit");
    now += 60_000;
    buffer.add(1, "resolution.cache_hit");
    const rows = buffer.drain();
    expect(rows.map((r) => [new Date(r.minute).toISOString(), r.workspaceId, r.count])).toEqual([
      ["2026-01-01T10:00:00.000Z", 1, 3],
      ["2026-01-01T10:00:00.000Z", 2, 1],
      ["2026-01-01T10:01:00.000Z", 1, 1],
    ]);
    expect(buffer.size).toBe(0);
  });

  it("keeps a gauge's highest sample of the minute, and takes rows back after a failed write", () => {
    const buffer = new MinuteBuffer(() => 0);
    buffer.sample(0, "agents.connected", 3);
    buffer.sample(0, "agents.connected", 1);
    const rows = buffer.drain();
    expect(rows).toEqual([{ minute: 0, workspaceId: 0, series: "agents.connected", count: 3, sum: 0, mode: "max" }]);
    buffer.sample(0, "agents.connected", 2);
    buffer.restore(rows);
    expect(buffer.drain()[0]?.count).toBe(3);
  });

  it("stays bounded when the database is away", () => {
    const buffer = new MinuteBuffer(() => 0, 3);
    for (let i = 0; i < 10; i++) buffer.add(i, "run.completed");
    expect(buffer.size).toBe(3);
    expect(buffer.drain().map((r) => r.workspaceId)).toEqual([7, 8, 9]);
  });
});

describe("latency buckets", () => {
  it("places durations in buckets and reads percentiles back from merged counts", () => {
    expect(bucketOf(0.001)).toBe(0);
    expect(bucketOf(0.1)).toBe(LATENCY_BUCKETS.indexOf(0.1));
    expect(bucketOf(99)).toBe(LATENCY_BUCKETS.length);
    const counts = new Map<number, number>([
      [bucketOf(0.02), 98],
      [bucketOf(2), 2],
    ]);
    expect(quantileFromBuckets(counts, 0.5)).toBe(0.025);
    expect(quantileFromBuckets(counts, 0.99)).toBe(2.5);
    expect(quantileFromBuckets(new Map([[LATENCY_BUCKETS.length, 1]]), 0.5)).toBe(15);
    expect(quantileFromBuckets(new Map(), 0.5)).toBeNull();
  });
});
