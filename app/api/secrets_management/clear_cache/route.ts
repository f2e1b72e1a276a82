// POST /api/secrets_management/clear_cache — the compatible API existing automation calls: bearer token of
// the workspace, no body, {"success": true}. Clears the workspace's cached secrets so rotated values are
// fetched on next use.
import { requireTokenScope } from "@/lib/api/token-scope";
import type { z } from "zod";
import type { clearCacheResponseSchema } from "@/lib/api-contract/cache";
import { apiRoute, tokenFor } from "@/lib/api/route";
import { auditCacheCleared } from "@/lib/data/cache-events";
import { clearWorkspaceCache } from "@/lib/services/secrets/cache-control";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: tokenFor("clearCache"),
  run: async ({ who }) => {
    requireTokenScope(who, "cache:clear");
    const dropped = await clearWorkspaceCache(who.workspaceId);
    await auditCacheCleared(who, dropped);
    return Response.json({ success: true } satisfies z.input<typeof clearCacheResponseSchema>);
  },
});
