// The server half of every impact confirmation (docs/scopes.md "Impact before anything breaks"): a dialog's
// fingerprint that no longer matches what the change breaks is refused and nothing changes; a current one goes.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { form } from "@/lib/testing/form-data";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createConnection } from "@/lib/data/connections";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { getReferencePolicy } from "@/lib/data/reference-policy";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { allowAllReferences } from "@/lib/testing/reference-policy";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const auth = vi.hoisted(() => ({ requireUser: vi.fn(), requireWorkspace: vi.fn(), requireProject: vi.fn(), parseId: (v: unknown) => Number(v) }));
vi.mock("@/lib/auth/authorize", () => auth);
// These actions also need a recent password (e2e/security/reauth-actions.test.ts tests that): here it was just entered.
vi.mock("@/lib/auth/reauth", () => ({ requireRecentAuth: vi.fn(async () => undefined) }));

const { saveProviderConfigAction, switchSecretsScopeAction } = await import("./secrets-settings");
const { removeReferencePolicyEntryAction } = await import("./reference-policy");
const { impactOf } = await import("@/lib/services/secrets/impact");
const { revalidatePath } = await import("next/cache");

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
const aws = { kind: "aws" as const, settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } };

let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
beforeEach(async () => {
  vi.clearAllMocks();
  seeded = await seedWorkspace();
  auth.requireWorkspace.mockResolvedValue(seeded.wsActor);
  await saveProviderConfig(seeded.wsActor, aws);
  await allowAllReferences(seeded.wsActor);
  await addConnection("Orders DB");
});

function addConnection(name: string) {
  return createConnection(seeded.projectActor(seeded.projects[0]!.id), {
    name,
    type: "postgres",
    settings: { host: "db.internal", port: 5432 },
    credentials: { password: { mode: "set", value: `{{workato:sm:password:${ARN}}}` } },
  });
}

const vaultForm = (impactToken: string) => ({
  workspaceId: seeded.ws.id,
  kind: "vault",
  address: "http://127.0.0.1:8200",
  approleMount: "approle",
  roleId: "r",
  secretId: "s",
  confirmReplace: "true",
  impactToken,
});

describe("impact re-check on submit", () => {
  it("replacing a provider: a stale list is refused (nothing replaced, the page re-rendered), the current one replaces", async () => {
    const shown = await impactOf(seeded.wsActor, { kind: "provider-replace" });
    await addConnection("Ledger");
    const stale = await saveProviderConfigAction(null, form(vaultForm(shown.token)));
    expect(stale).toMatchObject({ ok: false, message: expect.stringContaining("now 2 fields in 2 connections") });
    expect(revalidatePath).toHaveBeenCalledWith(`/w/${seeded.ws.id}/settings/secrets`);
    expect(await db.secretsProviderConfig.findUniqueOrThrow({ where: { currentOwnerKey: `w:${seeded.ws.id}` } })).toMatchObject({ kind: "aws" });
    const current = await impactOf(seeded.wsActor, { kind: "provider-replace" });
    expect(await saveProviderConfigAction(null, form(vaultForm(current.token)))).toMatchObject({ ok: true, data: { replaced: true } });
  });

  it("refuses a malformed fingerprint before anything else", async () => {
    expect(await saveProviderConfigAction(null, form(vaultForm("<script>")))).toMatchObject({ ok: false, fieldErrors: { impactToken: [expect.any(String)] } });
  });

  it("switching scope and removing a policy entry re-check too", async () => {
    const scope = await impactOf(seeded.wsActor, { kind: "scope-switch" });
    const entry = (await getReferencePolicy(seeded.wsActor))!.entries[0]!;
    const removal = await impactOf(seeded.wsActor, { kind: "policy-entry-remove", entryId: entry.id });
    await addConnection("Ledger");
    const { scopeVersion } = await db.workspace.findUniqueOrThrow({ where: { id: seeded.ws.id } });
    const switchForm = { workspaceId: seeded.ws.id, to: "project", expectedVersion: scopeVersion };
    expect(await switchSecretsScopeAction(null, form({ ...switchForm, impactToken: scope.token }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("2 fields"),
    });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: seeded.ws.id } })).secretsScope).toBe("workspace");
    const removeForm = { workspaceId: seeded.ws.id, ownerProjectId: "", entryId: entry.id };
    expect(await removeReferencePolicyEntryAction(null, form({ ...removeForm, impactToken: removal.token }))).toMatchObject({ ok: false });
    expect(await db.referencePolicyEntry.count({ where: { id: entry.id } })).toBe(1);
    const fresh = await impactOf(seeded.wsActor, { kind: "policy-entry-remove", entryId: entry.id });
    expect(await removeReferencePolicyEntryAction(null, form({ ...removeForm, impactToken: fresh.token }))).toMatchObject({ ok: true });
    const freshScope = await impactOf(seeded.wsActor, { kind: "scope-switch" });
    expect(await switchSecretsScopeAction(null, form({ ...switchForm, impactToken: freshScope.token }))).toMatchObject({ ok: true });
  });

  it("an editor is refused by the owner check before any impact is computed", async () => {
    auth.requireWorkspace.mockRejectedValue(new AppError("FORBIDDEN", "Only workspace owners and admins can do this."));
    const shown = await impactOf(seeded.wsActor, { kind: "provider-replace" });
    expect(await saveProviderConfigAction(null, form(vaultForm(shown.token)))).toEqual({ ok: false, message: "Only workspace owners and admins can do this." });
  });
});
