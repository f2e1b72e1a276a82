import "server-only";
import { recordAudit } from "./audit";
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
