import "server-only";
// Shared by the workflow run APIs: path parameters and the project actor a token gets (docs/workflows.md).
import { z } from "zod";
import { apiProjectActorForProject } from "@/lib/auth/api-actor";
import type { ProjectActor } from "@/lib/auth/actor";
import type { ApiTokenIdentity } from "@/lib/data/api-tokens";
import type { RunDetail } from "@/lib/data/workflow-run-views";
import { AppError } from "@/lib/errors";
import { requireTokenScope } from "./token-scope";

export const NO_SUCH_WORKFLOW = "No such workflow in this workspace.";
const segment = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9-]+$/);

export const workflowParams = z.object({
  projectId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  namespace: segment,
  name: segment,
});
export const runParams = workflowParams.extend({ runId: z.string().uuid() });

/** The run APIs need workflows:run on the project named in the path (lib/api/token-scope.ts). */
export async function projectActor(identity: ApiTokenIdentity, projectId: number): Promise<ProjectActor> {
  requireTokenScope(identity, "workflows:run", { projectId });
  const actor = await apiProjectActorForProject(identity, projectId);
  if (!actor) throw new AppError("NOT_FOUND", NO_SUCH_WORKFLOW);
  return actor;
}

/** A run as the API shows it: status, output or error, what secrets it read (no values), and the trace. */
export function runJson(run: RunDetail) {
  return {
    id: run.id,
    workflow: run.workflow,
    revision: run.revision,
    status: run.status,
    startedBy: run.startedBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    output: run.output ?? null,
    error: run.error ?? null,
    secretsRead: run.secretsRead,
    trace: run.trace.map((e) => ({
      task: e.task,
      kind: e.kind,
      at: e.at.toISOString(),
      durationMs: e.durationMs,
      status: e.status,
      error: e.error ?? null,
      output: e.output ?? null,
    })),
  };
}
