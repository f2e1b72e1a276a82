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

export const RUNS_PAGE_MAX = 100;

export interface RunsPage {
  runs: RunSummary[];
  /** The id to pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

/**
 * One page of the project's runs, newest first, optionally of one workflow and one status. Keyset paging on
 * (createdAt, id) through the (projectId, createdAt) index: every page costs the same however deep it is.
 */
export async function listRunsPage(
  actor: ProjectActor,
  filter: { workflowId?: number; status?: RunStatus; take?: number; before?: string } = {},
): Promise<RunsPage> {
  const take = Math.max(1, Math.min(filter.take ?? 50, RUNS_PAGE_MAX));
  const scope = { projectId: actor.projectId, workspaceId: actor.workspaceId };
  const cursor = filter.before ? await db.workflowRun.findFirst({ where: { ...scope, id: filter.before }, select: { id: true, createdAt: true } }) : null;
  if (filter.before && !cursor) throw new AppError("NOT_FOUND", "No such run in this project.");
  const rows = await db.workflowRun.findMany({
    where: {
      ...scope,
      workflowId: filter.workflowId,
      status: filter.status,
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: summarySelect,
  });
  const runs = rows.slice(0, take).map(({ workflow, ...r }) => ({ ...r, status: r.status as RunStatus, workflow: `${workflow.namespace}/${workflow.name}` }));
  return { runs, nextBefore: rows.length > take ? runs.at(-1)!.id : null };
}

export async function listRuns(actor: ProjectActor, filter: { workflowId?: number; status?: RunStatus; take?: number } = {}): Promise<RunSummary[]> {
  return (await listRunsPage(actor, filter)).runs;
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
