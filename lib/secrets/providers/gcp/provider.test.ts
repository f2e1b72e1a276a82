// The provider through the unmodified @google-cloud/secret-manager client against the local emulator.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGcpEmulator, type RunningGcpEmulator } from "@/e2e/emulators/gcp/gcp-emulator";
import { demoFixture, serviceAccountJsonFor } from "@/e2e/emulators/gcp/fixture";
import { SecretsError } from "@/lib/secrets/errors";
import type { FetchOutcome, SecretsProvider } from "@/lib/secrets/types";
import { createGcpProvider } from "./index";
import { resetEmulator } from "@/e2e/emulators/reset";

const SA = "keyhold@keyhold-demo.iam.gserviceaccount.com";
const FAST = { attemptTimeoutMs: 2_000, overallTimeoutMs: 6_000, baseDelayMs: 5, maxDelayMs: 20 };
let emu: RunningGcpEmulator;

beforeAll(async () => {
  emu = await startGcpEmulator({ fixture: demoFixture });
});
afterAll(() => emu.close());
beforeEach(() => resetEmulator(emu));

function provider(overrides: { serviceAccountJson?: string; retryPolicy?: typeof FAST } = {}): SecretsProvider {
  return createGcpProvider(
    {
      kind: "gcp",
      owner: { workspaceId: 1 },
      settings: { projectId: "keyhold-demo" },
      auth: { serviceAccountJson: overrides.serviceAccountJson ?? serviceAccountJsonFor(demoFixture, emu.url) },
    },
    { apiEndpoint: emu.url, retryPolicy: overrides.retryPolicy ?? FAST },
  );
}

async function fetchOne(p: SecretsProvider, secretId: string, version?: string): Promise<FetchOutcome> {
  const results = await p.fetchSecrets([{ kind: "gcp", secretId, version }]);
  const outcome = results.get(`gcp:${secretId}@${version ?? "latest"}`);
  if (!outcome) throw new Error("no outcome");
  return outcome;
}

async function failure(p: SecretsProvider, secretId: string, version?: string): Promise<SecretsError> {
  const outcome = await fetchOne(p, secretId, version);
  if (outcome.ok) throw new Error(`expected ${secretId} to fail`);
  return outcome.error;
}

describe("Google Secret Manager provider", () => {
  it("reads the latest version, an explicit version, and each distinct version once", async () => {
    const p = provider();
    const results = await p.fetchSecrets([
      { kind: "gcp", secretId: "db-password" },
      { kind: "gcp", secretId: "db-password", version: "1" },
      { kind: "gcp", secretId: "db-password" },
    ]);
    expect(results.get("gcp:db-password@latest")).toEqual({ ok: true, payload: { text: "demo-db-password-v2" } });
    expect(results.get("gcp:db-password@1")).toEqual({ ok: true, payload: { text: "demo-db-password-v1" } });
    expect(emu.calls().accessSecretVersion).toBe(2);
  });

  it("sees a rotation, and returns non-UTF-8 payloads as binary", async () => {
    emu.setState({ op: "addVersion", secretId: "stripe-key", value: "rotated-value" });
    emu.setState({ op: "createSecret", secretId: "tls-der", accessors: [SA] });
    emu.setState({ op: "addVersion", secretId: "tls-der", valueBase64: Buffer.from([0x30, 0x82, 0xff, 0xfe]).toString("base64") });
    const p = provider();
    expect(await fetchOne(p, "stripe-key")).toEqual({ ok: true, payload: { text: "rotated-value" } });
    expect(await fetchOne(p, "tls-der")).toEqual({ ok: true, payload: { binary: new Uint8Array([0x30, 0x82, 0xff, 0xfe]) } });
  });

  it("lists secrets by page and by prefix, with JSON key names but no values", async () => {
    const p = provider();
    const first = await p.listSecrets({ pageSize: 2 });
    expect(first.items.map((i) => i.id)).toEqual(["api-token", "db-password"]);
    expect(first.nextPageToken).toBeTruthy();
    const second = await p.listSecrets({ pageSize: 2, pageToken: first.nextPageToken });
    expect(second).toEqual({ items: [{ id: "stripe-key", name: "stripe-key" }], nextPageToken: undefined });
    expect((await p.listSecrets({ prefix: "db" })).items.map((i) => i.id)).toEqual(["db-password"]);
    // Google's name filter matches anywhere; a prefix must not.
    expect((await p.listSecrets({ prefix: "token" })).items).toEqual([]);
    const withKeys = await p.listSecrets({ prefix: "api", includeKeys: true });
    expect(withKeys.items).toEqual([{ id: "api-token", name: "api-token", keys: ["token", "user"] }]);
    expect(JSON.stringify(withKeys)).not.toContain("demo-api-token");
  });

  it("test() authenticates and lists", async () => {
    const result = await provider().test();
    expect(result).toMatchObject({
      secretCount: 3,
      sampleNames: ["api-token", "db-password", "stripe-key"],
      identity: `Service account ${SA} in project keyhold-demo`,
    });
    expect(result.steps.map((s) => [s.label, s.status])).toEqual([
      ["Get a token", "ok"],
      ["List secrets", "ok"],
      ["Read a secret", "skipped"],
    ]);
  });

  it("Test reads the named secrets: access ✓ for one, ✗ naming versions.access for one the account may only list", async () => {
    emu.setState({ op: "setAccessors", secretId: "db-password", members: [] });
    const result = await provider().test({
      reads: [
        { kind: "gcp", secretId: "api-token" },
        { kind: "gcp", secretId: "db-password" },
      ],
    });
    expect(result.steps.map((s) => [s.label, s.status])).toEqual([
      ["Get a token", "ok"],
      ["List secrets", "ok"],
      ["Read api-token", "ok"],
      ["Read db-password", "failed"],
    ]);
    expect(result.steps[2]!.detail).toBe("Read a JSON secret with 2 keys; the value stays on the server.");
    expect(result.steps[3]).toMatchObject({
      needs: "secretmanager.versions.access on projects/keyhold-demo/secrets/db-password",
      error: { code: "gcp_permission_denied" },
    });
  });

  it("names the closest ids for a missing secret, whether Google says 404 or 'denied (or it may not exist)'", async () => {
    const p = provider();
    const denied = await failure(p, "db-pasword");
    expect(denied.code).toBe("not_found");
    expect(denied.suggestions).toContain("db-password");
    expect(denied.command).toBe("gcloud secrets versions access latest --secret db-pasword --project keyhold-demo");
    emu.setState({ op: "setProjectBinding", role: "roles/secretmanager.secretAccessor", members: [SA] });
    const missing = await failure(p, "stripe_key");
    expect(missing.code).toBe("not_found");
    expect(missing.suggestions).toEqual(["stripe-key"]);
    expect((await failure(p, "db-password", "9")).code).toBe("not_found");
  });
});

describe("Google Secret Manager provider: failures", () => {
  it("reports a missing IAM binding as gcp_permission_denied naming the role and permission", async () => {
    emu.setState({ op: "setAccessors", secretId: "db-password", members: [] });
    const error = await failure(provider(), "db-password");
    expect(error.code).toBe("gcp_permission_denied");
    expect(error.category).toBe("authorization");
    expect(error.permission).toBe("secretmanager.versions.access");
    expect(error.message).toContain("roles/secretmanager.secretAccessor");
    expect(error.message).toContain(SA);
    expect(error.snippet).toContain(`add-iam-policy-binding db-password --project keyhold-demo --member serviceAccount:${SA}`);

    emu.setState({ op: "setProjectBinding", role: "roles/secretmanager.viewer", members: [] });
    const listError = await provider()
      .listSecrets()
      .catch((e: unknown) => e as SecretsError);
    expect(listError).toMatchObject({ code: "gcp_permission_denied", permission: "secretmanager.secrets.list" });
    // Without list permission a typo cannot be told from a missing grant: it stays "denied".
    expect((await failure(provider(), "db-pasword")).code).toBe("gcp_permission_denied");
  });

  it("reports a key Google does not know, or an unusable key file, as gcp_invalid_credentials", async () => {
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" });
    const json = JSON.stringify({ ...JSON.parse(serviceAccountJsonFor(demoFixture, emu.url)), private_key: stranger });
    const error = await failure(provider({ serviceAccountJson: json }), "db-password");
    expect(error).toMatchObject({ code: "gcp_invalid_credentials", category: "authentication", retryable: false });
    expect(error.command).toBe(`gcloud iam service-accounts keys list --iam-account ${SA} --project keyhold-demo`);
    await expect(provider({ serviceAccountJson: json }).test()).rejects.toMatchObject({ code: "gcp_invalid_credentials" });

    emu.resetCalls();
    const external = JSON.stringify({ type: "external_account", credential_source: { executable: { command: "/bin/true" } } });
    for (const bad of ["{not json", external, JSON.stringify({ type: "service_account", client_email: SA, private_key: "nope" })]) {
      await expect(provider({ serviceAccountJson: bad }).test()).rejects.toMatchObject({ code: "gcp_invalid_credentials" });
    }
    expect(emu.calls()).toEqual({});
  });

  it("fails a disabled or destroyed latest version without falling back", async () => {
    emu.setState({ op: "disableVersion", secretId: "db-password", version: "latest" });
    const p = provider();
    const error = await failure(p, "db-password");
    expect(error.code).toBe("version_disabled");
    expect(error.message).toContain("version 2");
    expect(emu.calls().accessSecretVersion).toBe(1);
    expect(await fetchOne(p, "db-password", "1")).toEqual({ ok: true, payload: { text: "demo-db-password-v1" } });
    emu.setState({ op: "destroyVersion", secretId: "stripe-key", version: 1 });
    expect(await failure(p, "stripe-key")).toMatchObject({ code: "version_disabled", message: expect.stringContaining("destroyed") });
  });

  it("retries throttling, 5xx and dropped connections, then succeeds", async () => {
    emu.injectFault({ kind: "throttle", operation: "accessSecretVersion" });
    emu.injectFault({ kind: "server_error", operation: "accessSecretVersion" });
    expect(await fetchOne(provider(), "api-token")).toMatchObject({ ok: true });
    emu.injectFault({ kind: "drop", operation: "accessSecretVersion" });
    expect(await fetchOne(provider(), "api-token")).toMatchObject({ ok: true });
    expect(emu.calls().accessSecretVersion).toBe(5);
  });

  it("gives up as unavailable when throttling outlasts the deadline", async () => {
    emu.injectFault({ kind: "throttle", count: 1_000 });
    const error = await failure(provider({ retryPolicy: { ...FAST, overallTimeoutMs: 300 } }), "api-token");
    // Throttled, or timed out if the deadline fell inside the last attempt's budget.
    expect(["throttled", "timeout"]).toContain(error.code);
    expect(error).toMatchObject({ category: "unavailable", retryable: true });
    expect(emu.calls().accessSecretVersion).toBeGreaterThan(1);
  });

  it("times out a provider that does not answer, within the policy", async () => {
    emu.injectFault({ kind: "latency", delayMs: 3_000, count: 100 });
    const started = Date.now();
    const error = await failure(provider({ retryPolicy: { ...FAST, attemptTimeoutMs: 150, overallTimeoutMs: 400 } }), "api-token");
    expect(error.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("never puts a secret value in an error", async () => {
    const canary = "CANARY-7f3a9c-do-not-leak";
    emu.setState({ op: "createSecret", secretId: "canary", accessors: [SA] });
    emu.setState({ op: "addVersion", secretId: "canary", value: JSON.stringify({ password: canary }) });
    const p = provider();
    expect(await fetchOne(p, "canary")).toEqual({ ok: true, payload: { text: JSON.stringify({ password: canary }) } });
    emu.setState({ op: "disableVersion", secretId: "canary", version: 1 });
    const errors = [await failure(p, "canary")];
    emu.setState({ op: "setAccessors", secretId: "canary", members: [] });
    errors.push(await failure(p, "canary"), await failure(p, "canary", "2"));
    for (const error of errors) {
      expect(error).toBeInstanceOf(SecretsError);
      expect(`${String(error)} ${error.stack} ${JSON.stringify(error.toJSON())}`).not.toContain(canary);
    }
  });
});
