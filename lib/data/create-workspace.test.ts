import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { createWorkspace } from "./create-workspace";
import { listMyWorkspaces } from "./workspaces";

describe("creating further workspaces", () => {
  it("makes the owner the new workspace's owner and records the event in both workspaces", async () => {
    const { ws, wsActor } = await seedWorkspace();
    const id = await createWorkspace(wsActor, { name: "Second" });
    expect((await listMyWorkspaces(wsActor)).map((w) => [w.name, w.role])).toContainEqual(["Second", "owner"]);
    const events = await db.auditEvent.findMany({
      where: { action: "workspace.created", targetId: id },
      select: { workspaceId: true, actorUserId: true, detail: true },
    });
    expect(events.map((e) => e.workspaceId).sort()).toEqual([ws.id, id].sort());
    expect(events.every((e) => e.actorUserId === wsActor.userId)).toBe(true);
    expect(events[0]?.detail).toEqual({ name: "Second", fromWorkspaceId: ws.id });
  });

  it("refuses admins and members on the server, whatever the UI shows", async () => {
    const { ws, projects } = await seedWorkspace();
    for (const role of ["admin", "member"] as const) {
      const { ws: actor } = await actorWithRoles(ws.id, projects[0]!.id, role, null);
      await expect(createWorkspace(actor, { name: `By ${role}` })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "Only workspace owners can create workspaces.",
      });
    }
    expect(await db.workspace.count({ where: { name: { startsWith: "By " } } })).toBe(0);
  });

  it("refuses a second workspace of the same name for the same owner", async () => {
    const { wsActor } = await seedWorkspace();
    await createWorkspace(wsActor, { name: "Twice" });
    await expect(createWorkspace(wsActor, { name: "Twice" })).rejects.toMatchObject({ code: "CONFLICT", field: "name" });
  });
});
