import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedWorkspace, actorWithRoles } from "@/lib/testing/seed-actors";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";

describe("API tokens (real SQLite)", () => {
  it("shows the token once, stores only its hash, and authenticates it", async () => {
    const { wsActor } = await seedWorkspace();
    const { id, token } = await createApiToken(wsActor, { name: "CI", scopes: ["cache:clear", "connections:refresh"], projectIds: null, expiresInDays: null });
    expect(token).toMatch(/^kh_[A-Za-z0-9]{8}_[\w-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(token.startsWith(`${row.prefix}_`)).toBe(true);
    expect(JSON.stringify(row)).not.toContain(token.slice(row.prefix.length + 1));
    const identity = await authenticateApiToken(token);
    expect(identity).toEqual({
      tokenId: id,
      workspaceId: wsActor.workspaceId,
      scopes: ["cache:clear", "connections:refresh"],
      projectIds: null,
      label: `API token ${row.prefix}…`,
    });
    expect((await listApiTokens(wsActor))[0]?.lastUsedAt).not.toBeNull();
    const lastChar = token.slice(-1);
    expect(await authenticateApiToken(`${token.slice(0, -1)}${lastChar === "A" ? "B" : "A"}`)).toBeNull();
    expect(await authenticateApiToken("garbage")).toBeNull();
  });

  it("refuses revoked and expired tokens", async () => {
    const { wsActor } = await seedWorkspace();
    const revoked = await createApiToken(wsActor, { name: "old", scopes: ["admin"], projectIds: null, expiresInDays: null });
    await revokeApiToken(wsActor, revoked.id);
    expect(await authenticateApiToken(revoked.token)).toBeNull();
    await expect(revokeApiToken(wsActor, revoked.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const expiring = await createApiToken(wsActor, { name: "short", scopes: ["admin"], projectIds: null, expiresInDays: 1 });
    expect(await authenticateApiToken(expiring.token)).not.toBeNull();
    expect(await authenticateApiToken(expiring.token, new Date(Date.now() + 2 * 86_400_000))).toBeNull();
  });

  it("is for workspace admins only", async () => {
    const { ws, projects } = await seedWorkspace();
    const member = await actorWithRoles(ws.id, projects[0]!.id, "member", "admin");
    await expect(createApiToken(member.ws, { name: "x", scopes: ["admin"], projectIds: null, expiresInDays: null })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("stores a project limit of this workspace's projects only, and needs a scope", async () => {
    const { wsActor, projects } = await seedWorkspace();
    const other = await seedWorkspace();
    const limited = await createApiToken(wsActor, {
      name: "p",
      scopes: ["connections:test"],
      projectIds: [projects[1]!.id, projects[0]!.id],
      expiresInDays: null,
    });
    expect(await authenticateApiToken(limited.token)).toMatchObject({
      scopes: ["connections:test"],
      projectIds: [projects[0]!.id, projects[1]!.id].sort((a, b) => a - b),
    });
    const mine = { name: "x", scopes: ["admin" as const], expiresInDays: null };
    await expect(createApiToken(wsActor, { ...mine, projectIds: [other.projects[0]!.id] })).rejects.toMatchObject({ code: "VALIDATION", field: "projectIds" });
    await expect(createApiToken(wsActor, { ...mine, projectIds: [] })).rejects.toMatchObject({ code: "VALIDATION", field: "projectIds" });
    await expect(createApiToken(wsActor, { ...mine, scopes: [], projectIds: null })).rejects.toMatchObject({ code: "VALIDATION", field: "scopes" });
    expect((await listApiTokens(wsActor)).map((t) => t.name)).toEqual(["p"]);
  });
});
