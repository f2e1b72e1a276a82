// Runs on an empty database (each test file gets its own), on SQLite and, through vitest.postgres.config.mts,
// on PostgreSQL, where the concurrent case exercises the Serializable transaction for real.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { issueSetupToken, verifySetupToken, type SetupGrant } from "@/lib/auth/setup-token";
import { createFirstOwner, hasAnyUser } from "./setup";

function grant(): SetupGrant {
  const token = issueSetupToken();
  const g = token ? verifySetupToken(token) : null;
  if (!g) throw new Error("the test could not obtain a setup grant");
  return g;
}

const passwordHash = hashPassword("first-owner-password-1");
const input = async (email: string) => ({ email, name: "First Owner", passwordHash: await passwordHash, workspaceName: "Acme" });

describe("first owner setup", () => {
  it("creates the owner and the workspace together, with audit events, and no demo data", async () => {
    expect(await hasAnyUser()).toBe(false);
    const g = grant();
    const inputs = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => input(`Owner${i}@Acme.example`)));
    // All at once: without the transaction's check (and Serializable on PostgreSQL) several would commit.
    const racers = await Promise.allSettled(inputs.map((i) => createFirstOwner(g, i)));
    const won = racers.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const lost of racers.filter((r) => r.status === "rejected")) {
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already set up") });
    }
    const { userId, workspaceId } = (won[0] as PromiseFulfilledResult<{ userId: number; workspaceId: number }>).value;

    expect(await db.user.count()).toBe(1);
    expect(await db.workspace.count()).toBe(1);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.email).toMatch(/^owner\d@acme\.example$/);
    expect(user.mustChangePassword).toBe(false);
    expect(await verifyPassword(user.passwordHash, "first-owner-password-1")).toBe(true);
    expect(await db.workspaceMembership.findMany({ select: { workspaceId: true, userId: true, role: true } })).toEqual([
      { workspaceId, userId, role: "owner" },
    ]);
    expect(await db.project.count()).toBe(0);
    expect(await db.connection.count()).toBe(0);
    expect(await db.secretsProviderConfig.count()).toBe(0);

    const events = await db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { workspaceId: true, actorUserId: true, action: true, targetId: true } });
    expect(events).toEqual([
      { workspaceId, actorUserId: userId, action: "setup.completed", targetId: userId },
      { workspaceId, actorUserId: userId, action: "workspace.created", targetId: workspaceId },
    ]);
    expect(JSON.stringify(await db.auditEvent.findMany())).not.toContain("first-owner-password-1");
  });

  it("never runs twice", async () => {
    expect(await hasAnyUser()).toBe(true);
    await expect(createFirstOwner({} as SetupGrant, await input("late@acme.example"))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.user.count()).toBe(1);
    expect(await db.workspace.count()).toBe(1);
  });
});
