import "server-only";
// Workflow runs and their trace (docs/workflows.md). A run is a row: pending → running (claimed with a lease)
// → completed | faulted | cancelled. The queue (lib/services/workflows/queue.ts) claims through claimNextRun;
// on PostgreSQL the claim is `FOR UPDATE SKIP LOCKED`, so several console instances share the work and no run
// executes twice. A run whose lease expires (its instance died) is faulted by sweepExpiredRuns.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ProjectActor } from "@/lib/auth/actor";
import { auditBy, recordAudit } from "./audit";
import { announceRunSubmitted } from "./run-wakeups";
import { bindingsForRun } from "./workflow-secret-bindings";
import { assertCanEditWorkflows } from "./workflows";

export type RunStatus = "pending" | "running" | "completed" | "faulted" | "cancelled";
export const FINAL_STATUSES: readonly RunStatus[] = ["completed", "faulted", "cancelled"];

export interface ClaimedRun {
  id: string;
  workspaceId: number;
  projectId: number;
  workflowId: number;
  revision: number;
  source: string;
  input: unknown;
  timeoutMs: number;
  /** Hosts the workflow may send secret-bearing requests to. */
  allowedHosts: string[];
  /** Secret name → the allowed-host patterns it is bound to for this workflow (docs/workflows.md "Destinations"). */
  bindings: Map<string, string[]>;
}

export interface RunEventInput {
  seq: number;
  task: string;
  kind: string;
  at: Date;
  durationMs?: number;
  status?: string;
  error?: unknown;
  output?: unknown;
}

/** Lease = the run timeout plus this margin: a live instance always finishes (or times out) before it expires. */
export const LEASE_MARGIN_MS = 30_000;

export async function createRun(actor: ProjectActor, workflowId: number, input: unknown, timeoutMs: number): Promise<string> {
  assertCanEditWorkflows(actor);
  return db.$transaction(async (tx) => {
    const wf = await tx.workflow.findFirst({
      where: { id: workflowId, projectId: actor.projectId, workspaceId: actor.workspaceId },
      select: { revision: true },
    });
    if (!wf) throw new AppError("NOT_FOUND", "No such workflow in this project.");
    const id = crypto.randomUUID();
    await tx.workflowRun.create({
      data: {
        id,
        workspaceId: actor.workspaceId,
        projectId: actor.projectId,
        workflowId,
        revision: wf.revision,
        input: (input ?? {}) as Prisma.InputJsonValue,
        startedById: actor.userId || null,
        startedBy: actor.email,
        timeoutMs,
      },
    });
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: actor.projectId,
        action: "workflow.run.started",
        targetType: "workflow",
        targetId: workflowId,
        detail: { runId: id, revision: wf.revision },
      },
      tx,
    );
    await announceRunSubmitted(tx);
    return id;
  });
}

const isPostgres = () => !env.DATABASE_URL.startsWith("file:");

/** Whether other instances may submit runs (PostgreSQL): then idle workers poll; on SQLite a submit wakes them. */
export const runsMaySubmitElsewhere = isPostgres;

/** Claims the oldest pending run for `owner`, or returns null. Exactly one caller wins each run. */
export async function claimNextRun(owner: string): Promise<ClaimedRun | null> {
  const now = new Date();
  let id: string | undefined;
  if (isPostgres()) {
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      UPDATE "WorkflowRun" SET "status" = 'running', "leaseOwner" = ${owner}, "startedAt" = ${now},
        "leaseExpiresAt" = ${now}::timestamp + ("timeoutMs" + ${LEASE_MARGIN_MS}) * interval '1 millisecond'
      WHERE "id" = (SELECT "id" FROM "WorkflowRun" WHERE "status" = 'pending' ORDER BY "createdAt", "id" FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING "id"`;
    id = rows[0]?.id;
  } else {
    // SQLite: one instance, one writer. The conditional update still makes two in-process workers safe.
    const next = await db.workflowRun.findFirst({
      where: { status: "pending" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, timeoutMs: true },
    });
    if (!next) return null;
    const won = await db.workflowRun.updateMany({
      where: { id: next.id, status: "pending" },
      data: { status: "running", leaseOwner: owner, startedAt: now, leaseExpiresAt: new Date(now.getTime() + next.timeoutMs + LEASE_MARGIN_MS) },
    });
    if (won.count === 1) id = next.id;
  }
  if (!id) return null;
  const run = await db.workflowRun.findUniqueOrThrow({ where: { id } });
  const rev = await db.workflowRevision.findUniqueOrThrow({
    where: { workflowId_revision: { workflowId: run.workflowId, revision: run.revision } },
    select: { source: true },
  });
  const hosts = await db.workflowAllowedHost.findMany({ where: { workflowId: run.workflowId }, select: { pattern: true } });
  const bindings = await bindingsForRun(run.workflowId);
  return {
    id,
    workspaceId: run.workspaceId,
    projectId: run.projectId,
    workflowId: run.workflowId,
    revision: run.revision,
    source: rev.source,
    input: run.input,
    timeoutMs: run.timeoutMs,
    allowedHosts: hosts.map((h) => h.pattern),
    bindings,
  };
}

export async function appendRunEvents(runId: string, events: RunEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db.workflowRunEvent.createMany({
    data: events.map((e) => ({
      runId,
      seq: e.seq,
      task: e.task,
      kind: e.kind,
      at: e.at,
      durationMs: e.durationMs === undefined ? null : Math.round(e.durationMs),
      status: e.status ?? null,
      error: (e.error ?? undefined) as Prisma.InputJsonValue | undefined,
      output: (e.output ?? undefined) as Prisma.InputJsonValue | undefined,
    })),
  });
}

export interface RunOutcome {
  status: "completed" | "faulted" | "cancelled";
  output?: unknown;
  error?: unknown;
  /** Names and references, never values. */
  secretsRead: Array<{ name: string; references: string[] }>;
}

/** Records the end of a run this owner holds; false when the lease was lost (the sweeper already faulted it). */
export async function finishRun(runId: string, owner: string, outcome: RunOutcome): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const done = await tx.workflowRun.updateMany({
      where: { id: runId, status: "running", leaseOwner: owner },
      data: {
        status: outcome.status,
        output: (outcome.output ?? undefined) as Prisma.InputJsonValue | undefined,
        error: (outcome.error ?? undefined) as Prisma.InputJsonValue | undefined,
        secretsRead: outcome.secretsRead as unknown as Prisma.InputJsonValue,
        finishedAt: new Date(),
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    });
    if (done.count !== 1) return false;
    // The audit trail of a run: who started it, how it ended, which secrets it read (names and references).
    const run = await tx.workflowRun.findUniqueOrThrow({
      where: { id: runId },
      select: { workspaceId: true, projectId: true, workflowId: true, startedById: true, startedBy: true },
    });
    await recordAudit(
      {
        workspaceId: run.workspaceId,
        projectId: run.projectId,
        actorUserId: run.startedById,
        actorLabel: run.startedBy,
        action: "workflow.run.finished",
        targetType: "workflow",
        targetId: run.workflowId,
        outcome: outcome.status === "completed" ? "success" : "failure",
        detail: { runId, status: outcome.status, secretsRead: outcome.secretsRead },
      },
      tx,
    );
    return true;
  });
}

/** Whether someone asked to cancel this running run (polled by the executing instance). */
export async function isCancelRequested(runId: string): Promise<boolean> {
  const run = await db.workflowRun.findUnique({ where: { id: runId }, select: { cancelRequested: true } });
  return run?.cancelRequested ?? true;
}

/** Faults running runs whose lease expired: their instance died or lost the database. Returns how many. */
export async function sweepExpiredRuns(now = new Date()): Promise<number> {
  const error = {
    type: "https://serverlessworkflow.io/spec/1.0.0/errors/runtime",
    status: 500,
    title: "Run lost",
    detail: "The console instance executing this run stopped before it finished; the run was not retried, so no request is repeated.",
  };
  // Read first: the sweep runs every few seconds and almost never finds anything; a write each time would
  // contend with the console's own writes on SQLite.
  if (!(await db.workflowRun.findFirst({ where: { status: "running", leaseExpiresAt: { lt: now } }, select: { id: true } }))) return 0;
  const swept = await db.workflowRun.updateMany({
    where: { status: "running", leaseExpiresAt: { lt: now } },
    data: { status: "faulted", error, finishedAt: now, leaseOwner: null, leaseExpiresAt: null },
  });
  return swept.count;
}

export async function requestCancel(actor: ProjectActor, runId: string): Promise<void> {
  assertCanEditWorkflows(actor);
  await db.$transaction(async (tx) => {
    const run = await tx.workflowRun.findFirst({
      where: { id: runId, projectId: actor.projectId, workspaceId: actor.workspaceId },
      select: { status: true, workflowId: true },
    });
    if (!run) throw new AppError("NOT_FOUND", "No such run in this project.");
    if ((FINAL_STATUSES as string[]).includes(run.status))
      throw new AppError("CONFLICT", `The run has already ${run.status === "cancelled" ? "been cancelled" : run.status}.`);
    // A pending run is cancelled at once; a running one stops at its instance's next check.
    await tx.workflowRun.updateMany({ where: { id: runId, status: "pending" }, data: { status: "cancelled", finishedAt: new Date() } });
    await tx.workflowRun.update({ where: { id: runId }, data: { cancelRequested: true } });
    await recordAudit(
      { ...auditBy(actor), projectId: actor.projectId, action: "workflow.run.cancelled", targetType: "workflow", targetId: run.workflowId, detail: { runId } },
      tx,
    );
  });
}
