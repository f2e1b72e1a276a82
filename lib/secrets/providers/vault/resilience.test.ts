// The Vault provider under adverse conditions, against the emulator through node-vault: tokens that die,
// throttling, slow or broken servers, a sealed Vault, namespaces, and secret values that must never leak.
import { afterEach, describe, expect, it } from "vitest";
import type { RunningVaultEmulator } from "@/e2e/emulators/vault";
import { demoWith, FAST_RETRIES, startDemoVault, vaultConfig, vaultRef } from "@/e2e/emulators/vault/testing";
import type { FetchOutcome } from "@/lib/secrets/types";
import { createVaultProvider, forgetVaultSessions } from "./index";

let vault: RunningVaultEmulator | undefined;

// The first backoff already passes the deadline: one attempt, and its own error comes back (not a timeout).
const NO_TIME_TO_RETRY = { retryPolicy: { baseDelayMs: 1_000, maxDelayMs: 1_000, overallTimeoutMs: 500 }, random: () => 1 };

afterEach(async () => {
  forgetVaultSessions();
  await vault?.close();
  vault = undefined;
});

async function fetchOne(provider: ReturnType<typeof createVaultProvider>, engine = "secret", path = "prod/db"): Promise<FetchOutcome> {
  const [outcome] = (await provider.fetchSecrets([vaultRef(engine, path)])).values();
  if (!outcome) throw new Error("no outcome");
  return outcome;
}

describe("tokens", () => {
  it("logs in again transparently when Vault no longer accepts the token", async () => {
    vault = await startDemoVault();
    const provider = createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES });
    expect((await fetchOne(provider)).ok).toBe(true);
    vault.setState({ op: "revokeTokens" });

    expect((await fetchOne(provider, "secret", "prod/api")).ok).toBe(true);
    expect(vault.calls().login).toBe(2);
  });

  it("logs in again before the token's lease ends, without waiting for a refusal", async () => {
    vault = await startDemoVault();
    let now = Date.now();
    const provider = createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES, now: () => now });
    await fetchOne(provider);
    now += 3_000_000; // the demo role's tokens last 3600 s; renewal is due a minute before the end
    await fetchOne(provider);
    expect(vault.calls()).toMatchObject({ login: 1 });
    now += 600_000;
    await fetchOne(provider);
    expect(vault.calls()).toMatchObject({ login: 2, read: 3 });
  });

  it("reports a policy denial after one fresh login, not a loop", async () => {
    vault = await startDemoVault();
    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: [{ path: "secret/metadata/*", capabilities: ["list"] }] });
    const outcome = await fetchOne(createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES }));
    expect(outcome).toMatchObject({ ok: false, error: { code: "vault_permission_denied" } });
    expect(vault.calls()).toEqual({ login: 1, mounts: 1, read: 1 });
  });
});

describe("outages", () => {
  it("retries throttling, then succeeds", async () => {
    vault = await startDemoVault();
    vault.injectFault({ kind: "throttle", operation: "read", count: 2 });
    const outcome = await fetchOne(createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES }));
    expect(outcome.ok).toBe(true);
    expect(vault.calls().read).toBe(3);
  });

  it("surfaces throttling that outlasts the deadline as a retryable throttled error", async () => {
    vault = await startDemoVault();
    vault.injectFault({ kind: "throttle", count: 1_000 });
    const outcome = await fetchOne(createVaultProvider(vaultConfig(vault), NO_TIME_TO_RETRY));
    expect(outcome).toMatchObject({ ok: false, error: { code: "throttled", category: "unavailable", retryable: true } });
  });

  it("retries a 500 and a dropped connection", async () => {
    vault = await startDemoVault();
    vault.injectFault({ kind: "server_error", operation: "login" });
    vault.injectFault({ kind: "drop", operation: "read" });
    const outcome = await fetchOne(createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES }));
    expect(outcome.ok).toBe(true);
    expect(vault.calls()).toMatchObject({ login: 2, read: 2 });
  });

  it("does not hang past the deadline when Vault stalls", async () => {
    vault = await startDemoVault();
    vault.injectFault({ kind: "latency", operation: "read", delayMs: 5_000, count: 100 });
    const started = Date.now();
    const outcome = await fetchOne(
      createVaultProvider(vaultConfig(vault), { retryPolicy: { attemptTimeoutMs: 150, overallTimeoutMs: 1_000, baseDelayMs: 1 } }),
    );
    const elapsed = Date.now() - started;
    expect(outcome).toMatchObject({ ok: false, error: { code: "timeout", category: "unavailable", retryable: true } });
    expect(elapsed).toBeLessThan(1_500);
    expect(vault.calls().read).toBeGreaterThanOrEqual(2);
  });

  it("says Vault is sealed", async () => {
    vault = await startDemoVault();
    vault.setState({ op: "seal" });
    const outcome = await fetchOne(createVaultProvider(vaultConfig(vault), NO_TIME_TO_RETRY));
    expect(outcome).toMatchObject({ ok: false, error: { code: "unavailable", retryable: true } });
    expect(!outcome.ok && outcome.error.message).toContain("Vault is sealed");
  });
});

describe("namespaces", () => {
  it("sends X-Vault-Namespace and finds nothing without it", async () => {
    vault = await startDemoVault(demoWith((f) => (f.namespace = "team-a")));
    const inNamespace = await fetchOne(createVaultProvider(vaultConfig(vault, { namespace: "team-a" }), { retryPolicy: FAST_RETRIES }));
    expect(inNamespace.ok).toBe(true);

    const outside = await fetchOne(createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES }));
    expect(outside).toMatchObject({ ok: false, error: { code: "vault_login_failed" } });
    expect(!outside.ok && outside.error.message).toContain("auth/approle");
  });

  it("puts the namespace in the suggested commands", async () => {
    vault = await startDemoVault(demoWith((f) => (f.namespace = "team-a")));
    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: [{ path: "secret/metadata/*", capabilities: ["list"] }] });
    const outcome = await fetchOne(createVaultProvider(vaultConfig(vault, { namespace: "team-a" }), { retryPolicy: FAST_RETRIES }));
    expect(!outcome.ok && outcome.error.command).toBe(
      "vault read -namespace=team-a auth/approle/role/keyhold-demo\nvault policy read -namespace=team-a keyhold-read",
    );
  });
});

describe("secret values never leak", () => {
  const CANARY = "canary-7f3a9c-DO-NOT-LEAK";

  it("keeps values and the secret ID out of every error and listing", async () => {
    vault = await startDemoVault(
      demoWith((f) => {
        f.mounts.secret!.secrets!["prod/canary"] = { password: CANARY };
        f.auth.approle!.roles["keyhold-demo"]!.secretIds.push({ id: `${CANARY}-sid` });
      }),
    );
    const seen: unknown[] = [];
    // The outage below ends at once here: no outage hold, so the next calls reach Vault again.
    const provider = createVaultProvider(vaultConfig(vault, {}, `${CANARY}-sid`), {
      retryPolicy: { ...FAST_RETRIES, overallTimeoutMs: 100, outageHoldMs: 0 },
    });
    expect(await fetchOne(provider, "secret", "prod/canary")).toMatchObject({ ok: true });
    seen.push(await provider.listSecrets({ includeKeys: true }), await provider.test());

    vault.injectFault({ kind: "server_error", count: 1_000 });
    seen.push(await fetchOne(provider, "secret", "prod/canary"));
    vault.clearFaults();
    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: [{ path: "secret/metadata/*", capabilities: ["list"] }] });
    seen.push(await fetchOne(provider, "secret", "prod/canary"), await fetchOne(provider, "secret", "prod/canaryy"));
    vault.setState({ op: "revokeTokens" });
    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: [] });
    seen.push(await provider.listSecrets().catch((e: unknown) => e));

    const wrongSecretId = createVaultProvider(vaultConfig(vault, {}, `${CANARY}-wrong`), { retryPolicy: FAST_RETRIES });
    seen.push(await fetchOne(wrongSecretId));

    const text = JSON.stringify(seen, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message } : v));
    expect(text).toContain("vault_permission_denied");
    expect(text).toContain("vault_login_failed");
    expect(text).not.toContain(CANARY);
  });
});
