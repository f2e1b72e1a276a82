// The Vault metadata reader against the emulator: KV v2 metadata/ only (never data/), versions, deletion,
// not-found, KV v1 untracked, and a metadata/ denial naming the path while data/ reads keep working.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningVaultEmulator } from "@/e2e/emulators/vault";
import { FAST_RETRIES, startDemoVault, vaultConfig, vaultRef } from "@/e2e/emulators/vault/testing";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { SecretRef } from "@/lib/secrets/types";
import { createVaultProvider, forgetVaultSessions } from "./index";

let vault: RunningVaultEmulator;
beforeEach(async () => {
  vault = await startDemoVault();
});
afterEach(async () => {
  forgetVaultSessions();
  await vault.close();
});

const provider = () => createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES });
const DB = vaultRef("secret", "prod/db");

async function one(ref: SecretRef) {
  const outcome = (await provider().readMetadata!([ref])).results.get(secretVersionKey(ref));
  if (!outcome) throw new Error("no outcome");
  return outcome;
}

describe("Vault metadata reader", () => {
  it("reads KV v2 metadata once per secret and never data/", async () => {
    const report = await provider().readMetadata!([DB, vaultRef("secret", "prod/db", "username"), vaultRef("secret", "prod/api")]);
    expect(report.calls).toEqual({ readMetadata: 2 });
    expect(vault.calls()).toEqual({ login: 1, mounts: 2, read: 2 });
    expect(report.results.get(secretVersionKey(DB))).toMatchObject({ ok: true, metadata: { exists: true, version: "1" } });
  });

  it("a new version moves current_version; a deleted current version is flagged", async () => {
    vault.setState({ op: "putSecret", mount: "secret", path: "prod/db", data: { password: "rotated" } });
    expect(await one(DB)).toMatchObject({ ok: true, metadata: { version: "2" } });
    vault.setState({ op: "deleteVersions", mount: "secret", path: "prod/db" });
    const deleted = await one(DB);
    expect(deleted.ok && deleted.metadata.destroyed).toBe(true);
    expect(deleted.ok && deleted.metadata.deletionAt).toBeTruthy();
  });

  it("a missing secret is exists: false; KV v1 is untracked", async () => {
    expect(await one(vaultRef("secret", "prod/nope"))).toEqual({ ok: true, metadata: { exists: false } });
    expect(await one(vaultRef("kv1", "legacy/db"))).toEqual({ ok: true, metadata: { exists: true, untracked: "kv_v1" } });
  });

  it("a policy without metadata/ is a denial naming that path, while the value still reads", async () => {
    vault.setState({
      op: "setPolicy",
      name: "keyhold-read",
      rules: [
        { path: "secret/data/*", capabilities: ["read"] },
        { path: "kv1/*", capabilities: ["read"] },
      ],
    });
    const outcome = await one(DB);
    if (outcome.ok) throw new Error("expected a denial");
    expect(outcome.error.category).toBe("authorization");
    expect(outcome.error.message).toContain("secret/metadata/prod/db");
    expect((await provider().fetchSecrets([DB])).get(secretVersionKey(DB))?.ok).toBe(true);
  });
});
