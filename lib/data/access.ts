import "server-only";
// The lookups lib/auth needs to mint actors: memberships of one user.
import { db } from "@/lib/db";
import type { ProjectRole, WorkspaceRole } from "@/lib/auth/roles";

export async function findWorkspaceRole(userId: number, workspaceId: number): Promise<WorkspaceRole | null> {
  const m = await db.workspaceMembership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true },
  });
  return (m?.role as WorkspaceRole | undefined) ?? null;
}

/** The project's role for this user, and whether the project belongs to the workspace at all. */
export async function findProjectAccess(userId: number, workspaceId: number, projectId: number): Promise<{ exists: boolean; projectRole: ProjectRole | null }> {
  const project = await db.project.findFirst({
    where: { id: projectId, workspaceId },
    select: { memberships: { where: { userId }, select: { role: true } } },
  });
  if (!project) return { exists: false, projectRole: null };
  return { exists: true, projectRole: (project.memberships[0]?.role as ProjectRole | undefined) ?? null };
}

export async function firstWorkspaceIdFor(userId: number): Promise<number | null> {
  const m = await db.workspaceMembership.findFirst({
    where: { userId },
    orderBy: { workspaceId: "asc" },
    select: { workspaceId: true },
  });
  return m?.workspaceId ?? null;
}
