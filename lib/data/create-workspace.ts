import "server-only";
// A further workspace, created by an owner from the console (docs/roles.md: only owners). The creator becomes
// its owner; the event is recorded in both workspaces, so each audit log shows where it came from or went to.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { hasWorkspaceCapability } from "@/lib/auth/roles";
import { auditBy, recordAudit } from "./audit";

export async function createWorkspace(actor: WorkspaceActor, input: { name: string }): Promise<number> {
  if (!hasWorkspaceCapability(actor.workspaceRole, "workspace.create")) {
    throw new AppError("FORBIDDEN", "Only workspace owners can create workspaces.");
  }
  return db.$transaction(async (tx) => {
    const clash = await tx.workspaceMembership.findFirst({ where: { userId: actor.userId, workspace: { name: input.name } }, select: { id: true } });
    if (clash) throw new AppError("CONFLICT", `You already have a workspace named "${input.name}".`, "name");
    const workspace = await tx.workspace.create({ data: { name: input.name, egressAllowList: [] }, select: { id: true } });
    await tx.workspaceMembership.create({ data: { workspaceId: workspace.id, userId: actor.userId, role: "owner" } });
    const detail = { name: input.name, fromWorkspaceId: actor.workspaceId };
    await recordAudit(
      { ...auditBy(actor), workspaceId: workspace.id, action: "workspace.created", targetType: "workspace", targetId: workspace.id, detail },
      tx,
    );
    await recordAudit({ ...auditBy(actor), action: "workspace.created", targetType: "workspace", targetId: workspace.id, detail }, tx);
    return workspace.id;
  });
}
