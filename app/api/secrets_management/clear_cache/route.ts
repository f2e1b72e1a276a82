// POST /api/secrets_management/clear_cache — the compatible API existing automation calls: bearer token of
// the workspace, no body, {"success": true}. Clears the workspace's cached secrets so rotated values are
// fetched on next use.
import { bearerIdentity } from "@/lib/api/bearer";
import { unauthenticated } from "@/lib/api/problem";
import { auditCacheCleared } from "@/lib/data/cache-events";
import { clearWorkspaceCache } from "@/lib/services/secrets/cache-control";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const identity = await bearerIdentity(request);
  if (!identity) return unauthenticated("/api/secrets_management/clear_cache");
  const dropped = await clearWorkspaceCache(identity.workspaceId);
  await auditCacheCleared(identity, dropped);
  return Response.json({ success: true });
}
