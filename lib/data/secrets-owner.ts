import "server-only";
// Who owns a secrets provider configuration: the workspace, or one project. Derived from the actor, so a
// project admin can only ever address their own project's configuration.
import { AppError } from "@/lib/errors";
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import { hasProjectCapability, isWorkspaceAdmin } from "@/lib/auth/roles";
import type { ProviderOwner } from "@/lib/secrets/types";

export type OwnerActor = WorkspaceActor | ProjectActor;

export function isProjectActor(actor: OwnerActor): actor is ProjectActor {
  return "projectId" in actor;
}

export function ownerOf(actor: OwnerActor): ProviderOwner {
  return isProjectActor(actor) ? { workspaceId: actor.workspaceId, projectId: actor.projectId } : { workspaceId: actor.workspaceId };
}

export function ownerKey(owner: ProviderOwner): string {
  return owner.projectId === undefined ? `w:${owner.workspaceId}` : `p:${owner.projectId}`;
}

/** Configuring a provider: workspace admins for the workspace's, project admins (or workspace admins) for a project's. */
export function assertCanConfigure(actor: OwnerActor): void {
  const allowed = isProjectActor(actor) ? hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.admin") : isWorkspaceAdmin(actor.workspaceRole);
  if (!allowed) throw new AppError("FORBIDDEN", "Only admins can configure secrets management here.");
}
