// SQLite (libsql: busy timeout 0, rollback journal): a COMMIT that meets a reader on another connection, e.g. the
// metrics flush while the Playwright process seeds, is refused with SQLITE_BUSY. That transaction may fail, but
// the database must stay usable for every connection (lib/db.ts).
import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { writeMinuteRows } from "@/lib/data/metric-minutes";
import { db } from "@/lib/db";

const url = process.env.DATABASE_URL!;
const row = { minute: Date.UTC(2026, 0, 1, 12, 0), workspaceId: 1, series: "http_requests", count: 1, sum: 0, mode: "add" as const };
const opened: Array<{ close(): void }> = [];

/** Another connection (as another process would be). */
function otherConnection() {
  const client = createClient({ url });
  opened.push(client);
  return client;
}

afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

describe("a transaction whose COMMIT SQLite refuses", () => {
  it("fails alone: every connection reads and writes again once the reader is done", async () => {
    const reader = await otherConnection().transaction("read");
    await reader.execute('SELECT count(*) FROM "MetricMinute"');
    await expect(writeMinuteRows("instance-a", [row])).rejects.toThrow(/SQLITE_BUSY|Operation has timed out/);
    await reader.commit();

    // Before: the refused COMMIT kept its lock, so these failed with SQLITE_BUSY until a garbage collection.
    const other = otherConnection();
    expect((await other.execute('SELECT count(*) AS n FROM "MetricMinute"')).rows[0]!.n).toBe(0);
    await other.execute("BEGIN EXCLUSIVE");
    await other.execute("COMMIT");
    await writeMinuteRows("instance-a", [row]);
    expect(await db.metricMinute.findMany({ select: { count: true } })).toEqual([{ count: 1 }]);
  });

  it("still commits when no one else holds the file", async () => {
    await writeMinuteRows("instance-b", [row, { ...row, series: "http_errors" }]);
    expect(await db.metricMinute.count({ where: { instance: "instance-b" } })).toBe(2);
  });
});
