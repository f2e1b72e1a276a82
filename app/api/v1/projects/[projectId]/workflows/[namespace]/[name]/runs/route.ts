// POST /api/v1/projects/{projectId}/workflows/{namespace}/{name}/runs — queue a run of the workflow's latest
// revision with `{ "input": {...}, "timeoutSeconds": n }`; answers 202 with the run id and where to poll.
// Needs the workflows:run scope for the project (docs/workflows.md, docs/roles.md); other tokens get 403.
import type { z } from "zod";
import { type runAcceptedSchema, startRunBodySchema, workflowParamsSchema } from "@/lib/api-contract/workflows";
import { apiRoute, tokenFor } from "@/lib/api/route";
import { NO_SUCH_WORKFLOW, projectActor } from "@/lib/api/workflow-route";
import { getWorkflow } from "@/lib/data/workflows";
import { startRun } from "@/lib/services/workflows/runs";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: tokenFor("startWorkflowRun"),
  params: workflowParamsSchema,
  notFound: NO_SUCH_WORKFLOW,
  body: startRunBodySchema,
  run: async ({ who, params, body, instance }) => {
    const actor = await projectActor(who, params.projectId);
    const wf = await getWorkflow(actor, { namespace: params.namespace, name: params.name });
    const runId = await startRun(actor, wf.id, body?.input ?? {}, body?.timeoutSeconds ? body.timeoutSeconds * 1000 : undefined);
    const location = `${instance}/${runId}`;
    const accepted: z.input<typeof runAcceptedSchema> = { id: runId, status: "pending", revision: wf.revision, location };
    return Response.json(accepted, { status: 202, headers: { location } });
  },
});
