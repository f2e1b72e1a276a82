// GET /api/v1/workspaces/{w}/secrets/health[?configId=] — every referenced secret of the workspace's current
// configurations with its provider status, dates and flags, and the connections and workflows using it
// (docs/rotation.md). Served from what the rotation poll stored: no provider call, no value. A workspace token
// with the secrets:read scope; 401 bad token, 403 another scope or a project-limited token, 404 another
// workspace's or a malformed id, 400 a bad query; all problem+json.
import { browserParamsSchema } from "@/lib/api-contract/secrets";
import { secretHealthQuerySchema } from "@/lib/api-contract/secret-health";
import { apiRoute, tokenFor } from "@/lib/api/route";
import { healthReader } from "@/lib/api/secret-health-route";
import { readSecretHealth } from "@/lib/data/secret-health";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: tokenFor("getSecretHealth"),
  params: browserParamsSchema,
  notFound: "Unknown workspace.",
  query: secretHealthQuerySchema,
  run: async ({ who, params, query }) => {
    const reader = healthReader(who, params.workspaceId);
    return Response.json(await readSecretHealth(reader, { configId: query.configId }), { headers: { "Cache-Control": "no-store" } });
  },
});
