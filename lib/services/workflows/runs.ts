import "server-only";
// Starting and cancelling runs: the row is the job; this instance's workers are woken at once.
import type { ProjectActor } from "@/lib/auth/actor";
import { createRun, requestCancel } from "@/lib/data/workflow-runs";
import { runQueue } from "./queue";

/** Default and longest run timeout; the lease is the timeout plus a margin (lib/data/workflow-runs.ts). */
export const DEFAULT_RUN_TIMEOUT_MS = 5 * 60_000;
export const MAX_RUN_TIMEOUT_MS = 30 * 60_000;

export async function startRun(actor: ProjectActor, workflowId: number, input: unknown, timeoutMs = DEFAULT_RUN_TIMEOUT_MS): Promise<string> {
  const id = await createRun(actor, workflowId, input, Math.min(Math.max(timeoutMs, 1_000), MAX_RUN_TIMEOUT_MS));
  runQueue().notify();
  return id;
}

export async function cancelRun(actor: ProjectActor, runId: string): Promise<void> {
  await requestCancel(actor, runId);
}
