// GET /api/v1/workspaces/{w}/secrets/health[?configId=] — every referenced secret of the workspace's current
// configurations with its provider status, dates and flags, and the connections and workflows using it
// (docs/rotation.md). Served from what the rotation poll stored: no provider call, no value. A workspace token
// with the secrets:read scope (today: "all"); 401 bad token, 403 a cache or workflows token, 404 another
// workspace's or a malformed id, 400 a bad query; all problem+json.
import { z } from "zod";
import { apiRoute, bearerToken } from "@/lib/api/route";
import { healthReader } from "@/lib/api/secret-health-route";
import { readSecretHealth } from "@/lib/data/secret-health";

export const dynamic = "force-dynamic";

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export const GET = apiRoute({
  auth: bearerToken({ cacheTokens: false }),
  params: z.object({ workspaceId: id }),
  notFound: "Unknown workspace.",
  query: z.object({ configId: id.optional() }),
  run: async ({ who, params, query }) => {
    const reader = healthReader(who, params.workspaceId);
    return Response.json(await readSecretHealth(reader, { configId: query.configId }), { headers: { "Cache-Control": "no-store" } });
  },
});
