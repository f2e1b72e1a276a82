import "server-only";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { auditBy, recordAudit } from "./audit";
import type { ApiTokenIdentity } from "./api-tokens";

export async function auditCacheCleared(identity: ApiTokenIdentity, dropped: number): Promise<void> {
  await recordAudit({
    workspaceId: identity.workspaceId,
    actorLabel: identity.label,
    action: "secrets.cache.cleared",
    targetType: "workspace",
    targetId: identity.workspaceId,
    detail: { entriesDropped: dropped },
  });
}

/** "Clear cache" in the console: the same event as the API's, with the signed-in admin as actor. */
export async function auditCacheClearedBy(actor: WorkspaceActor, dropped: number): Promise<void> {
  await recordAudit({
    ...auditBy(actor),
    action: "secrets.cache.cleared",
    targetType: "workspace",
    targetId: actor.workspaceId,
    detail: { entriesDropped: dropped, via: "console" },
  });
}
