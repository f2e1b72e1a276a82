// Data-layer test helpers: a workspace with an owner and a project, and actors for them. Tests only.
import { db } from "@/lib/db";
import { mintActor, type ProjectActor, type WorkspaceActor } from "@/lib/auth/actor";
import type { ProjectRole, WorkspaceRole } from "@/lib/auth/roles";

let counter = 0;

export async function seedWorkspace(scope: "workspace" | "project" = "workspace") {
  const tag = `${process.pid}-${++counter}`;
  const ws = await db.workspace.create({ data: { name: `WS ${tag}`, secretsScope: scope, egressAllowList: [] } });
  const projects = await Promise.all(["A", "B"].map((n) => db.project.create({ data: { workspaceId: ws.id, name: `${n} ${tag}` } })));
  const owner = await db.user.create({ data: { email: `owner-${tag}@t.local`, name: "Owner", passwordHash: "x" } });
  await db.workspaceMembership.create({ data: { workspaceId: ws.id, userId: owner.id, role: "owner" } });
  const wsActor = mintActor.workspace({ userId: owner.id, email: owner.email, workspaceId: ws.id, workspaceRole: "owner" });
  const projectActor = (projectId: number) =>
    mintActor.project({ userId: owner.id, email: owner.email, workspaceId: ws.id, workspaceRole: "owner", projectId, projectRole: null });
  return { ws, projects, owner, wsActor, projectActor };
}

export async function actorWithRoles(
  workspaceId: number,
  projectId: number,
  workspaceRole: WorkspaceRole,
  projectRole: ProjectRole | null,
): Promise<{ ws: WorkspaceActor; project: ProjectActor }> {
  const tag = `${process.pid}-${++counter}`;
  const user = await db.user.create({ data: { email: `u-${tag}@t.local`, name: "U", passwordHash: "x" } });
  await db.workspaceMembership.create({ data: { workspaceId, userId: user.id, role: workspaceRole } });
  if (projectRole) await db.projectMembership.create({ data: { projectId, userId: user.id, role: projectRole } });
  return {
    ws: mintActor.workspace({ userId: user.id, email: user.email, workspaceId, workspaceRole }),
    project: mintActor.project({ userId: user.id, email: user.email, workspaceId, workspaceRole, projectId, projectRole }),
  };
}
