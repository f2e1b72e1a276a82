// POST /api/v1/connections/{id}/test — "Test connection" for automation: resolves through the cache as a
// workflow run would (no cache drop; use refresh for that) and connects. Same statuses as refresh.
import { connectionRouteActor, testReportResponse } from "@/lib/api/connection-route";
import { runConnectionTest } from "@/lib/services/connections/test-connection";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ connectionId: string }> }) {
  const { connectionId: raw } = await params;
  const instance = `/api/v1/connections/${encodeURIComponent(raw)}/test`;
  const auth = await connectionRouteActor(request, raw, instance, false);
  if (auth instanceof Response) return auth;
  return testReportResponse(await runConnectionTest(auth.actor, auth.connectionId), instance);
}
