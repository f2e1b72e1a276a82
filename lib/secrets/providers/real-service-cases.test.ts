// Answers real services give that a first emulator did not model (docs/errors.md): each played by the
// emulator's fault or state, through the provider's unmodified SDK, and the message and fix the admin sees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startProviderHarness, type EmulatedProvider, type ProviderHarness } from "@/e2e/emulators/provider-harness";
import type { SecretsError } from "@/lib/secrets/errors";
import type { ProviderKind, SecretRef } from "@/lib/secrets/types";

let harness: ProviderHarness;

beforeAll(async () => {
  harness = await startProviderHarness();
}, 60_000);
afterAll(() => harness?.stop());
beforeEach(() => harness.reset());

const of = (kind: ProviderKind): EmulatedProvider => harness.providers.find((p) => p.kind === kind)!;

async function failure(p: EmulatedProvider, ref: SecretRef = p.ref): Promise<SecretsError> {
  const [outcome] = (await p.provider().fetchSecrets([ref])).values();
  if (!outcome || outcome.ok) throw new Error("expected a failure");
  return outcome.error;
}

const everything = (e: SecretsError) => [e.message, e.fix, e.command ?? "", e.snippet ?? ""].join("\n");

describe("Azure Key Vault", () => {
  it("ForbiddenByConnection gives network advice (private endpoint, public network access), not an RBAC command", async () => {
    of("azure").emulator.injectFault({ kind: "forbidden_by_connection", operation: "getSecret" });
    const error = await failure(of("azure"));
    expect(error).toMatchObject({ code: "azure_forbidden_by_connection", category: "authorization", retryable: false });
    expect(error.message).toContain("public network access is disabled");
    expect(error.fix).toContain("private endpoint");
    expect(error.command).toContain("publicNetworkAccess");
    expect(everything(error)).not.toMatch(/az role assignment|Key Vault Secrets User/);
  });

  it("ForbiddenByPolicy explains the compound (on-behalf-of) access policy", async () => {
    of("azure").emulator.injectFault({ kind: "forbidden_by_policy", operation: "getSecret" });
    const error = await failure(of("azure"));
    expect(error).toMatchObject({ code: "azure_forbidden_by_policy", category: "authorization" });
    expect(error.message).toContain("on behalf of");
    expect(error.snippet).toBe("az keyvault set-policy --name keyhold-demo --spn 11111111-2222-3333-4444-555555555555 --secret-permissions get list");
  });

  it("an empty page that carries a nextLink neither ends the listing early nor repeats names", async () => {
    const p = of("azure").provider();
    const all = (await p.listSecrets({ pageSize: 100 })).items.map((i) => i.name);
    expect(all.length).toBeGreaterThan(2);
    const first = await p.listSecrets({ pageSize: 1 });
    of("azure").emulator.injectFault({ kind: "empty_page", operation: "listSecrets", count: 3 });
    const second = await p.listSecrets({ pageSize: 1, pageToken: first.nextPageToken });
    expect([...first.items, ...second.items].map((i) => i.name)).toEqual(all.slice(0, 2));
    expect(second.nextPageToken).toBeDefined();
    of("azure").emulator.injectFault({ kind: "empty_page", operation: "listSecrets", count: 2 });
    expect((await p.listSecrets({ pageSize: 100 })).items.map((i) => i.name)).toEqual(all);
  });
});

describe("Google Secret Manager", () => {
  it("SERVICE_DISABLED names the project from the error (the service account's own), with the enable command", async () => {
    of("gcp").emulator.injectFault({ kind: "service_disabled", consumerProject: "48151623420", count: 5 });
    const error = await failure(of("gcp"));
    expect(error).toMatchObject({ code: "gcp_service_disabled", category: "configuration" });
    expect(error.message).toContain("project 48151623420");
    expect(error.message).toContain("keyhold-demo");
    expect(error.command).toBe("gcloud services enable secretmanager.googleapis.com --project=48151623420");
    expect(of("gcp").emulator.calls().accessSecretVersion).toBe(1);
  });
});

describe("HashiCorp Vault KV v2", () => {
  it("a deleted latest version says when, and how to undelete or roll back, not 'not found'", async () => {
    const vault = harness.providers.find((p) => p.kind === "vault")!;
    const state = vault.emulator as unknown as { setState(m: object): void };
    state.setState({ op: "putSecret", mount: "secret", path: "prod/db", data: { password: "rotated" } });
    state.setState({ op: "deleteVersions", mount: "secret", path: "prod/db" });
    const error = await failure(vault);
    expect(error.code).toBe("vault_secret_deleted");
    expect(error.category).toBe("authorization");
    expect(error.message).toMatch(/^The latest version \(2\) of secret:prod\/db was deleted at \d{4}-\d\d-\d\dT/);
    expect(error.command).toBe("vault kv undelete -versions=2 secret/prod/db");
    expect(error.snippet).toBe("vault kv rollback -version=1 secret/prod/db");
    expect(error.fix).toContain("roll back");
  });

  it("a destroyed latest version says it cannot be undeleted", async () => {
    const vault = harness.providers.find((p) => p.kind === "vault")!;
    (vault.emulator as unknown as { setState(m: object): void }).setState({ op: "destroyVersions", mount: "secret", path: "prod/db" });
    const error = await failure(vault);
    expect(error.code).toBe("vault_secret_destroyed");
    expect(error.message).toContain("cannot be undeleted");
    expect(everything(error)).not.toContain("vault kv undelete");
  });
});

describe("page tokens", () => {
  it.each(["aws", "azure", "gcp", "vault"] as const)("%s: a token the listing did not issue is an invalid request (400), not an outage", async (kind) => {
    const p = of(kind);
    const error = await p
      .provider()
      .listSecrets({ pageToken: "bm90LWEtdG9rZW4" })
      .then(
        () => undefined,
        (err: SecretsError) => err,
      );
    expect(error).toMatchObject({ code: "invalid_request", category: "invalid_request", retryable: false });
    expect(error?.message).toContain("page token");
    expect(p.emulator.calls()[p.listOp] ?? 0).toBeLessThanOrEqual(1);
  });
});
