import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { auditBy, recordAudit } from "./audit";

function assertAdmin(actor: WorkspaceActor): void {
  if (!isWorkspaceAdmin(actor.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace owners and admins can do this.");
}

export async function getWorkspaceSecretsSettings(actor: WorkspaceActor) {
  const ws = await db.workspace.findUniqueOrThrow({
    where: { id: actor.workspaceId },
    select: { cacheTtlMinutes: true, outageGraceMinutes: true, egressAllowList: true },
  });
  return { ...ws, egressAllowList: Array.isArray(ws.egressAllowList) ? (ws.egressAllowList as string[]) : [] };
}

export async function updateCacheSettings(actor: WorkspaceActor, input: { cacheTtlMinutes: number; outageGraceMinutes: number }): Promise<void> {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: actor.workspaceId }, data: input });
    await recordAudit({ ...auditBy(actor), action: "workspace.cache_settings.updated", targetType: "workspace", targetId: actor.workspaceId, detail: input }, tx);
  });
}

export async function updateEgressAllowList(actor: WorkspaceActor, entries: string[]): Promise<void> {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: actor.workspaceId }, data: { egressAllowList: entries } });
    await recordAudit({ ...auditBy(actor), action: "workspace.egress.updated", targetType: "workspace", targetId: actor.workspaceId, detail: { entries } }, tx);
  });
}
