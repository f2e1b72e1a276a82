// GET /api/v1/projects/{projectId}/workflows/{namespace}/{name}/runs/{runId} — the run's status, output or
// error, the secrets it read (names and references only) and its trace (outputs scrubbed).
import { apiRoute, tokenFor } from "@/lib/api/route";
import { runParamsSchema } from "@/lib/api-contract/workflows";
import { projectActor, runJson } from "@/lib/api/workflow-route";
import { getRun } from "@/lib/data/workflow-run-views";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: tokenFor("getWorkflowRun"),
  params: runParamsSchema,
  notFound: "No such run.",
  run: async ({ who, params }) => {
    const actor = await projectActor(who, params.projectId);
    const run = await getRun(actor, params.runId);
    if (run.workflow !== `${params.namespace}/${params.name}`) throw new AppError("NOT_FOUND", "No such run of this workflow.");
    return Response.json(runJson(run));
  },
});
