// Actors are the proof that authorization happened: data functions take one, and only lib/auth produces them
// (the brand cannot be written by hand), so skipping the check fails to compile (docs/style.md rule 2).
import type { ProjectRole, WorkspaceRole } from "./roles";

declare const actorBrand: unique symbol;

export interface UserActor {
  readonly [actorBrand]: "user";
  readonly userId: number;
  readonly email: string;
}

export interface WorkspaceActor extends Omit<UserActor, typeof actorBrand> {
  readonly [actorBrand]: "workspace";
  readonly workspaceId: number;
  readonly workspaceRole: WorkspaceRole;
}

export interface ProjectActor extends Omit<WorkspaceActor, typeof actorBrand> {
  readonly [actorBrand]: "project";
  readonly projectId: number;
  /** Null when the access comes from a workspace owner/admin role. */
  readonly projectRole: ProjectRole | null;
  /** Set when the caller is an API token rather than a signed-in user (userId is then 0). */
  readonly apiTokenId?: number;
}

/** For lib/auth only. */
export const mintActor = {
  user: (a: Omit<UserActor, typeof actorBrand>) => a as UserActor,
  workspace: (a: Omit<WorkspaceActor, typeof actorBrand>) => a as WorkspaceActor,
  project: (a: Omit<ProjectActor, typeof actorBrand>) => a as ProjectActor,
};

/** The label audit events show for this actor. */
export function actorLabel(actor: { email: string }): string {
  return actor.email;
}
