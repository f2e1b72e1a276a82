import "server-only";
// Shared by the workflow run APIs: the project actor a token gets (docs/workflows.md).
import type { RunJson } from "@/lib/api-contract/workflows";
import { apiProjectActorForProject } from "@/lib/auth/api-actor";
import type { ProjectActor } from "@/lib/auth/actor";
import type { ApiTokenIdentity } from "@/lib/data/api-tokens";
import type { RunDetail } from "@/lib/data/workflow-run-views";
import { AppError } from "@/lib/errors";
import { requireTokenScope } from "./token-scope";

export const NO_SUCH_WORKFLOW = "No such workflow in this workspace.";
/** The run APIs need workflows:run on the project named in the path (lib/api/token-scope.ts). */
export async function projectActor(identity: ApiTokenIdentity, projectId: number): Promise<ProjectActor> {
  requireTokenScope(identity, "workflows:run", { projectId });
  const actor = await apiProjectActorForProject(identity, projectId);
  if (!actor) throw new AppError("NOT_FOUND", NO_SUCH_WORKFLOW);
  return actor;
}

/** A run as the API shows it: status, output or error, what secrets it read (no values), and the trace. */
export function runJson(run: RunDetail): RunJson {
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
    secretsRead: (run.secretsRead ?? null) as RunJson["secretsRead"],
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
