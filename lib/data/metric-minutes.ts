import "server-only";
// The per-minute metric aggregates (docs/operations.md "Operations page"). Each instance writes only its own
// rows (keyed by minute, instance, workspace, series), so merging a flush into a stored row needs no lock across
// instances; readers sum the instances. Reading is for workspace admins of that workspace only.
import type { WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface MinuteRowInput {
  minute: number;
  workspaceId: number;
  series: string;
  count: number;
  sum: number;
  mode: "add" | "max";
}

/** Upserts one flush of this instance: counts add up, gauge samples keep the minute's highest. */
export async function writeMinuteRows(instance: string, rows: readonly MinuteRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$transaction(async (tx) => {
    for (const row of rows) {
      const key = { minute: new Date(row.minute), instance, workspaceId: row.workspaceId, series: row.series };
      const where = { minute_instance_workspaceId_series: key };
      if (row.mode === "add") {
        await tx.metricMinute.upsert({
          where,
          create: { ...key, count: row.count, sum: row.sum },
          update: { count: { increment: row.count }, sum: { increment: row.sum } },
        });
        continue;
      }
      const stored = await tx.metricMinute.findUnique({ where, select: { count: true } });
      if (!stored) await tx.metricMinute.create({ data: { ...key, count: row.count, sum: 0 } });
      else if (stored.count < row.count) await tx.metricMinute.update({ where, data: { count: row.count } });
    }
  });
}

/** Deletes rows older than `before`; returns how many went. */
export async function pruneMinuteRows(before: Date): Promise<number> {
  const { count } = await db.metricMinute.deleteMany({ where: { minute: { lt: before } } });
  return count;
}

export interface SeriesPoint {
  minute: Date;
  series: string;
  count: number;
  sum: number;
}

/** A workspace's series since `since`, summed across instances per minute. Workspace admins only. */
export async function readWorkspaceSeries(actor: WorkspaceActor, since: Date): Promise<SeriesPoint[]> {
  if (!isWorkspaceAdmin(actor.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace admins can read the operations metrics.");
  const groups = await db.metricMinute.groupBy({
    by: ["minute", "series"],
    where: { workspaceId: actor.workspaceId, minute: { gte: since } },
    _sum: { count: true, sum: true },
    orderBy: { minute: "asc" },
  });
  return groups.map((g) => ({ minute: g.minute, series: g.series, count: g._sum.count ?? 0, sum: g._sum.sum ?? 0 }));
}
