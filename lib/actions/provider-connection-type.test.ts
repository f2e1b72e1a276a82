// The "Connection type" of the AWS, Azure and Vault forms through the save action (docs/agent.md "Cloud profiles"): a group of the
// workspace is stored with the configuration; another workspace's group, or a malformed choice, is a field error
// on the select and nothing is saved.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { form } from "@/lib/testing/form-data";
import { createOnPremGroup } from "@/lib/data/onprem-groups";
import { getProviderConfig } from "@/lib/data/provider-configs";
import { seedWorkspace } from "@/lib/testing/seed-actors";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const auth = vi.hoisted(() => ({ requireUser: vi.fn(), requireWorkspace: vi.fn(), requireProject: vi.fn(), parseId: (v: unknown) => Number(v) }));
vi.mock("@/lib/auth/authorize", () => auth);
// A recent password is tested in e2e/security/reauth-actions.test.ts: here it was just entered.
vi.mock("@/lib/auth/reauth", () => ({ requireRecentAuth: vi.fn(async () => undefined) }));

const { saveProviderConfigAction } = await import("./secrets-settings");

let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
beforeEach(async () => {
  seeded = await seedWorkspace();
  auth.requireWorkspace.mockResolvedValue(seeded.wsActor);
});

const vault = (onPremGroupId: string | number) => ({
  workspaceId: seeded.ws.id,
  kind: "vault",
  onPremGroupId,
  address: "https://vault.internal:8200",
  approleMount: "approle",
  roleId: "r",
  secretId: "s",
});

describe("saveProviderConfigAction: Vault connection type", () => {
  it("stores the workspace's group, and Cloud as null", async () => {
    const group = await createOnPremGroup(seeded.wsActor, "datacenter");
    expect(await saveProviderConfigAction(null, form(vault(group.id)))).toMatchObject({ ok: true });
    expect((await getProviderConfig(seeded.wsActor))?.onPremGroupId).toBe(group.id);
    expect(await saveProviderConfigAction(null, form(vault("")))).toMatchObject({ ok: true });
    expect((await getProviderConfig(seeded.wsActor))?.onPremGroupId).toBeNull();
  });

  it("refuses another workspace's group and a malformed choice on the select", async () => {
    const { wsActor: other } = await seedWorkspace();
    const foreign = await createOnPremGroup(other, "theirs");
    expect(await saveProviderConfigAction(null, form(vault(foreign.id)))).toMatchObject({
      ok: false,
      fieldErrors: { onPremGroupId: ["Choose an on-prem group of this workspace."] },
    });
    expect(await saveProviderConfigAction(null, form(vault("theirs")))).toMatchObject({
      ok: false,
      fieldErrors: { onPremGroupId: ["Choose Cloud or an on-prem group."] },
    });
    expect(await getProviderConfig(seeded.wsActor)).toBeNull();
  });
});

describe("saveProviderConfigAction: AWS and Azure connection type", () => {
  it("stores the group for AWS and Azure; an Azure move Cloud → group needs the client secret again", async () => {
    const group = await createOnPremGroup(seeded.wsActor, "datacenter");
    const aws = { workspaceId: seeded.ws.id, kind: "aws", roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" };
    expect(await saveProviderConfigAction(null, form({ ...aws, onPremGroupId: group.id }))).toMatchObject({ ok: true });
    expect((await getProviderConfig(seeded.wsActor))?.onPremGroupId).toBe(group.id);
    expect(await saveProviderConfigAction(null, form({ ...aws, onPremGroupId: "rack" }))).toMatchObject({
      ok: false,
      fieldErrors: { onPremGroupId: ["Choose Cloud or an on-prem group."] },
    });

    const azure = {
      workspaceId: seeded.ws.id,
      kind: "azure",
      tenantId: "00000000-0000-0000-0000-0000000000aa",
      clientId: "11111111-2222-3333-4444-555555555555",
      vaultUrl: "https://keyhold-demo.vault.azure.net",
    };
    expect(await saveProviderConfigAction(null, form({ ...azure, onPremGroupId: "", clientSecret: "s", confirmReplace: "true" }))).toMatchObject({ ok: true });
    expect((await getProviderConfig(seeded.wsActor))?.onPremGroupId).toBeNull();
    // The client secret is bound to the connection type: moving to a group without re-entering it is refused.
    expect(await saveProviderConfigAction(null, form({ ...azure, onPremGroupId: group.id }))).toMatchObject({
      ok: false,
      fieldErrors: { clientSecret: [expect.stringContaining("never sent by another connection type")] },
    });
    expect(await saveProviderConfigAction(null, form({ ...azure, onPremGroupId: group.id, clientSecret: "s" }))).toMatchObject({ ok: true });
    expect((await getProviderConfig(seeded.wsActor))?.onPremGroupId).toBe(group.id);
  });
});
