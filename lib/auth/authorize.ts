import "server-only";
// Server-side authorization for pages, actions and route handlers. Every entry point calls one of these with
// the ids it was given (never trusting the client), and gets an actor for the data layer.
import { cache } from "react";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { findProjectAccess, findWorkspaceRole } from "@/lib/data/access";
import { mintActor, type ProjectActor, type UserActor, type WorkspaceActor } from "./actor";
import { getSessionUser } from "./current-user";
import { hasProjectCapability, hasWorkspaceCapability, type ProjectCapability, type WorkspaceCapability } from "./roles";

const idSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export function parseId(value: unknown, what: string): number {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw new AppError("NOT_FOUND", `Unknown ${what}.`);
  return parsed.data;
}

interface UserOptions {
  /** The change-password flow is the one thing a user with a one-time password may do. */
  allowPendingPasswordChange?: boolean;
}

export async function requireUser(options: UserOptions = {}): Promise<UserActor> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (user.mustChangePassword && !options.allowPendingPasswordChange) {
    throw new AppError("PASSWORD_CHANGE_REQUIRED", "Set a new password first.");
  }
  return mintActor.user({ userId: user.userId, email: user.email });
}

/** Memoized per request (React cache): a page's layouts and the page itself authorize once, not each. */
export const requireWorkspace = cache(async function requireWorkspace(workspaceId: unknown, need: WorkspaceCapability): Promise<WorkspaceActor> {
  const user = await requireUser();
  const id = parseId(workspaceId, "workspace");
  const role = await findWorkspaceRole(user.userId, id);
  // Not a member: answer as if it did not exist, so ids cannot be probed.
  if (role === null) throw new AppError("NOT_FOUND", "Unknown workspace.");
  if (!hasWorkspaceCapability(role, need)) {
    throw new AppError(
      "FORBIDDEN",
      need === "workspace.create" ? "Only workspace owners can create workspaces." : "Only workspace owners and admins can do this.",
    );
  }
  return mintActor.workspace({ userId: user.userId, email: user.email, workspaceId: id, workspaceRole: role });
});

const PROJECT_REFUSALS: Record<ProjectCapability, string> = {
  "project.view": "You are not a member of this project.",
  "project.edit": "Only project editors and admins can change connections.",
  "project.admin": "Only project admins and workspace admins can do this.",
  "project.audit": "Only project admins and workspace admins can read the audit log.",
};

export const requireProject = cache(async function requireProject(workspaceId: unknown, projectId: unknown, need: ProjectCapability): Promise<ProjectActor> {
  const ws = await requireWorkspace(workspaceId, "workspace.view");
  const id = parseId(projectId, "project");
  const { exists, projectRole } = await findProjectAccess(ws.userId, ws.workspaceId, id);
  if (!exists) throw new AppError("NOT_FOUND", "Unknown project.");
  if (!hasProjectCapability(ws.workspaceRole, projectRole, "project.view")) {
    throw new AppError("NOT_FOUND", "Unknown project.");
  }
  if (!hasProjectCapability(ws.workspaceRole, projectRole, need)) throw new AppError("FORBIDDEN", PROJECT_REFUSALS[need]);
  return mintActor.project({
    userId: ws.userId,
    email: ws.email,
    workspaceId: ws.workspaceId,
    workspaceRole: ws.workspaceRole,
    projectId: id,
    projectRole,
  });
});
