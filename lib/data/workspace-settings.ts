import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { egressPolicyOf, type EgressPolicy } from "@/lib/connections/egress/modes";
import { auditBy, recordAudit } from "./audit";

function assertAdmin(actor: WorkspaceActor): void {
  if (!isWorkspaceAdmin(actor.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace owners and admins can do this.");
}

export async function getWorkspaceSecretsSettings(actor: WorkspaceActor) {
  const ws = await db.workspace.findUniqueOrThrow({
    where: { id: actor.workspaceId },
    select: { cacheTtlMinutes: true, outageGraceMinutes: true, egressAllowList: true, egressMode: true },
  });
  return { cacheTtlMinutes: ws.cacheTtlMinutes, outageGraceMinutes: ws.outageGraceMinutes, egress: egressPolicyOf(ws) };
}

/** The cache TTL and grace the server applies for a workspace (secret browser key names): no actor, the server acts. */
export async function loadCachePolicy(workspaceId: number): Promise<{ ttlMs: number; graceMs: number }> {
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { cacheTtlMinutes: true, outageGraceMinutes: true } });
  return { ttlMs: ws.cacheTtlMinutes * 60_000, graceMs: ws.outageGraceMinutes * 60_000 };
}

/** The egress policy the server applies for a workspace (provider addresses): no actor, the server acts. */
export async function loadEgressPolicy(workspaceId: number): Promise<EgressPolicy> {
  return egressPolicyOf(await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { egressAllowList: true, egressMode: true } }));
}

export async function updateCacheSettings(actor: WorkspaceActor, input: { cacheTtlMinutes: number; outageGraceMinutes: number }): Promise<void> {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: actor.workspaceId }, data: input });
    await recordAudit(
      { ...auditBy(actor), action: "workspace.cache_settings.updated", targetType: "workspace", targetId: actor.workspaceId, detail: input },
      tx,
    );
  });
}

export async function updateEgressPolicy(actor: WorkspaceActor, policy: EgressPolicy): Promise<void> {
  assertAdmin(actor);
  const data = { egressMode: policy.mode, egressAllowList: [...policy.allowList] };
  await db.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: actor.workspaceId }, data });
    await recordAudit(
      {
        ...auditBy(actor),
        action: "workspace.egress.updated",
        targetType: "workspace",
        targetId: actor.workspaceId,
        detail: { mode: data.egressMode, entries: data.egressAllowList },
      },
      tx,
    );
  });
}
