import "server-only";
// An API token acts for its workspace. Refresh needs a project actor for the connection's project: the
// token's workspace is in the where, so another workspace's connection is simply not found.
import { findConnectionProject } from "@/lib/data/connections";
import { projectInWorkspace } from "@/lib/data/workflows";
import type { ApiTokenIdentity } from "@/lib/data/api-tokens";
import { mintActor, type ProjectActor, type WorkspaceActor } from "./actor";

/** The token acting on its own workspace (the secret browser without a project). */
export function apiWorkspaceActor(identity: ApiTokenIdentity): WorkspaceActor {
  return mintActor.workspace({ userId: 0, email: identity.label, workspaceId: identity.workspaceId, workspaceRole: "admin" });
}

export async function apiProjectActorForConnection(identity: ApiTokenIdentity, connectionId: number): Promise<ProjectActor | null> {
  const projectId = await findConnectionProject(identity.workspaceId, connectionId);
  if (projectId === null) return null;
  return mintActor.project({
    userId: 0,
    email: identity.label,
    workspaceId: identity.workspaceId,
    workspaceRole: "admin",
    projectId,
    projectRole: null,
    apiTokenId: identity.tokenId,
  });
}

/** The workflow run API names the project; another workspace's project is simply not found. */
export async function apiProjectActorForProject(identity: ApiTokenIdentity, projectId: number): Promise<ProjectActor | null> {
  if (!(await projectInWorkspace(identity.workspaceId, projectId))) return null;
  return mintActor.project({
    userId: 0,
    email: identity.label,
    workspaceId: identity.workspaceId,
    workspaceRole: "admin",
    projectId,
    projectRole: null,
    apiTokenId: identity.tokenId,
  });
}
