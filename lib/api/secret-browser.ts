import "server-only";
// Shared by the secret browser's routes (the listing and the key names of one secret): the scope query and the
// configuration it names. Project editors browse their project's provider; workspace admins the workspace's;
// API tokens with the secrets:read scope either, within their project limit.
import type { UserActor } from "@/lib/auth/actor";
import { apiProjectActorForProject, apiWorkspaceActor } from "@/lib/auth/api-actor";
import { requireProject, requireWorkspace } from "@/lib/auth/authorize";
import type { ApiTokenIdentity } from "@/lib/data/api-tokens";
import { activeConfigFor } from "@/lib/data/active-config";
import { getProviderConfig } from "@/lib/data/provider-configs";
import { AppError } from "@/lib/errors";
import { limitCostly } from "@/lib/services/rate-limit";
import { isTokenCaller } from "./route";
import { requireTokenScope } from "./token-scope";

/**
 * Who browses: a signed-in user by role, or an API token holding secrets:read for the project (or, without a
 * project, for the whole workspace). Another workspace's id is unknown to a token.
 */
async function browserActor(who: UserActor | ApiTokenIdentity, workspaceId: number, projectId: number | undefined) {
  if (!isTokenCaller(who)) return projectId ? requireProject(workspaceId, projectId, "project.edit") : requireWorkspace(workspaceId, "workspace.admin");
  if (who.workspaceId !== workspaceId) throw new AppError("NOT_FOUND", "Unknown workspace.");
  requireTokenScope(who, "secrets:read", { projectId });
  const actor = projectId ? await apiProjectActorForProject(who, projectId) : apiWorkspaceActor(who);
  if (!actor) throw new AppError("NOT_FOUND", "Unknown project.");
  return actor;
}

/** The acting user (or token) and the configuration the browser reads, or a 403/404. */
export async function browserConfig(who: UserActor | ApiTokenIdentity, workspaceId: number, projectId: number | undefined, which: "active" | "own") {
  const actor = await browserActor(who, workspaceId, projectId);
  // Each listing page and each key-name read costs provider calls: limited per user and per token.
  limitCostly("browse", who);
  const config = projectId && which === "active" ? await activeConfigFor(actor.workspaceId, projectId) : await getProviderConfig(actor);
  if (!config) throw new AppError("NOT_FOUND", "No secrets provider is configured here yet.");
  return { actor, config };
}
