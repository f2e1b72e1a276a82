// GET /api/agent/v1/jobs?sessionId=… — the long poll: a job of the agent's own group at once, or `{ jobs: [] }`
// after a short hold. 401 when the key was revoked (also during the hold), 409 when the session is closed.
import { agentKey, sessionQuery } from "@/lib/api/agent-route";
import { apiRoute } from "@/lib/api/route";
import { pollAgentJobs } from "@/lib/services/agent/agent-api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: agentKey,
  query: sessionQuery,
  run: async ({ who, query, request }) => Response.json({ jobs: await pollAgentJobs(who, query.sessionId, request.signal) }),
});
