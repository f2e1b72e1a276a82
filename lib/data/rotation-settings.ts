import "server-only";
// The workspace's rotation-tracking settings (docs/rotation.md): the metadata poll interval and the secret health
// thresholds. Workspace admins only, audited.
import type { WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { auditBy, recordAudit } from "./audit";

export interface RotationSettings {
  rotationPollSeconds: number;
  expiryWarnDays: number;
  rotationStaleDays: number;
}

export async function getRotationSettings(actor: WorkspaceActor): Promise<RotationSettings> {
  return db.workspace.findUniqueOrThrow({
    where: { id: actor.workspaceId },
    select: { rotationPollSeconds: true, expiryWarnDays: true, rotationStaleDays: true },
  });
}

export async function updateRotationSettings(actor: WorkspaceActor, input: RotationSettings): Promise<void> {
  if (!isWorkspaceAdmin(actor.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace owners and admins can do this.");
  await db.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: actor.workspaceId }, data: input });
    await recordAudit(
      { ...auditBy(actor), action: "workspace.rotation_settings.updated", targetType: "workspace", targetId: actor.workspaceId, detail: { ...input } },
      tx,
    );
  });
}
