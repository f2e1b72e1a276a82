import "server-only";
// Shared by the secret browser's routes (the listing and the key names of one secret): the scope query and the
// configuration it names. Project editors browse their project's provider; workspace admins the workspace's.
import { requireProject, requireWorkspace } from "@/lib/auth/authorize";
import { activeConfigFor } from "@/lib/data/active-config";
import { getProviderConfig } from "@/lib/data/provider-configs";
import { AppError } from "@/lib/errors";

/** The acting user and the configuration the browser reads, or a 403/404. */
export async function browserConfig(workspaceId: number, projectId: number | undefined, which: "active" | "own") {
  const actor = projectId ? await requireProject(workspaceId, projectId, "project.edit") : await requireWorkspace(workspaceId, "workspace.admin");
  const config = projectId && which === "active" ? await activeConfigFor(actor.workspaceId, projectId) : await getProviderConfig(actor);
  if (!config) throw new AppError("NOT_FOUND", "No secrets provider is configured here yet.");
  return { actor, config };
}
