import "server-only";
// Route helpers for the workflow pages: a workflow or run of this project, 404 when unknown.
import { notFound } from "next/navigation";
import type { ProjectActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { getWorkflow, type WorkflowDefinition } from "@/lib/data/workflows";
import { getRun, type RunDetail } from "@/lib/data/workflow-run-views";

async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

export function loadWorkflow(actor: ProjectActor, rawId: string): Promise<WorkflowDefinition> {
  if (!/^\d{1,10}$/.test(rawId)) notFound();
  return orNotFound(() => getWorkflow(actor, { id: Number(rawId) }));
}

export function loadRun(actor: ProjectActor, rawId: string): Promise<RunDetail> {
  if (!/^[0-9a-f-]{36}$/.test(rawId)) notFound();
  return orNotFound(() => getRun(actor, rawId));
}
