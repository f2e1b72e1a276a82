import "server-only";
// Runs a bulk job (docs/scopes.md "Progress for long work") in the background of whichever instance started or
// resumed it: a few items at once, each under its own deadline on top of every provider call's and target's
// own, the lease renewed as items finish so another instance takes over only if this one dies. The request that
// started the job returned at once; the console polls the rows.
import { randomUUID } from "node:crypto";
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import type { CredentialFieldName } from "@/lib/connections/types";
import {
  type BulkJobForRun,
  type ClaimedItem,
  claimBulkItem,
  completeBulkItem,
  finishBulkJob,
  isCancelRequested,
  leaseBulkJob,
  orphanedBulkJobs,
  requeueRunningItems,
} from "@/lib/data/bulk-jobs";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { runConnectionTest } from "@/lib/services/connections/test-connection";
import { repointFieldForJob } from "@/lib/services/secrets/repoint";
import type { ConnectionTestReport } from "@/lib/views/connections";

/** The starter's actors, re-read before each run (lib/auth/job-actor.ts); null once they lost the right. */
export type JobActorsFor = (job: BulkJobForRun) => Promise<{ workspace: WorkspaceActor; project: (projectId: number) => ProjectActor } | null>;

export interface RunOptions {
  actorsFor: JobActorsFor;
  /** Items at once on this instance (provider calls are batched and rate-limited below this anyway). */
  concurrency?: number;
  /** A single item's budget: a test's provider reads and its 10 s target timeout fit well inside. */
  itemDeadlineMs?: number;
  leaseMs?: number;
  /** Tests replace the unit of work. */
  execute?: (item: ClaimedItem, actors: NonNullable<Awaited<ReturnType<JobActorsFor>>>, job: BulkJobForRun) => Promise<{ ok: boolean; summary: string }>;
}

const INSTANCE = `instance-${randomUUID()}`;
const runningHere = new Set<number>();

/** Starts the job in the background and returns at once; a job already running on this instance is left alone. */
export function startBulkJob(jobId: number, options: RunOptions): void {
  runBulkJob(jobId, options).catch((err) => log.error({ err: err instanceof Error ? err.message : String(err), jobId }, "Bulk job failed"));
}

/** Any running job of the workspace whose instance is gone is picked up here (called when its progress is read). */
export async function resumeOrphanedJobs(workspaceId: number, options: RunOptions): Promise<void> {
  for (const id of await orphanedBulkJobs(workspaceId)) if (!runningHere.has(id)) startBulkJob(id, options);
}

export async function runBulkJob(jobId: number, options: RunOptions): Promise<void> {
  if (runningHere.has(jobId)) return;
  runningHere.add(jobId);
  try {
    const leaseMs = options.leaseMs ?? 60_000;
    const job = await leaseBulkJob(jobId, INSTANCE, leaseMs);
    if (!job) return;
    await requeueRunningItems(jobId);
    const actors = await options.actorsFor(job);
    if (!actors) return await finishBulkJob(jobId, "Stopped: the admin who started this job no longer has the right to run it.");
    const execute = options.execute ?? executeItem;
    const deadline = options.itemDeadlineMs ?? 45_000;
    let lost = false;
    const worker = async () => {
      while (!lost && !(await isCancelRequested(jobId))) {
        const item = await claimBulkItem(jobId);
        if (!item) return;
        const started = performance.now();
        const outcome = await withDeadline(execute(item, actors, job), deadline);
        await completeBulkItem(jobId, item.id, { ...outcome, ms: Math.round(performance.now() - started) });
        if (!(await leaseBulkJob(jobId, INSTANCE, leaseMs))) lost = true;
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    if (!lost) await finishBulkJob(jobId);
  } finally {
    runningHere.delete(jobId);
  }
}

async function withDeadline(work: Promise<{ ok: boolean; summary: string }>, ms: number): Promise<{ ok: boolean; summary: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: boolean; summary: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, summary: `No answer within ${Math.round(ms / 1000)} s; run it again from the connection.` }), ms);
  });
  try {
    return await Promise.race([work.catch(failedItem), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** An expected refusal keeps its message (it names the fix); anything else is logged and stays generic. */
function failedItem(err: unknown): { ok: false; summary: string } {
  if (isAppError(err)) return { ok: false, summary: err.message };
  log.error({ err: err instanceof Error ? err.message : String(err) }, "Bulk job item failed");
  return { ok: false, summary: "Failed with an internal error (see the server log)." };
}

async function executeItem(
  item: ClaimedItem,
  actors: NonNullable<Awaited<ReturnType<JobActorsFor>>>,
  job: BulkJobForRun,
): Promise<{ ok: boolean; summary: string }> {
  if (job.kind === "repoint") return repointFieldForJob(actors.workspace, item.connectionId, item.fieldName as CredentialFieldName);
  const report = await runConnectionTest(actors.project(item.projectId), item.connectionId);
  return { ok: report.ok, summary: summaryOf(report) };
}

function summaryOf(report: ConnectionTestReport): string {
  const failed = report.references.find((r) => !r.ok);
  if (failed) return `${failed.field}: ${failed.error?.message ?? "reference failed"}`;
  return report.target?.message ?? (report.ok ? "Connected." : "Failed.");
}
