import "server-only";
import { db } from "@/lib/db";
import { containsText } from "./text-search";
import { AppError, fromPrismaError } from "@/lib/errors";
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin, type ProjectRole } from "@/lib/auth/roles";
import { auditBy, recordAudit } from "./audit";

export interface ProjectRow {
  id: number;
  name: string;
  description: string;
  connectionCount: number;
  failingCount: number;
  myRole: ProjectRole | null;
  provider: { kind: string; lastTestOk: boolean | null } | null;
}

/** Admins see every project; everyone else the projects they are a member of. */
export async function listProjects(actor: WorkspaceActor): Promise<ProjectRow[]> {
  const rows = await db.project.findMany({
    where: {
      workspaceId: actor.workspaceId,
      ...(isWorkspaceAdmin(actor.workspaceRole) ? {} : { memberships: { some: { userId: actor.userId } } }),
    },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      memberships: { where: { userId: actor.userId }, select: { role: true } },
      providerConfigs: { where: { currentOwnerKey: { not: null } }, select: { kind: true, lastTestOk: true } },
      _count: { select: { connections: true } },
    },
  });
  const failing = await db.connection.groupBy({
    by: ["projectId"],
    where: { workspaceId: actor.workspaceId, lastTestOk: false },
    _count: { _all: true },
  });
  const failingBy = new Map(failing.map((f) => [f.projectId, f._count._all]));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    connectionCount: p._count.connections,
    failingCount: failingBy.get(p.id) ?? 0,
    myRole: (p.memberships[0]?.role as ProjectRole | undefined) ?? null,
    provider: p.providerConfigs[0] ?? null,
  }));
}

export async function getProject(actor: ProjectActor) {
  const project = await db.project.findFirst({
    where: { id: actor.projectId, workspaceId: actor.workspaceId },
    select: { id: true, name: true, description: true, createdAt: true },
  });
  if (!project) throw new AppError("NOT_FOUND", "Unknown project.");
  return project;
}

export async function createProject(actor: WorkspaceActor, input: { name: string; description: string }): Promise<number> {
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { workspaceId: actor.workspaceId, name: input.name, description: input.description },
        select: { id: true },
      });
      await recordAudit({ ...auditBy(actor), projectId: project.id, action: "project.created", targetType: "project", targetId: project.id, detail: { name: input.name } }, tx);
      return project.id;
    });
  } catch (err) {
    fromPrismaError(err, { conflict: "A project with this name already exists in the workspace." });
  }
}

export interface ProjectMemberRow {
  userId: number;
  email: string;
  name: string;
  role: ProjectRole;
}

export async function listProjectMembers(actor: ProjectActor): Promise<ProjectMemberRow[]> {
  const rows = await db.projectMembership.findMany({
    where: { projectId: actor.projectId, project: { workspaceId: actor.workspaceId } },
    orderBy: { user: { email: "asc" } },
    select: { role: true, user: { select: { id: true, email: true, name: true } } },
  });
  return rows.map((r) => ({ userId: r.user.id, email: r.user.email, name: r.user.name, role: r.role as ProjectRole }));
}

export interface ConnectionListRow {
  id: number;
  name: string;
  type: string;
  lastTestAt: Date | null;
  lastTestOk: boolean | null;
  degraded: boolean;
  /** A template field was saved under a configuration that is no longer the active one. */
  scopeChanged: boolean;
}

/** Paginated and searchable (by name), with each row's status flags; three queries whatever the page size. */
export async function listConnections(actor: ProjectActor, options: { q?: string; page?: number; pageSize?: number } = {}) {
  const pageSize = Math.min(options.pageSize ?? 25, 100);
  const page = Math.max(options.page ?? 1, 1);
  const where = {
    projectId: actor.projectId,
    workspaceId: actor.workspaceId,
    ...(options.q ? { name: containsText(options.q) } : {}),
  };
  const workspaceKey = `w:${actor.workspaceId}`;
  const projectKey = `p:${actor.projectId}`;
  const [total, rows, owners] = await Promise.all([
    db.connection.count({ where }),
    db.connection.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true, name: true, type: true, lastTestAt: true, lastTestOk: true, degraded: true,
        fields: { where: { mode: "template" }, select: { providerConfigId: true } },
      },
    }),
    // Both candidate configurations with the workspace's scope, in one query (as activeConfigFor decides).
    db.secretsProviderConfig.findMany({
      where: { workspaceId: actor.workspaceId, currentOwnerKey: { in: [workspaceKey, projectKey] } },
      select: { id: true, currentOwnerKey: true, workspace: { select: { secretsScope: true } } },
    }),
  ]);
  const activeKey = owners[0]?.workspace.secretsScope === "project" ? projectKey : workspaceKey;
  const activeId = owners.find((o) => o.currentOwnerKey === activeKey)?.id ?? null;
  return {
    total,
    page,
    pageSize,
    rows: rows.map(({ fields, ...row }) => ({ ...row, scopeChanged: fields.some((f) => f.providerConfigId !== activeId) })) satisfies ConnectionListRow[],
  };
}
