import "server-only";
import { MAX_PAGE } from "@/lib/validations/paging";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
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
      await recordAudit(
        { ...auditBy(actor), projectId: project.id, action: "project.created", targetType: "project", targetId: project.id, detail: { name: input.name } },
        tx,
      );
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
  // Clamped here too: a huge page from any caller must not reach Prisma as an unsafe `skip` (a 500).
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1) || 1, 1), MAX_PAGE);
  // projectId alone: requireProject has checked that it belongs to actor.workspaceId, and a filter on the
  // (projectId, name) index only lets PostgreSQL count from the index without visiting every row.
  const where = {
    projectId: actor.projectId,
    ...(options.q ? { name: containsText(options.q) } : {}),
  };
  const [total, rows] = await Promise.all([
    db.connection.count({ where }),
    db.connection.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, name: true, type: true, lastTestAt: true, lastTestOk: true, degraded: true },
    }),
  ]);
  const stale = await connectionsWithScopeChanged(rows.map((r) => r.id));
  return { total, page, pageSize, rows: rows.map((row) => ({ ...row, scopeChanged: stale.has(row.id) })) satisfies ConnectionListRow[] };
}

/**
 * Of these connections, those with a template field saved under a configuration that is not the active one
 * for their project (the "scope changed" flag). One statement for the whole page, portable SQL: the active
 * configuration is the current one of the workspace ("w:<id>") or of the project ("p:<id>") by scope.
 */
async function connectionsWithScopeChanged(connectionIds: number[]): Promise<Set<number>> {
  if (connectionIds.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ connectionId: number | bigint }>>`
    SELECT DISTINCT f."connectionId" AS "connectionId"
    FROM "CredentialField" f
    JOIN "Connection" c ON c."id" = f."connectionId"
    JOIN "Workspace" w ON w."id" = c."workspaceId"
    LEFT JOIN "SecretsProviderConfig" pc ON pc."currentOwnerKey" =
      CASE WHEN w."secretsScope" = 'project' THEN 'p:' || c."projectId" ELSE 'w:' || c."workspaceId" END
    WHERE f."connectionId" IN (${Prisma.join(connectionIds)})
      AND f."mode" = 'template'
      AND (pc."id" IS NULL OR f."providerConfigId" IS NULL OR f."providerConfigId" <> pc."id")`;
  return new Set(rows.map((r) => Number(r.connectionId)));
}
