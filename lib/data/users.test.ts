import { describe, expect, it, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { mintActor, type WorkspaceActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { addWorkspaceUser, changeOwnPassword, changeUserRoles, listWorkspaceUsers, setUserActive } from "./users";
import { createSession, findSessionUser } from "./sessions";
import { listAuditEvents } from "./audit";

let owner: WorkspaceActor;
let admin: WorkspaceActor;
let projectId: number;

beforeAll(async () => {
  const ws = await db.workspace.create({ data: { name: "Users WS", egressAllowList: [] } });
  const project = await db.project.create({ data: { workspaceId: ws.id, name: "P1" } });
  projectId = project.id;
  const o = await db.user.create({ data: { email: "owner@t.local", name: "Owner", passwordHash: "x" } });
  const a = await db.user.create({ data: { email: "admin@t.local", name: "Admin", passwordHash: "x" } });
  await db.workspaceMembership.createMany({
    data: [
      { workspaceId: ws.id, userId: o.id, role: "owner" },
      { workspaceId: ws.id, userId: a.id, role: "admin" },
    ],
  });
  owner = mintActor.workspace({ userId: o.id, email: o.email, workspaceId: ws.id, workspaceRole: "owner" });
  admin = mintActor.workspace({ userId: a.id, email: a.email, workspaceId: ws.id, workspaceRole: "admin" });
});

describe("users data layer (real SQLite)", () => {
  it("adds a user with a one-time password that only works once changed", async () => {
    const { userId, oneTimePassword } = await addWorkspaceUser(admin, {
      email: "New@T.local",
      name: "New",
      workspaceRole: "member",
      projectRoles: [{ projectId, role: "editor" }],
    });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.email).toBe("new@t.local");
    expect(user.mustChangePassword).toBe(true);
    expect(user.passwordHash).not.toContain(oneTimePassword);
    expect(await verifyPassword(user.passwordHash, oneTimePassword)).toBe(true);
    const listed = (await listWorkspaceUsers(admin)).find((u) => u.id === userId);
    expect(listed?.projectRoles).toEqual([{ projectId, projectName: "P1", role: "editor" }]);
    const events = await listAuditEvents(admin, { action: "user.added" });
    expect(events.events[0]?.targetId).toBe(userId);
    expect(JSON.stringify(events.events)).not.toContain(oneTimePassword);
  });

  it("refuses a duplicate email with a clear message", async () => {
    await addWorkspaceUser(admin, { email: "dup@t.local", name: "D", workspaceRole: "member", projectRoles: [] });
    await expect(addWorkspaceUser(admin, { email: "dup@t.local", name: "D", workspaceRole: "member", projectRoles: [] })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("lets only an owner create owners, and keeps at least one owner", async () => {
    await expect(addWorkspaceUser(admin, { email: "o2@t.local", name: "O2", workspaceRole: "owner", projectRoles: [] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(changeUserRoles(owner, { userId: owner.userId, workspaceRole: "admin", projectRoles: [] })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses projects of another workspace", async () => {
    const other = await db.workspace.create({ data: { name: "Other", egressAllowList: [] } });
    const foreign = await db.project.create({ data: { workspaceId: other.id, name: "Foreign" } });
    await expect(
      addWorkspaceUser(admin, { email: "x@t.local", name: "X", workspaceRole: "member", projectRoles: [{ projectId: foreign.id, role: "admin" }] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.user.findUnique({ where: { email: "x@t.local" } })).toBeNull();
  });

  it("changes roles: project role set and removed", async () => {
    const { userId } = await addWorkspaceUser(admin, { email: "r@t.local", name: "R", workspaceRole: "member", projectRoles: [] });
    await changeUserRoles(admin, { userId, workspaceRole: "member", projectRoles: [{ projectId, role: "admin" }] });
    expect((await db.projectMembership.findFirst({ where: { userId, projectId } }))?.role).toBe("admin");
    await changeUserRoles(admin, { userId, workspaceRole: "member", projectRoles: [{ projectId, role: "none" }] });
    expect(await db.projectMembership.findFirst({ where: { userId, projectId } })).toBeNull();
  });

  it("deactivation ends the user's sessions", async () => {
    const { userId } = await addWorkspaceUser(admin, { email: "d@t.local", name: "D", workspaceRole: "member", projectRoles: [] });
    const session = await createSession({ userId, ttlHours: 1, userAgent: "t", clientIp: "1.2.3.4" });
    expect(await findSessionUser(session.token)).not.toBeNull();
    await setUserActive(admin, userId, false);
    expect(await findSessionUser(session.token)).toBeNull();
    await expect(setUserActive(admin, admin.userId, false)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("changing one's password requires the current one and ends other sessions", async () => {
    const { userId, oneTimePassword } = await addWorkspaceUser(admin, { email: "p@t.local", name: "P", workspaceRole: "member", projectRoles: [] });
    const keep = await createSession({ userId, ttlHours: 1, userAgent: "t", clientIp: "1" });
    const other = await createSession({ userId, ttlHours: 1, userAgent: "t", clientIp: "2" });
    const me = mintActor.user({ userId, email: "p@t.local" });
    const keepId = (await findSessionUser(keep.token))!.sessionId;
    await expect(changeOwnPassword(me, { currentPassword: "wrong", newPassword: "a-brand-new-pass", keepSessionId: keepId })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await changeOwnPassword(me, { currentPassword: oneTimePassword, newPassword: "a-brand-new-pass", keepSessionId: keepId });
    expect(await findSessionUser(keep.token)).not.toBeNull();
    expect(await findSessionUser(other.token)).toBeNull();
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.mustChangePassword).toBe(false);
  });
});
