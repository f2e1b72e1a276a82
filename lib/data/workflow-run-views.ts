import "server-only";
// Reading runs and their trace: what the run page, the runs list and the API show (all scrubbed at write).
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectActor } from "@/lib/auth/actor";
import type { RunStatus } from "./workflow-runs";

export interface RunSummary {
  id: string;
  workflowId: number;
  workflow: string;
  revision: number;
  status: RunStatus;
  startedBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface RunTraceRow {
  seq: number;
  task: string;
  kind: string;
  at: Date;
  durationMs: number | null;
  status: string | null;
  error: unknown;
  output: unknown;
}

export interface RunDetail extends RunSummary {
  input: unknown;
  output: unknown;
  error: unknown;
  secretsRead: unknown;
  trace: RunTraceRow[];
}

const summarySelect = {
  id: true,
  workflowId: true,
  revision: true,
  status: true,
  startedBy: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  workflow: { select: { namespace: true, name: true } },
} as const;

export async function listRuns(actor: ProjectActor, filter: { workflowId?: number; status?: RunStatus; take?: number } = {}): Promise<RunSummary[]> {
  const rows = await db.workflowRun.findMany({
    where: { projectId: actor.projectId, workspaceId: actor.workspaceId, workflowId: filter.workflowId, status: filter.status },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.take ?? 50, 200),
    select: summarySelect,
  });
  return rows.map(({ workflow, ...r }) => ({ ...r, status: r.status as RunStatus, workflow: `${workflow.namespace}/${workflow.name}` }));
}

export async function getRun(actor: ProjectActor, runId: string): Promise<RunDetail> {
  const run = await db.workflowRun.findFirst({
    where: { id: runId, projectId: actor.projectId, workspaceId: actor.workspaceId },
    select: { ...summarySelect, input: true, output: true, error: true, secretsRead: true, events: { orderBy: { seq: "asc" } } },
  });
  if (!run) throw new AppError("NOT_FOUND", "No such run in this project.");
  const { workflow, events, ...r } = run;
  return {
    ...r,
    status: r.status as RunStatus,
    workflow: `${workflow.namespace}/${workflow.name}`,
    trace: events.map((e) => ({
      seq: e.seq,
      task: e.task,
      kind: e.kind,
      at: e.at,
      durationMs: e.durationMs,
      status: e.status,
      error: e.error,
      output: e.output,
    })),
  };
}
