// Contract tests through the real node-vault client against the Vault emulator: reads (KV v1 and v2),
// listing, and the errors docs/errors.md "Troubleshooting" asks for.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningVaultEmulator } from "@/e2e/emulators/vault";
import { demoWith, FAST_RETRIES, startDemoVault, vaultConfig, vaultRef } from "@/e2e/emulators/vault/testing";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome } from "@/lib/secrets/types";
import { createVaultProvider, forgetVaultSessions } from "./index";

let vault: RunningVaultEmulator;

beforeEach(async () => {
  vault = await startDemoVault();
});
afterEach(async () => {
  forgetVaultSessions();
  await vault.close();
});

const provider = (settings = {}, secretId?: string) => createVaultProvider(vaultConfig(vault, settings, secretId), { retryPolicy: FAST_RETRIES });

function errorOf(outcome: FetchOutcome | undefined) {
  if (!outcome || outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe("fetchSecrets", () => {
  it("reads KV v2 and KV v1 secrets, detecting each mount's version once", async () => {
    const refs = [vaultRef("secret", "prod/db", "username"), vaultRef("secret", "prod/db"), vaultRef("kv1", "legacy/db")];
    const results = await provider().fetchSecrets(refs);

    expect(results.size).toBe(2);
    expect(results.get(secretVersionKey(refs[0]!))).toEqual({
      ok: true,
      payload: { text: JSON.stringify({ username: "keyhold_demo", password: "demo-db-password" }) },
    });
    expect(results.get(secretVersionKey(refs[2]!))).toEqual({
      ok: true,
      payload: { text: JSON.stringify({ password: "demo-legacy-password" }) },
    });
    expect(vault.calls()).toEqual({ login: 1, mounts: 2, read: 2 });
  });

  it("reuses the token and the detected versions across calls", async () => {
    const p = provider();
    await p.fetchSecrets([vaultRef("secret", "prod/db")]);
    await p.fetchSecrets([vaultRef("secret", "prod/api")]);
    expect(vault.calls()).toEqual({ login: 1, mounts: 1, read: 2 });
  });

  it("sees a rotated value on the next fetch", async () => {
    const p = provider();
    await p.fetchSecrets([vaultRef("secret", "prod/db")]);
    vault.setState({ op: "putSecret", mount: "secret", path: "prod/db", data: { username: "u", password: "rotated" } });
    const [outcome] = (await p.fetchSecrets([vaultRef("secret", "prod/db")])).values();
    expect(outcome).toEqual({ ok: true, payload: { text: JSON.stringify({ username: "u", password: "rotated" }) } });
  });

  it("reports a missing secret with the closest names of its folder", async () => {
    const [outcome] = (await provider().fetchSecrets([vaultRef("secret", "prod/dbb")])).values();
    const error = errorOf(outcome);
    expect(error).toMatchObject({ code: "not_found", category: "authorization", reference: "secret:prod/dbb" });
    expect(error.suggestions).toEqual(["prod/db"]);
    expect(error.message).toBe("Secret not found: secret:prod/dbb. Closest names: prod/db.");
    expect(error.command).toBe("vault kv list -mount=secret prod/");
  });

  it("names the read capability and the exact policy path when the policy lacks read", async () => {
    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: 'path "secret/*" { capabilities = ["list"] }' });
    const [outcome] = (await provider().fetchSecrets([vaultRef("secret", "prod/db")])).values();
    const error = errorOf(outcome);
    expect(error).toMatchObject({ code: "vault_permission_denied", category: "authorization", permission: "read" });
    expect(error.message).toContain('"read" on secret/data/prod/db');
    expect(error.snippet).toBe('path "secret/data/prod/db" {\n  capabilities = ["read"]\n}');
    expect(error.command).toBe("vault read auth/approle/role/keyhold-demo\nvault policy read keyhold-read");
  });

  it("uses the KV v1 path (no data/) in a v1 policy denial", async () => {
    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: [{ path: "secret/*", capabilities: ["read", "list"] }] });
    const [outcome] = (await provider().fetchSecrets([vaultRef("kv1", "legacy/db")])).values();
    expect(errorOf(outcome)).toMatchObject({ code: "vault_engine_not_found" });

    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: [{ path: "kv1/other/*", capabilities: ["read"] }] });
    const [again] = (await provider().fetchSecrets([vaultRef("kv1", "legacy/db")])).values();
    expect(errorOf(again).message).toContain('"read" on kv1/legacy/db');
  });

  it("explains an engine path that matches no KV mount, listing the ones it can see", async () => {
    const results = await provider().fetchSecrets([vaultRef("secrets", "prod/db"), vaultRef("secrets", "prod/api")]);
    const error = errorOf([...results.values()][0]);
    expect(error).toMatchObject({ code: "vault_engine_not_found", category: "authorization" });
    expect(error.suggestions).toEqual(["secret", "kv1"]);
    expect(error.message).toContain("KV engines this AppRole can see: secret/, kv1/.");
    expect(error.command).toContain("vault read auth/approle/role/keyhold-demo");
    expect(vault.calls().mounts).toBe(2); // one lookup for the engine, one listing; not one per reference
  });

  it("points at the real mount when the engine is a folder inside it", async () => {
    const [outcome] = (await provider().fetchSecrets([vaultRef("secret/prod", "db")])).values();
    expect(errorOf(outcome)).toMatchObject({ code: "vault_engine_not_found", suggestions: ["secret"] });
  });
});

describe("fetchSecrets: login failures", () => {
  it("fails the login on a bad secret ID with the role command, for every reference", async () => {
    const results = await provider({ roleName: undefined }, "not-the-secret-id").fetchSecrets([vaultRef("secret", "prod/db"), vaultRef("kv1", "legacy/db")]);
    for (const outcome of results.values()) {
      expect(errorOf(outcome)).toMatchObject({
        code: "vault_login_failed",
        category: "authentication",
        command: "vault read auth/approle/role/<role name>",
      });
    }
    expect(vault.calls().login).toBe(1);
  });

  it("fails the login when the secret ID has expired", async () => {
    await vault.close();
    vault = await startDemoVault(demoWith((f) => f.auth.approle!.roles["keyhold-demo"]!.secretIds.push({ id: "old", expiresAt: "2020-01-01T00:00:00Z" })));
    const [outcome] = (await provider({}, "old").fetchSecrets([vaultRef("secret", "prod/db")])).values();
    expect(errorOf(outcome).message).toContain("invalid role ID or secret ID");
  });

  it("fails the login with the mount path named when no AppRole answers there", async () => {
    const [outcome] = (await provider({ approleMount: "approle-typo" }).fetchSecrets([vaultRef("secret", "prod/db")])).values();
    expect(errorOf(outcome)).toMatchObject({ code: "vault_login_failed", command: "vault read auth/approle-typo/role/keyhold-demo" });
  });
});

describe("listSecrets and test", () => {
  it("walks the visible KV mounts, skipping one it may not list", async () => {
    const page = await provider().listSecrets({ includeKeys: true });
    expect(page.items).toEqual([
      expect.objectContaining({ id: "secret:prod/api", name: "prod/api", keys: ["token"] }),
      expect.objectContaining({ id: "secret:prod/db", name: "prod/db", keys: ["username", "password"] }),
    ]);
    expect(page.items[0]?.updatedAt).toMatch(/^\d{4}-/);
    expect(page.nextPageToken).toBeUndefined();
  });

  it("pages and filters by prefix", async () => {
    const first = await provider().listSecrets({ pageSize: 1 });
    expect(first.items.map((i) => i.id)).toEqual(["secret:prod/api"]);
    const second = await provider().listSecrets({ pageSize: 1, pageToken: first.nextPageToken });
    expect(second.items.map((i) => i.id)).toEqual(["secret:prod/db"]);
    expect((await provider().listSecrets({ prefix: "secret:prod/d" })).items.map((i) => i.id)).toEqual(["secret:prod/db"]);
  });

  it("fails listing naming the list capability and the metadata path when no mount may be listed", async () => {
    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: [{ path: "secret/*", capabilities: ["read"] }] });
    const error = await provider()
      .listSecrets()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "vault_permission_denied", permission: "list" });
    expect((error as Error).message).toContain('"list" on secret/metadata/');
    expect((error as { snippet: string }).snippet).toBe('path "secret/metadata/*" {\n  capabilities = ["list"]\n}');
  });

  it("Test fails when the AppRole may list but not read: login ✓, list ✓, read ✗ naming the read capability", async () => {
    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: [{ path: "secret/metadata/*", capabilities: ["list"] }] });
    const result = await provider().test({ reads: [vaultRef("secret", "prod/db")] });
    expect(result.steps.map((s) => [s.label, s.status])).toEqual([
      ["Log in with AppRole", "ok"],
      ["List secrets", "ok"],
      ["Read secret/prod/db", "failed"],
    ]);
    expect(result.steps[2]).toMatchObject({
      needs: "the read capability on secret/data/prod/db (KV v2) or secret/prod/db (KV v1)",
      error: { code: "vault_permission_denied" },
    });
  });

  it("test() logs in, lists and describes the identity", async () => {
    const result = await provider().test();
    expect(result).toMatchObject({
      secretCount: 2,
      sampleNames: ["secret:prod/api", "secret:prod/db"],
      identity: 'AppRole "keyhold-demo" at auth/approle (policies: default, keyhold-read)',
    });
    expect(result.steps.map((s) => [s.label, s.status])).toEqual([
      ["Log in with AppRole", "ok"],
      ["List secrets", "ok"],
      ["Read a secret", "skipped"],
    ]);
  });
});
