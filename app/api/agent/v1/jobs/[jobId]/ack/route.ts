// POST /api/agent/v1/jobs/{id}/ack — the agent has the job: it will not be dispatched to another agent.
import { sessionBodySchema } from "@/lib/agent/protocol";
import { agentKey, jobParams, noContent } from "@/lib/api/agent-route";
import { apiRoute } from "@/lib/api/route";
import { acknowledgeAgentJob } from "@/lib/services/agent/agent-api";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: agentKey,
  params: jobParams,
  notFound: "Unknown job.",
  body: sessionBodySchema,
  run: async ({ who, params, body }) => {
    await acknowledgeAgentJob(who, body.sessionId, params.jobId);
    return noContent();
  },
});
