// POST /api/v1/connections/{id}/refresh — drops the cached secrets this connection references (other
// connections using them refetch too), resolves again and re-tests. 200 with the test report when the test
// ran (its ok may be false: the target refused); 403 problem when a referenced secret is missing or
// unauthorized; 503 when the provider is unavailable; 401 bad token; 404 unknown or another workspace's.
import { limitCostly } from "@/lib/services/rate-limit";
import { connectionParamsSchema } from "@/lib/api-contract/connections";
import { connectionActor, NO_SUCH_CONNECTION, testReportResponse } from "@/lib/api/connection-route";
import { apiRoute, tokenFor } from "@/lib/api/route";
import { refreshConnection } from "@/lib/services/connections/refresh-connection";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: tokenFor("refreshConnection"),
  params: connectionParamsSchema,
  notFound: NO_SUCH_CONNECTION,
  run: async ({ who, params, instance }) => {
    const actor = await connectionActor(who, params.connectionId, "connections:refresh");
    limitCostly("refresh", who);
    const { report } = await refreshConnection(actor, params.connectionId);
    return testReportResponse(report, instance);
  },
});
