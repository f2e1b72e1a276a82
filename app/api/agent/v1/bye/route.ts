// POST /api/agent/v1/bye — a clean shutdown (SIGTERM): the agent shows disconnected at once.
import { sessionBodySchema } from "@/lib/agent/protocol";
import { agentKey, noContent } from "@/lib/api/agent-route";
import { apiRoute } from "@/lib/api/route";
import { agentBye } from "@/lib/services/agent/agent-api";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: agentKey,
  body: sessionBodySchema,
  run: async ({ who, body }) => {
    await agentBye(who, body.sessionId);
    return noContent();
  },
});
