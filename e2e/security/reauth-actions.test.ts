// Issue 13 item 4: the sensitive actions ask for the password again. Each one, called by an admin whose session
// last entered the password more than 5 minutes ago (or never), answers `reauthRequired` and changes nothing;
// with a fresh confirmation the same call goes through. API tokens cannot re-authenticate.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { form } from "@/lib/testing/form-data";
import { mintActor } from "@/lib/auth/actor";
import { REAUTH_WINDOW_MS } from "@/lib/auth/recent-auth";
import { db } from "@/lib/db";
import { seedWorkspace } from "@/lib/testing/seed-actors";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const auth = vi.hoisted(() => ({ requireUser: vi.fn(), requireWorkspace: vi.fn(), requireProject: vi.fn(), parseId: (v: unknown) => Number(v) }));
vi.mock("@/lib/auth/authorize", () => auth);
const session = vi.hoisted(() => ({ getSessionUser: vi.fn(), clientKey: vi.fn(async () => "127.0.0.1") }));
vi.mock("@/lib/auth/current-user", () => session);

const { createApiTokenAction } = await import("@/lib/actions/api-tokens");
const { switchSecretsScopeAction, saveProviderConfigAction } = await import("@/lib/actions/secrets-settings");
const { addReferencePolicyEntryAction, removeReferencePolicyEntryAction } = await import("@/lib/actions/reference-policy");
const { changeUserRolesAction, addUserAction } = await import("@/lib/actions/users");

let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
function signedIn(reauthenticatedAt: Date | null) {
  session.getSessionUser.mockResolvedValue({
    sessionId: "s",
    userId: seeded.owner.id,
    email: seeded.owner.email,
    name: "Owner",
    mustChangePassword: false,
    reauthenticatedAt,
  });
}
const stale = () => new Date(Date.now() - REAUTH_WINDOW_MS - 60_000);

beforeEach(async () => {
  vi.clearAllMocks();
  seeded = await seedWorkspace();
  auth.requireWorkspace.mockResolvedValue(seeded.wsActor);
  auth.requireProject.mockResolvedValue(seeded.projectActor(seeded.projects[0]!.id));
});

const tokenForm = () => form({ workspaceId: seeded.ws.id, name: "CI", "scope:cache:clear": "on", projects: "all", expiresInDays: "30" });

describe("re-authentication for sensitive actions", () => {
  it("creating an API token: refused without a recent password, allowed with one", async () => {
    for (const at of [null, stale()]) {
      signedIn(at);
      expect(await createApiTokenAction(null, tokenForm())).toMatchObject({ ok: false, reauthRequired: true });
    }
    expect(await db.apiToken.count({ where: { workspaceId: seeded.ws.id } })).toBe(0);
    signedIn(new Date());
    expect(await createApiTokenAction(null, tokenForm())).toMatchObject({ ok: true });
    expect(await db.apiToken.count({ where: { workspaceId: seeded.ws.id } })).toBe(1);
  });

  it("switching scope is refused without a recent password and the scope stays", async () => {
    signedIn(stale());
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: seeded.ws.id } });
    const result = await switchSecretsScopeAction(null, form({ workspaceId: ws.id, to: "project", expectedVersion: ws.scopeVersion }));
    expect(result).toMatchObject({ ok: false, reauthRequired: true });
    expect(await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ secretsScope: "workspace", scopeVersion: ws.scopeVersion });
  });

  it("changing a provider's auth or endpoint is refused without a recent password and nothing is saved", async () => {
    signedIn(null);
    const result = await saveProviderConfigAction(
      null,
      form({ workspaceId: seeded.ws.id, ownerProjectId: "", kind: "vault", address: "https://vault.example.com:8200", authMethod: "token", token: "s.abc" }),
    );
    expect(result).toMatchObject({ ok: false, reauthRequired: true });
    expect(await db.secretsProviderConfig.count({ where: { workspaceId: seeded.ws.id } })).toBe(0);
  });

  it("adding or removing a reference-policy entry is refused without a recent password", async () => {
    signedIn(stale());
    const add = await addReferencePolicyEntryAction(
      null,
      form({ workspaceId: seeded.ws.id, ownerProjectId: "", kind: "aws", secretPattern: "prod/*", destinations: "api.example.com" }),
    );
    expect(add).toMatchObject({ ok: false, reauthRequired: true });
    expect(await removeReferencePolicyEntryAction(null, form({ workspaceId: seeded.ws.id, ownerProjectId: "", entryId: 1 }))).toMatchObject({
      ok: false,
      reauthRequired: true,
    });
    expect(await db.auditEvent.count({ where: { workspaceId: seeded.ws.id, action: { startsWith: "reference_policy" } } })).toBe(0);
  });

  it("changing roles (and adding a user with a role) is refused without a recent password", async () => {
    const member = await db.user.create({ data: { email: `m-${seeded.ws.id}@t.local`, name: "M", passwordHash: "x" } });
    await db.workspaceMembership.create({ data: { workspaceId: seeded.ws.id, userId: member.id, role: "member" } });
    signedIn(null);
    const change = await changeUserRolesAction(null, form({ workspaceId: seeded.ws.id, userId: member.id, workspaceRole: "admin" }));
    expect(change).toMatchObject({ ok: false, reauthRequired: true });
    expect(await db.workspaceMembership.findFirstOrThrow({ where: { workspaceId: seeded.ws.id, userId: member.id } })).toMatchObject({ role: "member" });
    const add = await addUserAction(null, form({ workspaceId: seeded.ws.id, email: "new@t.local", name: "New", workspaceRole: "admin" }));
    expect(add).toMatchObject({ ok: false, reauthRequired: true });
    expect(await db.user.count({ where: { email: "new@t.local" } })).toBe(0);
  });

  it("another user's session or an API token never counts as the recent password", async () => {
    session.getSessionUser.mockResolvedValue({ sessionId: "s", userId: -1, email: "x", name: "x", mustChangePassword: false, reauthenticatedAt: new Date() });
    expect(await createApiTokenAction(null, tokenForm())).toMatchObject({ ok: false });
    expect(await db.apiToken.count({ where: { workspaceId: seeded.ws.id } })).toBe(0);
    const { requireRecentAuth } = await import("@/lib/auth/reauth");
    const tokenActor = mintActor.project({ ...seeded.projectActor(seeded.projects[0]!.id), apiTokenId: 7 });
    await expect(requireRecentAuth(tokenActor)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
