// POST /api/v1/connections/{id}/refresh — drops the cached secrets this connection references (other
// connections using them refetch too), resolves again and re-tests. 200 with the test report when the test
// ran (its ok may be false: the target refused); 403 problem when a referenced secret is missing or
// unauthorized; 503 when the provider is unavailable; 401 bad token; 404 unknown or another workspace's.
import { connectionRouteActor, testReportResponse } from "@/lib/api/connection-route";
import { refreshConnection } from "@/lib/services/connections/refresh-connection";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ connectionId: string }> }) {
  const { connectionId: raw } = await params;
  const instance = `/api/v1/connections/${encodeURIComponent(raw)}/refresh`;
  const auth = await connectionRouteActor(request, raw, instance, true);
  if (auth instanceof Response) return auth;
  const { report } = await refreshConnection(auth.actor, auth.connectionId);
  return testReportResponse(report, instance);
}
