// Through the unmodified @azure/identity + @azure/keyvault-secrets, against the Azure emulator reached as
// HTTPS_PROXY under the real host names (login.microsoftonline.com, <vault>.vault.azure.net).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAzureEmulator, type AzureFixture, type RunningAzureEmulator } from "@/e2e/emulators/azure";
import { trustTestCa } from "@/e2e/emulators/azure/trust-test-ca";
import type { SecretsError } from "@/lib/secrets/errors";
import type { FetchOutcome, ProviderConfig, SecretRef } from "@/lib/secrets/types";
import { clearAzureClientCache, createAzureProvider, type AzureProviderDeps } from "./index";
import { encodePageToken } from "./paging";
import { resetEmulator } from "@/e2e/emulators/reset";

const TENANT = "00000000-0000-0000-0000-0000000000aa";
const ORPHAN_TENANT = "00000000-0000-0000-0000-0000000000cc";
const APP = "11111111-2222-3333-4444-555555555555";
const APP_SECRET = "test-client-secret";
const VAULT_URL = "https://keyhold-test.vault.azure.net";
const CANARY = "canary-7f3a9c1e-value-must-never-leak";
const OLD_VERSION = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

const fixture: AzureFixture = {
  tenants: [{ id: TENANT, apps: [{ clientId: APP, secrets: [{ value: APP_SECRET }] }] }],
  vaults: [
    {
      name: "keyhold-test",
      tenantId: TENANT,
      permissionModel: "rbac",
      roleAssignments: [{ principal: APP, role: "Key Vault Secrets User" }],
      accessPolicies: [{ principal: APP, secrets: ["list"] }],
      secrets: [
        { name: "db-password", versions: [{ id: OLD_VERSION, value: "old-password" }, { value: "current-password" }] },
        { name: "api-token", versions: [{ value: "token-1" }] },
        { name: "canary", versions: [{ value: CANARY }] },
        ...Array.from({ length: 30 }, (_, i) => ({ name: `bulk-${String(i).padStart(2, "0")}`, versions: [{ value: `b${i}` }] })),
      ],
    },
    // A vault whose tenant Entra does not know: the only way a token request reaches an unknown tenant.
    { name: "keyhold-orphan", tenantId: ORPHAN_TENANT, permissionModel: "rbac", secrets: [] },
  ],
};

let emulator: RunningAzureEmulator;
let untrust: () => void;
const savedProxy = process.env.HTTPS_PROXY;
const fast: AzureProviderDeps = { authorityHost: "https://login.microsoftonline.com", retryPolicy: { baseDelayMs: 5, maxDelayMs: 20 } };

/** The first backoff already passes the deadline, so the first retryable error is the one reported. */
const oneAttempt: AzureProviderDeps = {
  ...fast,
  retryPolicy: { overallTimeoutMs: 3_000, baseDelayMs: 3_000, maxDelayMs: 3_000 },
  random: () => 1,
};

function provider(overrides: Partial<{ tenantId: string; clientId: string; vaultUrl: string; clientSecret: string }> = {}, deps = fast) {
  const config: Extract<ProviderConfig, { kind: "azure" }> = {
    kind: "azure",
    owner: { workspaceId: 1 },
    settings: { tenantId: overrides.tenantId ?? TENANT, clientId: overrides.clientId ?? APP, vaultUrl: overrides.vaultUrl ?? VAULT_URL },
    auth: { clientSecret: overrides.clientSecret ?? APP_SECRET },
  };
  return createAzureProvider(config, deps);
}

const ref = (name: string, version?: string): SecretRef => ({ kind: "azure", name, ...(version ? { version } : {}) });

async function fetchOne(name: string, version?: string, p = provider()): Promise<FetchOutcome> {
  const results = await p.fetchSecrets([ref(name, version)]);
  const outcome = [...results.values()][0];
  if (!outcome) throw new Error("no outcome");
  return outcome;
}

async function failure(name: string, version?: string, p = provider()): Promise<SecretsError> {
  const outcome = await fetchOne(name, version, p);
  if (outcome.ok) throw new Error(`expected ${name} to fail`);
  return outcome.error;
}

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

beforeEach(() => {
  clearAzureClientCache();
  resetEmulator(emulator);
});

afterEach(() => emulator.clearFaults());

describe("Azure Key Vault provider", () => {
  it("fetches the current version and an explicit version, one call per distinct version", async () => {
    const results = await provider().fetchSecrets([ref("db-password"), ref("db-password"), ref("db-password", OLD_VERSION)]);
    expect(results.get("azure:db-password@current")).toEqual({ ok: true, payload: { text: "current-password" } });
    expect(results.get(`azure:db-password@${OLD_VERSION}`)).toEqual({ ok: true, payload: { text: "old-password" } });
    expect(emulator.calls()).toMatchObject({ token: 1, getSecret: 2 });
  });

  it("lists names page by page with tokens, filters by prefix, and tests the connection", async () => {
    const p = provider();
    const names: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await p.listSecrets({ pageSize: 10, pageToken });
      expect(page.items.length).toBeLessThanOrEqual(10);
      names.push(...page.items.map((i) => i.name));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(names).toHaveLength(33);
    expect(new Set(names).size).toBe(33);
    expect(names).toContain("db-password");

    const first = await p.listSecrets({ prefix: "BULK-2", pageSize: 4 });
    expect(first.items.map((i) => i.name)).toEqual(["bulk-20", "bulk-21", "bulk-22", "bulk-23"]);
    const second = await p.listSecrets({ prefix: "bulk-2", pageSize: 4, pageToken: first.nextPageToken });
    expect(second.items.map((i) => i.name)).toEqual(["bulk-24", "bulk-25", "bulk-26", "bulk-27"]);

    const tested = await p.test();
    expect(tested.secretCount).toBe(25);
    expect(tested.identity).toContain(APP);
  });

  it("refuses a page token that points anywhere but this vault's listing", async () => {
    const forged = encodePageToken({ link: "https://attacker.example/secrets?api-version=7.5", offset: 0 });
    await expect(provider().listSecrets({ pageToken: forged })).rejects.toMatchObject({ code: "invalid_request", category: "invalid_request" });
    expect(emulator.calls().listSecrets ?? 0).toBe(0);
  });

  it("reports a missing secret with the closest names", async () => {
    const error = await failure("db-pasword");
    expect(error.code).toBe("not_found");
    expect(error.suggestions).toEqual(["db-password"]);
    expect(error.message).toContain("db-password");
    expect(error.reference).toBe("{{workato:sm:db-pasword}}");
    expect(error.command).toBe('az keyvault secret list --vault-name keyhold-test --query "[].name" -o tsv');
  });
});

describe("Azure Key Vault provider: sign-in and permission failures", () => {
  it("names an expired client secret", async () => {
    emulator.setState({ op: "expireClientSecret", clientId: APP });
    const error = await failure("db-password");
    expect(error.code).toBe("azure_client_secret_expired");
    expect(error.category).toBe("authentication");
    expect(error.command).toContain(`az ad app credential list --id ${APP}`);
  });

  it("names a wrong client secret, and never echoes it", async () => {
    const wrong = "wrong-secret-canary-2b9d";
    const error = await failure("db-password", undefined, provider({ clientSecret: wrong }));
    expect(error.code).toBe("azure_invalid_client");
    expect(JSON.stringify(error.toJSON())).not.toContain(wrong);
  });

  it("names an unknown app, a tenant that does not own the vault, and an unknown tenant", async () => {
    const noApp = await failure("db-password", undefined, provider({ clientId: "11111111-2222-3333-4444-000000000000" }));
    expect(noApp).toMatchObject({ code: "azure_unknown_tenant" });
    expect(noApp.message).toContain("AADSTS700016");

    const otherTenant = await failure("db-password", undefined, provider({ tenantId: "00000000-0000-0000-0000-0000000000BB" }));
    expect(otherTenant.code).toBe("azure_unknown_tenant");
    expect(otherTenant.message).toContain(`belongs to directory (tenant) ${TENANT}`);

    const orphan = await failure("x", undefined, provider({ tenantId: ORPHAN_TENANT, vaultUrl: "https://keyhold-orphan.vault.azure.net" }));
    expect(orphan.code).toBe("azure_unknown_tenant");
    expect(orphan.message).toContain("AADSTS90002");
  });

  it("explains a missing RBAC role as Key Vault Secrets User", async () => {
    emulator.setState({ op: "setRoleAssignments", principal: APP, roles: [] });
    const error = await failure("db-password");
    expect(error.code).toBe("azure_forbidden_rbac");
    expect(error.category).toBe("authorization");
    expect(error.message).toContain('"Key Vault Secrets User"');
    expect(error.permission).toBe("Microsoft.KeyVault/vaults/secrets/getSecret/action");
    expect(error.command).toBe(`az role assignment list --assignee ${APP} --all`);
  });

  it("explains a refused listing (Test) by the vault's error code, not the SDK's pager message", async () => {
    emulator.setState({ op: "setRoleAssignments", principal: APP, roles: [] });
    const { steps } = await provider().test();
    // The vault answered 403 only after accepting the token: the token step passed, the listing failed.
    expect(steps.map((s) => [s.kind, s.status])).toEqual([
      ["auth", "ok"],
      ["list", "failed"],
      ["read", "skipped"],
    ]);
    const error = steps[1]!.error;
    expect(error?.code).toBe("azure_forbidden_rbac");
    expect(error?.message).toContain('"Key Vault Secrets User"');
    expect(error?.message).not.toContain("Pagination failed");
  });

  it("a reader role may list but not read values", async () => {
    emulator.setState({ op: "setRoleAssignments", principal: APP, roles: ["Key Vault Reader"] });
    const p = provider();
    expect((await p.listSecrets({ pageSize: 5 })).items).toHaveLength(5);
    expect((await failure("db-password", undefined, p)).code).toBe("azure_forbidden_rbac");
  });

  it("Test fails for a reader role: token ✓, list ✓, get ✗ naming the get permission", async () => {
    emulator.setState({ op: "setRoleAssignments", principal: APP, roles: ["Key Vault Reader"] });
    const result = await provider().test({ reads: [{ kind: "azure", name: "db-password" }] });
    expect(result.steps.map((s) => [s.label, s.status])).toEqual([
      ["Get a token", "ok"],
      ["List secrets", "ok"],
      ["Read db-password", "failed"],
    ]);
    expect(result.steps[2]).toMatchObject({ needs: expect.stringContaining("getSecret/action on db-password"), error: { code: "azure_forbidden_rbac" } });
    expect(JSON.stringify(result)).not.toContain(CANARY);
  });

  it("explains a missing Get permission under access policies", async () => {
    emulator.setState({ op: "setPermissionModel", model: "accessPolicy" });
    const p = provider();
    expect((await p.listSecrets({ pageSize: 5 })).items).toHaveLength(5);
    const error = await failure("db-password", undefined, p);
    expect(error.code).toBe("azure_forbidden_access_policy");
    expect(error.permission).toBe("secrets/get");
    expect(error.message).toContain("Get");
    expect(error.snippet).toContain("--secret-permissions get list");
  });

  it("explains the vault firewall", async () => {
    emulator.setState({ op: "setFirewall", denies: true });
    const error = await failure("db-password");
    expect(error.code).toBe("azure_forbidden_firewall");
    expect(error.message).toContain("127.0.0.1");
    expect(error.command).toBe("az keyvault network-rule list --name keyhold-test");
  });
});

describe("Azure Key Vault provider: versions, retries and leaks", () => {
  it("fails on a disabled current version without falling back to an older one", async () => {
    emulator.setState({ op: "disableVersion", name: "db-password" });
    const error = await failure("db-password");
    expect(error.code).toBe("version_disabled");
    expect(error.message).toContain("db-password");
    expect(emulator.calls().getSecret).toBe(1);
    // The older version is still enabled and readable when asked for explicitly.
    expect(await fetchOne("db-password", OLD_VERSION)).toEqual({ ok: true, payload: { text: "old-password" } });
  });

  it("retries throttling and then succeeds", async () => {
    emulator.injectFault({ kind: "throttle", operation: "getSecret", count: 2 });
    expect(await fetchOne("api-token")).toEqual({ ok: true, payload: { text: "token-1" } });
    expect(emulator.calls().getSecret).toBe(3);
  });

  it("times out a hung vault within the policy's deadline", async () => {
    emulator.injectFault({ kind: "latency", operation: "getSecret", count: 100, delayMs: 3_000 });
    const started = Date.now();
    const error = await failure(
      "api-token",
      undefined,
      provider({}, { ...fast, retryPolicy: { attemptTimeoutMs: 150, overallTimeoutMs: 400, baseDelayMs: 5, maxDelayMs: 10 } }),
    );
    expect(error.code).toBe("timeout");
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports server errors and dropped connections as unavailable (retryable)", async () => {
    const short = oneAttempt;
    emulator.injectFault({ kind: "server_error", operation: "getSecret", count: 100 });
    expect(await failure("api-token", undefined, provider({}, short))).toMatchObject({ code: "unavailable", category: "unavailable", retryable: true });
    emulator.clearFaults();
    emulator.injectFault({ kind: "drop", operation: "getSecret", count: 100 });
    expect(await failure("api-token", undefined, provider({}, short))).toMatchObject({ code: "unavailable" });
  });

  it("refuses a vault URL that is not an https vault URI", async () => {
    const error = await failure("db-password", undefined, provider({ vaultUrl: "http://keyhold-test.vault.azure.net/secrets" }));
    expect(error.code).toBe("invalid_configuration");
  });

  it("never puts a secret value in an error about that secret", async () => {
    const p = provider();
    expect(await fetchOne("canary", undefined, p)).toEqual({ ok: true, payload: { text: CANARY } });
    const errors: SecretsError[] = [];
    emulator.setState({ op: "disableVersion", name: "canary" });
    errors.push(await failure("canary", undefined, p));
    emulator.setState({ op: "reset" });
    emulator.setState({ op: "setRoleAssignments", principal: APP, roles: [] });
    errors.push(await failure("canary", undefined, p));
    emulator.setState({ op: "reset" });
    errors.push(await failure("canary", "ffffffffffffffffffffffffffffffff", p));
    emulator.injectFault({ kind: "server_error", operation: "getSecret", count: 100 });
    errors.push(await failure("canary", undefined, provider({}, oneAttempt)));
    expect(errors.map((e) => e.code)).toEqual(["version_disabled", "azure_forbidden_rbac", "not_found", "unavailable"]);
    for (const error of errors) {
      expect(JSON.stringify(error.toJSON())).not.toContain(CANARY);
      expect(String(error.stack)).not.toContain(CANARY);
    }
  });
});
