// The Azure metadata reader against the emulator: version properties without values (listVersions per
// secret, or the vault listing when that costs fewer calls), expiry, disabled versions, not-found, and a
// principal that may read values but not list metadata.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAzureEmulator, type AzureFixture, type RunningAzureEmulator } from "@/e2e/emulators/azure";
import { trustTestCa } from "@/e2e/emulators/azure/trust-test-ca";
import { resetEmulator } from "@/e2e/emulators/reset";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { ProviderConfig, SecretRef } from "@/lib/secrets/types";
import { createAzureProvider } from "./index";

const TENANT = "00000000-0000-0000-0000-0000000000aa";
const APP = "11111111-2222-3333-4444-555555555555";
const fixture: AzureFixture = {
  tenants: [{ id: TENANT, apps: [{ clientId: APP, secrets: [{ value: "test-client-secret" }] }] }],
  vaults: [
    {
      name: "keyhold-meta",
      tenantId: TENANT,
      permissionModel: "rbac",
      roleAssignments: [{ principal: APP, role: "Key Vault Secrets User" }],
      secrets: [
        { name: "db-password", versions: [{ value: "old" }, { value: "current" }] },
        ...Array.from({ length: 40 }, (_, i) => ({ name: `bulk-${String(i).padStart(2, "0")}`, versions: [{ value: `b${i}` }] })),
      ],
    },
  ],
};

let emulator: RunningAzureEmulator;
let untrust: () => void;
const savedProxy = process.env.HTTPS_PROXY;

function provider() {
  const config: Extract<ProviderConfig, { kind: "azure" }> = {
    kind: "azure",
    owner: { workspaceId: 1 },
    settings: { tenantId: TENANT, clientId: APP, vaultUrl: "https://keyhold-meta.vault.azure.net" },
    auth: { clientSecret: "test-client-secret" },
  };
  return createAzureProvider(config, { authorityHost: "https://login.microsoftonline.com", retryPolicy: { baseDelayMs: 5, maxDelayMs: 20 } });
}
const ref = (name: string): SecretRef => ({ kind: "azure", name });
const DB = ref("db-password");

beforeAll(async () => {
  emulator = await startAzureEmulator({ fixture });
  untrust = trustTestCa(emulator.caCertPem);
  process.env.HTTPS_PROXY = emulator.proxyUrl;
});
afterAll(async () => {
  if (savedProxy === undefined) delete process.env.HTTPS_PROXY;
  else process.env.HTTPS_PROXY = savedProxy;
  untrust?.();
  await emulator?.close();
});
beforeEach(() => resetEmulator(emulator));

describe("Azure metadata reader", () => {
  it("one listVersions per secret for a few secrets, and never getSecret", async () => {
    const p = provider();
    const report = await p.readMetadata!([DB, ref("bulk-01")]);
    expect(report.strategy).toBe("versions");
    expect(report.calls).toEqual({ listVersions: 2 });
    expect(emulator.calls().getSecret ?? 0).toBe(0);
    expect(report.results.get(secretVersionKey(DB))).toMatchObject({ ok: true, metadata: { exists: true, enabled: true } });
  });

  it("sees a new version, an expiry and a disabled current version", async () => {
    const p = provider();
    const before = (await p.readMetadata!([DB])).results.get(secretVersionKey(DB));
    await new Promise((r) => setTimeout(r, 1_100)); // Key Vault's times are in seconds
    emulator.setState({ op: "setSecret", name: "db-password", value: "rotated" });
    emulator.setState({ op: "setSecretAttributes", name: "db-password", expires: "2030-01-02T00:00:00Z" });
    emulator.setState({ op: "disableVersion", name: "db-password" });
    const after = (await p.readMetadata!([DB])).results.get(secretVersionKey(DB));
    if (!before?.ok || !after?.ok) throw new Error("expected metadata");
    expect(after.metadata.version).not.toBe(before.metadata.version);
    expect(after.metadata.expiresAt).toBe("2030-01-02T00:00:00.000Z");
    expect(after.metadata.enabled).toBe(false);
  });

  it("switches to the vault listing when its pages are fewer than the secrets in use", async () => {
    const p = provider();
    const refs = Array.from({ length: 30 }, (_, i) => ref(`bulk-${String(i).padStart(2, "0")}`));
    const first = await p.readMetadata!(refs);
    expect(first.strategy).toBe("list");
    expect(first.calls).toEqual({ listSecrets: 2 }); // 41 secrets, 25 a page
    const missing = await p.readMetadata!([...refs, ref("nope")]);
    expect(missing.results.get(secretVersionKey(ref("nope")))).toEqual({ ok: true, metadata: { exists: false } });
  });

  it("a principal with get but not list is refused metadata, naming the permission", async () => {
    emulator.setState({ op: "setPermissionModel", model: "accessPolicy" });
    emulator.setState({ op: "setAccessPolicy", principal: APP, secrets: ["get"] });
    const outcome = (await provider().readMetadata!([DB])).results.get(secretVersionKey(DB));
    if (!outcome || outcome.ok) throw new Error("expected a denial");
    expect(outcome.error.category).toBe("authorization");
    expect(`${outcome.error.permission} ${outcome.error.message}`).toMatch(/list/);
  });
});
