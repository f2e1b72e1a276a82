// POST /api/agent/v1/hello — an agent starts a session: host, version and the profile names it offers (never values).
import { helloSchema } from "@/lib/agent/protocol";
import { agentKey } from "@/lib/api/agent-route";
import { apiRoute } from "@/lib/api/route";
import { agentHello } from "@/lib/services/agent/agent-api";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: agentKey,
  body: helloSchema,
  run: async ({ who, body }) => Response.json(await agentHello(who, body)),
});
