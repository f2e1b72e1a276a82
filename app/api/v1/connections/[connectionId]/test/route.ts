// POST /api/v1/connections/{id}/test — "Test connection" for automation: resolves through the cache as a
// workflow run would (no cache drop; use refresh for that) and connects. Same statuses as refresh; needs the
// connections:test scope for the connection's project (lib/auth/token-scopes.ts), else 403.
import { limitCostly } from "@/lib/services/rate-limit";
import { connectionParamsSchema } from "@/lib/api-contract/connections";
import { connectionActor, NO_SUCH_CONNECTION, testReportResponse } from "@/lib/api/connection-route";
import { apiRoute, tokenFor } from "@/lib/api/route";
import { runConnectionTest } from "@/lib/services/connections/test-connection";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: tokenFor("testConnection"),
  params: connectionParamsSchema,
  notFound: NO_SUCH_CONNECTION,
  run: async ({ who, params, instance }) => {
    const actor = await connectionActor(who, params.connectionId, "connections:test");
    limitCostly("test", who);
    return testReportResponse(await runConnectionTest(actor, params.connectionId), instance);
  },
});
