// POST /api/agent/v1/jobs/{id}/result — the job's one result (a test report, a forwarded response). A second
// result, or one from an agent that does not hold the job, is 409.
import { resultBodySchema } from "@/lib/agent/protocol";
import { agentKey, jobParams, noContent } from "@/lib/api/agent-route";
import { apiRoute } from "@/lib/api/route";
import { submitAgentResult } from "@/lib/services/agent/agent-api";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: agentKey,
  params: jobParams,
  notFound: "Unknown job.",
  body: resultBodySchema,
  run: async ({ who, params, body }) => {
    await submitAgentResult(who, body.sessionId, params.jobId, body.result, body.kind);
    return noContent();
  },
});
