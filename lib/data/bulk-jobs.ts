import "server-only";
// Bulk jobs as rows (docs/scopes.md "Progress for long work"): the console reads progress from here, workers on
// any instance claim items one at a time with a conditional update (no transaction held, no row lock needed on
// either database), and the counters move with each finished item so a reload shows exactly where it is.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { BulkItemStatus, BulkJobKind, BulkJobStatus, BulkJobView } from "@/lib/views/bulk-jobs";
import { auditBy, recordAudit } from "./audit";

export interface NewBulkItem {
  projectId: number;
  connectionId: number;
  label: string;
  fieldName?: string;
}

/** What a worker needs of a job: who started it, to re-check their rights before each run. */
export interface BulkJobForRun {
  id: number;
  workspaceId: number;
  kind: BulkJobKind;
  createdById: number | null;
  createdBy: string;
}

export interface ClaimedItem {
  id: number;
  projectId: number;
  connectionId: number;
  fieldName: string | null;
}

function assertAdmin(actor: WorkspaceActor): void {
  if (!isWorkspaceAdmin(actor.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace owners and admins can run bulk jobs.");
}

export async function createBulkJob(actor: WorkspaceActor, kind: BulkJobKind, items: NewBulkItem[]): Promise<number> {
  assertAdmin(actor);
  if (items.length === 0) throw new AppError("VALIDATION", kind === "retest" ? "No connection to re-test." : "No field needs re-pointing.");
  return db.$transaction(async (tx) => {
    const running = await tx.bulkJob.count({ where: { workspaceId: actor.workspaceId, status: "running" } });
    if (running > 0) throw new AppError("CONFLICT", "A bulk job is already running in this workspace. Wait for it or cancel it first.");
    const job = await tx.bulkJob.create({
      data: { workspaceId: actor.workspaceId, kind, total: items.length, createdById: actor.userId || null, createdBy: actor.email },
      select: { id: true },
    });
    await tx.bulkJobItem.createMany({
      data: items.map((i) => ({ jobId: job.id, projectId: i.projectId, connectionId: i.connectionId, label: i.label, fieldName: i.fieldName ?? null })),
    });
    await recordAudit(
      {
        ...auditBy(actor),
        action: "secrets.bulk_job.started",
        targetType: "workspace",
        targetId: actor.workspaceId,
        detail: { jobId: job.id, kind, items: items.length },
      },
      tx,
    );
    return job.id;
  });
}

/** What a re-test after a scope switch covers: every connection of the workspace with a secret reference. */
export async function connectionsWithReferences(actor: WorkspaceActor): Promise<NewBulkItem[]> {
  assertAdmin(actor);
  const rows = await db.connection.findMany({
    where: { workspaceId: actor.workspaceId, fields: { some: { mode: "template" } } },
    select: { id: true, name: true, projectId: true },
    orderBy: [{ projectId: "asc" }, { name: "asc" }],
  });
  return rows.map((r) => ({ projectId: r.projectId, connectionId: r.id, label: r.name }));
}

const jobSelect = {
  id: true,
  kind: true,
  status: true,
  total: true,
  done: true,
  failed: true,
  cancelRequested: true,
  error: true,
  createdBy: true,
  createdAt: true,
  finishedAt: true,
  items: { select: { id: true, label: true, fieldName: true, status: true, summary: true, ms: true }, orderBy: { id: "asc" } },
} satisfies Prisma.BulkJobSelect;

function toView(row: Prisma.BulkJobGetPayload<{ select: typeof jobSelect }>): BulkJobView {
  return {
    ...row,
    kind: row.kind as BulkJobKind,
    status: row.status as BulkJobStatus,
    remaining: Math.max(0, row.total - row.done - row.failed),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    items: row.items.map((i) => ({ ...i, status: i.status as BulkItemStatus })),
  };
}

export async function getBulkJob(actor: WorkspaceActor, jobId: number): Promise<BulkJobView> {
  assertAdmin(actor);
  const row = await db.bulkJob.findFirst({ where: { id: jobId, workspaceId: actor.workspaceId }, select: jobSelect });
  if (!row) throw new AppError("NOT_FOUND", "Unknown job.");
  return toView(row);
}

/** The workspace's most recent job, so the panel is back after a reload. */
export async function latestBulkJob(actor: WorkspaceActor): Promise<BulkJobView | null> {
  assertAdmin(actor);
  const row = await db.bulkJob.findFirst({ where: { workspaceId: actor.workspaceId }, orderBy: { id: "desc" }, select: jobSelect });
  return row ? toView(row) : null;
}

export async function requestBulkJobCancel(actor: WorkspaceActor, jobId: number): Promise<void> {
  assertAdmin(actor);
  const { count } = await db.bulkJob.updateMany({ where: { id: jobId, workspaceId: actor.workspaceId, status: "running" }, data: { cancelRequested: true } });
  if (count === 0) throw new AppError("NOT_FOUND", "That job is not running any more.");
  await recordAudit({ ...auditBy(actor), action: "secrets.bulk_job.cancelled", targetType: "workspace", targetId: actor.workspaceId, detail: { jobId } });
}

// ---- For workers (lib/services/jobs): no actor, the job row is the authority and its starter is re-checked. ----

/** Takes (or renews) the job's lease; false while another instance holds a live one, or once the job is over. */
export async function leaseBulkJob(jobId: number, owner: string, leaseMs: number): Promise<BulkJobForRun | null> {
  const now = new Date();
  const { count } = await db.bulkJob.updateMany({
    where: { id: jobId, status: "running", OR: [{ leaseOwner: owner }, { leaseOwner: null }, { leaseExpiresAt: { lt: now } }] },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  if (count === 0) return null;
  return db.bulkJob.findUniqueOrThrow({
    where: { id: jobId },
    select: { id: true, workspaceId: true, kind: true, createdById: true, createdBy: true },
  }) as Promise<BulkJobForRun>;
}

/** Items another (dead) instance had started go back to pending: re-testing or re-pointing twice is harmless. */
export async function requeueRunningItems(jobId: number): Promise<void> {
  await db.bulkJobItem.updateMany({ where: { jobId, status: "running" }, data: { status: "pending" } });
}

export async function isCancelRequested(jobId: number): Promise<boolean> {
  const row = await db.bulkJob.findUnique({ where: { id: jobId }, select: { cancelRequested: true, status: true } });
  return !row || row.cancelRequested || row.status !== "running";
}

/** The next pending item, claimed by a conditional update (a lost race just tries the next one). */
export async function claimBulkItem(jobId: number): Promise<ClaimedItem | null> {
  for (;;) {
    const next = await db.bulkJobItem.findFirst({
      where: { jobId, status: "pending" },
      orderBy: { id: "asc" },
      select: { id: true, projectId: true, connectionId: true, fieldName: true },
    });
    if (!next) return null;
    const { count } = await db.bulkJobItem.updateMany({ where: { id: next.id, status: "pending" }, data: { status: "running" } });
    if (count === 1) return next;
  }
}

export async function completeBulkItem(jobId: number, itemId: number, outcome: { ok: boolean; summary: string; ms: number }): Promise<void> {
  const { count } = await db.bulkJobItem.updateMany({
    where: { id: itemId, status: "running" },
    data: { status: outcome.ok ? "ok" : "failed", summary: outcome.summary.slice(0, 500), ms: outcome.ms },
  });
  if (count === 1) await db.bulkJob.update({ where: { id: jobId }, data: outcome.ok ? { done: { increment: 1 } } : { failed: { increment: 1 } } });
}

/** Ends the job: cancelled (pending items marked so) if asked, failed with a reason, else completed. */
export async function finishBulkJob(jobId: number, error?: string): Promise<void> {
  const job = await db.bulkJob.findUnique({ where: { id: jobId }, select: { cancelRequested: true, status: true } });
  if (job?.status !== "running") return;
  const stopped = job.cancelRequested || error !== undefined;
  if (stopped) await db.bulkJobItem.updateMany({ where: { jobId, status: { in: ["pending", "running"] } }, data: { status: "cancelled" } });
  const status: BulkJobStatus = error !== undefined ? "failed" : job.cancelRequested ? "cancelled" : "completed";
  await db.bulkJob.update({ where: { id: jobId }, data: { status, error: error ?? null, finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null } });
}

/** Running jobs whose lease lapsed (their instance died or restarted): any instance may resume them. */
export async function orphanedBulkJobs(workspaceId: number): Promise<number[]> {
  const rows = await db.bulkJob.findMany({
    where: { workspaceId, status: "running", OR: [{ leaseOwner: null }, { leaseExpiresAt: { lt: new Date() } }] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
