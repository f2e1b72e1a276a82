import "server-only";
import { db } from "@/lib/db";
import { AppError, fromPrismaError } from "@/lib/errors";
import type { UserActor, WorkspaceActor } from "@/lib/auth/actor";
import { generateOneTimePassword, hashPassword, verifyPassword } from "@/lib/auth/password";
import type { ProjectRole, WorkspaceRole } from "@/lib/auth/roles";
import { auditBy, recordAudit } from "./audit";
import type { WorkspaceUserRow } from "@/lib/views/users";

/** For the sign-in action only: the one place a password hash leaves the database. */
export async function findUserForLogin(email: string) {
  return db.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, passwordHash: true, active: true, mustChangePassword: true },
  });
}

export async function workspaceIdsOf(userId: number): Promise<number[]> {
  const rows = await db.workspaceMembership.findMany({ where: { userId }, select: { workspaceId: true } });
  return rows.map((r) => r.workspaceId);
}

export async function listWorkspaceUsers(actor: WorkspaceActor): Promise<WorkspaceUserRow[]> {
  const rows = await db.workspaceMembership.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { user: { email: "asc" } },
    select: {
      role: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          active: true,
          mustChangePassword: true,
          projectMemberships: {
            where: { project: { workspaceId: actor.workspaceId } },
            select: { role: true, project: { select: { id: true, name: true } } },
            orderBy: { project: { name: "asc" } },
          },
        },
      },
    },
  });
  return rows.map(({ role, user }) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    workspaceRole: role as WorkspaceRole,
    projectRoles: user.projectMemberships.map((m) => ({
      projectId: m.project.id,
      projectName: m.project.name,
      role: m.role as ProjectRole,
    })),
  }));
}

export interface AddUserInput {
  email: string;
  name: string;
  workspaceRole: WorkspaceRole;
  projectRoles: Array<{ projectId: number; role: ProjectRole }>;
}

/** Creates the account with a one-time password, returned once and never stored in clear. */
export async function addWorkspaceUser(actor: WorkspaceActor, input: AddUserInput): Promise<{ userId: number; oneTimePassword: string }> {
  if (input.workspaceRole === "owner" && actor.workspaceRole !== "owner") {
    throw new AppError("FORBIDDEN", "Only an owner can add another owner.");
  }
  await assertProjectsInWorkspace(
    actor.workspaceId,
    input.projectRoles.map((p) => p.projectId),
  );
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    const userId = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email.toLowerCase(), name: input.name, passwordHash, mustChangePassword: true },
        select: { id: true },
      });
      await tx.workspaceMembership.create({ data: { workspaceId: actor.workspaceId, userId: user.id, role: input.workspaceRole } });
      for (const p of input.projectRoles) {
        await tx.projectMembership.create({ data: { projectId: p.projectId, userId: user.id, role: p.role } });
      }
      await recordAudit(
        {
          ...auditBy(actor),
          action: "user.added",
          targetType: "user",
          targetId: user.id,
          detail: { email: input.email.toLowerCase(), workspaceRole: input.workspaceRole, projectRoles: input.projectRoles },
        },
        tx,
      );
      return user.id;
    });
    return { userId, oneTimePassword };
  } catch (err) {
    fromPrismaError(err, { conflict: "A user with this email already exists." });
  }
}

export interface ChangeRolesInput {
  userId: number;
  workspaceRole: WorkspaceRole;
  projectRoles: Array<{ projectId: number; role: ProjectRole | "none" }>;
}

export async function changeUserRoles(actor: WorkspaceActor, input: ChangeRolesInput): Promise<void> {
  const current = await db.workspaceMembership.findUnique({
    where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId: input.userId } },
    select: { role: true },
  });
  if (!current) throw new AppError("NOT_FOUND", "Unknown user.");
  const touchesOwner = current.role === "owner" || input.workspaceRole === "owner";
  if (touchesOwner && current.role !== input.workspaceRole && actor.workspaceRole !== "owner") {
    throw new AppError("FORBIDDEN", "Only an owner can grant or remove the owner role.");
  }
  await assertProjectsInWorkspace(
    actor.workspaceId,
    input.projectRoles.map((p) => p.projectId),
  );
  await db.$transaction(async (tx) => {
    if (current.role === "owner" && input.workspaceRole !== "owner") await assertAnotherOwner(tx, actor.workspaceId, input.userId);
    await tx.workspaceMembership.update({
      where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId: input.userId } },
      data: { role: input.workspaceRole },
    });
    for (const p of input.projectRoles) {
      const key = { projectId_userId: { projectId: p.projectId, userId: input.userId } };
      if (p.role === "none") await tx.projectMembership.deleteMany({ where: { projectId: p.projectId, userId: input.userId } });
      else await tx.projectMembership.upsert({ where: key, create: { projectId: p.projectId, userId: input.userId, role: p.role }, update: { role: p.role } });
    }
    await recordAudit(
      {
        ...auditBy(actor),
        action: "user.roles_changed",
        targetType: "user",
        targetId: input.userId,
        detail: { workspaceRole: input.workspaceRole, projectRoles: input.projectRoles },
      },
      tx,
    );
  });
}

/** Deactivation signs the user out everywhere at once. */
export async function setUserActive(actor: WorkspaceActor, userId: number, active: boolean): Promise<void> {
  if (userId === actor.userId) throw new AppError("VALIDATION", "You cannot deactivate your own account.");
  const membership = await db.workspaceMembership.findUnique({
    where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError("NOT_FOUND", "Unknown user.");
  if (membership.role === "owner" && actor.workspaceRole !== "owner") throw new AppError("FORBIDDEN", "Only an owner can deactivate an owner.");
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { active } });
    if (!active) await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit({ ...auditBy(actor), action: active ? "user.reactivated" : "user.deactivated", targetType: "user", targetId: userId }, tx);
  });
}

/** Everyone may change their own password; other sessions end, the current one stays. */
export async function changeOwnPassword(actor: UserActor, input: { currentPassword: string; newPassword: string; keepSessionId: string }): Promise<void> {
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("VALIDATION", "The current password is not correct.", "currentPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  const workspaceIds = await workspaceIdsOf(actor.userId);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.updateMany({ where: { userId: actor.userId, revokedAt: null, id: { not: input.keepSessionId } }, data: { revokedAt: new Date() } });
    for (const workspaceId of workspaceIds) {
      await recordAudit(
        { workspaceId, actorUserId: actor.userId, actorLabel: actor.email, action: "user.password_changed", targetType: "user", targetId: actor.userId },
        tx,
      );
    }
  });
}

async function assertProjectsInWorkspace(workspaceId: number, projectIds: number[]): Promise<void> {
  if (projectIds.length === 0) return;
  const count = await db.project.count({ where: { workspaceId, id: { in: projectIds } } });
  if (count !== new Set(projectIds).size) throw new AppError("NOT_FOUND", "Unknown project.");
}

async function assertAnotherOwner(tx: Pick<typeof db, "workspaceMembership">, workspaceId: number, exceptUserId: number): Promise<void> {
  const owners = await tx.workspaceMembership.count({ where: { workspaceId, role: "owner", userId: { not: exceptUserId }, user: { active: true } } });
  if (owners === 0) throw new AppError("VALIDATION", "A workspace needs at least one active owner.");
}

/** Checks the signed-in user's password (re-authentication); the caller throttles. */
export async function verifyUserPassword(actor: UserActor, password: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true, active: true } });
  return Boolean(user?.active) && (await verifyPassword(user?.passwordHash ?? null, password));
}
