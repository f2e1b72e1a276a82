import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UserActor, WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin, type WorkspaceRole } from "@/lib/auth/roles";

export interface WorkspaceSummary {
  id: number;
  name: string;
  role: WorkspaceRole;
}

export async function listMyWorkspaces(actor: UserActor | WorkspaceActor): Promise<WorkspaceSummary[]> {
  const rows = await db.workspaceMembership.findMany({
    where: { userId: actor.userId },
    orderBy: { workspaceId: "asc" },
    select: { role: true, workspace: { select: { id: true, name: true } } },
  });
  return rows.map((r) => ({ id: r.workspace.id, name: r.workspace.name, role: r.role as WorkspaceRole }));
}

export async function getWorkspace(actor: WorkspaceActor) {
  const ws = await db.workspace.findUnique({
    where: { id: actor.workspaceId },
    select: {
      id: true,
      name: true,
      secretsScope: true,
      scopeVersion: true,
      cacheTtlMinutes: true,
      outageGraceMinutes: true,
      createdAt: true,
    },
  });
  if (!ws) throw new AppError("NOT_FOUND", "Unknown workspace.");
  return { ...ws, secretsScope: ws.secretsScope as "workspace" | "project" };
}

export interface WorkspaceOverview {
  projectCount: number;
  connectionCount: number;
  userCount: number;
  failingConnections: number;
}

/** Counts the actor may see: admins the whole workspace, others their own projects. */
export async function getWorkspaceOverview(actor: WorkspaceActor): Promise<WorkspaceOverview> {
  const visibleProjects = isWorkspaceAdmin(actor.workspaceRole)
    ? { workspaceId: actor.workspaceId }
    : { workspaceId: actor.workspaceId, memberships: { some: { userId: actor.userId } } };
  const [projectCount, connectionCount, userCount, failingConnections] = await Promise.all([
    db.project.count({ where: visibleProjects }),
    db.connection.count({ where: { project: visibleProjects } }),
    db.workspaceMembership.count({ where: { workspaceId: actor.workspaceId, user: { active: true } } }),
    db.connection.count({ where: { project: visibleProjects, lastTestOk: false } }),
  ]);
  return { projectCount, connectionCount, userCount, failingConnections };
}
