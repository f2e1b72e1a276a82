// Who may do what (docs/roles.md), as pure functions so the table is tested in one place.
export const WORKSPACE_ROLES = ["owner", "admin", "member"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
export const PROJECT_ROLES = ["admin", "editor", "viewer"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export type WorkspaceCapability =
  /** See the workspace and the projects one belongs to. */
  | "workspace.view"
  /** Switch scope, workspace provider, cache settings, API tokens, users, all audit events. */
  | "workspace.admin"
  /** Create another workspace (the creator becomes its owner): owners only, docs/roles.md. */
  | "workspace.create";

export type ProjectCapability =
  | "project.view"
  /** Create/edit/delete/test connections, browse secret names. */
  | "project.edit"
  /** Project provider configuration and its test. */
  | "project.admin"
  /** Read the project's audit events. */
  | "project.audit";

export function isWorkspaceAdmin(role: WorkspaceRole | null): boolean {
  return role === "owner" || role === "admin";
}

export function hasWorkspaceCapability(role: WorkspaceRole | null, need: WorkspaceCapability): boolean {
  if (role === null) return false;
  if (need === "workspace.create") return role === "owner";
  return need === "workspace.view" ? true : isWorkspaceAdmin(role);
}

export function hasProjectCapability(workspaceRole: WorkspaceRole | null, projectRole: ProjectRole | null, need: ProjectCapability): boolean {
  if (workspaceRole === null) return false; // project roles mean nothing outside the workspace
  if (isWorkspaceAdmin(workspaceRole)) return true;
  switch (need) {
    case "project.view":
      return projectRole !== null;
    case "project.edit":
      return projectRole === "admin" || projectRole === "editor";
    case "project.admin":
    case "project.audit":
      return projectRole === "admin";
  }
}
