// "Refresh" and "Clear cache" from the console: who may (docs/roles.md: refresh as Test, project.edit; clear
// cache as the cache settings, workspace.admin), what they drop, and the audit event each leaves.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { form } from "@/lib/testing/form-data";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createConnection } from "@/lib/data/connections";
import { seedWorkspace } from "@/lib/testing/seed-actors";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const auth = vi.hoisted(() => ({ requireUser: vi.fn(), requireWorkspace: vi.fn(), requireProject: vi.fn(), parseId: (v: unknown) => Number(v) }));
vi.mock("@/lib/auth/authorize", () => auth);

const { clearSecretsCacheAction } = await import("./secrets-settings");
const { refreshConnectionAction } = await import("./connections");
const { secretsRuntime } = await import("@/lib/services/secrets/runtime");

let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
beforeEach(async () => {
  vi.clearAllMocks();
  seeded = await seedWorkspace();
  auth.requireWorkspace.mockResolvedValue(seeded.wsActor);
  auth.requireProject.mockResolvedValue(seeded.projectActor(seeded.projects[0]!.id));
});

const events = (action: string) => db.auditEvent.findMany({ where: { workspaceId: seeded.ws.id, action } });

describe("Clear cache (console)", () => {
  it("needs workspace.admin, drops the workspace's cached values and audits who did it", async () => {
    const clear = vi.spyOn(secretsRuntime().cache, "clearWorkspace").mockReturnValue(3);
    const result = await clearSecretsCacheAction(null, form({ workspaceId: seeded.ws.id }));
    expect(auth.requireWorkspace).toHaveBeenCalledWith(String(seeded.ws.id), "workspace.admin");
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("3 cached values dropped") });
    expect(clear).toHaveBeenCalledWith(seeded.ws.id);
    const [event] = await events("secrets.cache.cleared");
    expect(event).toMatchObject({ actorUserId: seeded.wsActor.userId, actorLabel: seeded.wsActor.email, targetId: seeded.ws.id });
    clear.mockRestore();
  });

  it("refuses anyone else and clears nothing", async () => {
    auth.requireWorkspace.mockRejectedValue(new AppError("FORBIDDEN", "Only workspace owners and admins can do this."));
    const clear = vi.spyOn(secretsRuntime().cache, "clearWorkspace");
    expect(await clearSecretsCacheAction(null, form({ workspaceId: seeded.ws.id }))).toEqual({
      ok: false,
      message: "Only workspace owners and admins can do this.",
    });
    expect(clear).not.toHaveBeenCalled();
    expect(await events("secrets.cache.cleared")).toHaveLength(0);
    clear.mockRestore();
  });
});

describe("Refresh (console)", () => {
  it("needs project.edit, re-tests the connection and audits the refresh", async () => {
    const actor = seeded.projectActor(seeded.projects[0]!.id);
    const id = await createConnection(actor, {
      name: "Literal API",
      type: "http",
      settings: { baseUrl: "http://127.0.0.1:9/", authKind: "bearer", testPath: "/" },
      credentials: { token: { mode: "set", value: "literal-token" } },
    });
    const result = await refreshConnectionAction(null, form({ workspaceId: seeded.ws.id, projectId: actor.projectId, connectionId: id }));
    expect(auth.requireProject).toHaveBeenCalledWith(String(seeded.ws.id), String(actor.projectId), "project.edit");
    expect(result).toMatchObject({ ok: true, message: "Dropped 0 cached values and fetched them again.", data: { references: [] } });
    const [event] = await events("connection.refreshed");
    expect(event).toMatchObject({ actorUserId: actor.userId, targetId: id });
  });

  it("refuses a viewer", async () => {
    auth.requireProject.mockRejectedValue(new AppError("FORBIDDEN", "Only project editors and admins can change connections."));
    const result = await refreshConnectionAction(null, form({ workspaceId: seeded.ws.id, projectId: seeded.projects[0]!.id, connectionId: 1 }));
    expect(result).toEqual({ ok: false, message: "Only project editors and admins can change connections." });
    expect(await events("connection.refreshed")).toHaveLength(0);
  });
});
