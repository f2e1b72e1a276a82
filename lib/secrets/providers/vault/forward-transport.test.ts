// The Vault provider over an injected `forward` (cloud profiles, docs/agent.md): the same provider code runs
// unchanged (login, KV detection, reads), a 3xx is refused rather than followed, and retries stay here: a
// forwarded request that failed is sent again by the console's retry policy, one forward per attempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningVaultEmulator } from "@/e2e/emulators/vault";
import { FAST_RETRIES, startDemoVault, vaultConfig, vaultRef } from "@/e2e/emulators/vault/testing";
import { agentUnavailable, unavailable } from "@/lib/secrets/errors";
import { createVaultProvider, forgetVaultSessions, type ForwardedRequest, type HttpForward } from "./index";

let vault: RunningVaultEmulator;
beforeAll(async () => {
  vault = await startDemoVault();
});
afterAll(async () => {
  forgetVaultSessions();
  await vault?.close();
});

/** A forward that sends the request itself, as an agent would. */
const direct: HttpForward = async (req) => {
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body ? Buffer.from(req.body) : undefined, redirect: "manual" });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: new Uint8Array(await res.arrayBuffer()) };
};

function recording(send: HttpForward) {
  const requests: ForwardedRequest[] = [];
  const forward: HttpForward = (req) => {
    requests.push(req);
    return send(req);
  };
  return { requests, forward };
}

describe("the Vault provider through a forward function", () => {
  it("logs in and reads through it, with the same results as over its own sockets", async () => {
    const { requests, forward } = recording(direct);
    const provider = createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES, forward: { route: "test:1", send: forward } });
    const outcome = [...(await provider.fetchSecrets([vaultRef("secret", "prod/db")])).values()][0];
    expect(outcome).toMatchObject({ ok: true });
    expect(JSON.parse((outcome as { payload: { text: string } }).payload.text)).toMatchObject({ password: "demo-db-password" });
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toContain("POST /v1/auth/approle/login");
    expect(requests.every((r) => r.url.startsWith(vault.url) && r.timeoutMs > 0)).toBe(true);
  });

  it("refuses a redirect the forwarded answer carries", async () => {
    const { forward } = recording(async () => ({
      status: 307,
      headers: { location: "https://attacker.example/v1/auth/approle/login" },
      body: new Uint8Array(),
    }));
    const provider = createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES, forward: { route: "test:2", send: forward } });
    await expect(provider.test()).rejects.toMatchObject({
      code: "invalid_configuration",
      message: expect.stringContaining("redirected to https://attacker.example/v1/auth/approle/login"),
    });
  });

  it("retries an unavailable forward under the console's policy, and passes the agent's own error through untouched", async () => {
    let failures = 2;
    const flaky = recording(async (req) => (failures-- > 0 ? Promise.reject(unavailable("HashiCorp Vault", "the agent could not reach it")) : direct(req)));
    const provider = createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES, forward: { route: "test:3", send: flaky.forward } });
    expect([...(await provider.fetchSecrets([vaultRef("secret", "prod/db")])).values()][0]).toMatchObject({ ok: true });
    expect(flaky.requests.filter((r) => r.url.endsWith("/auth/approle/login"))).toHaveLength(3);

    const gone = recording(async () => Promise.reject(agentUnavailable('No agent of on-prem group "dc" is connected.')));
    const none = createVaultProvider(vaultConfig(vault), { retryPolicy: FAST_RETRIES, forward: { route: "test:4", send: gone.forward } });
    const outcome = [...(await none.fetchSecrets([vaultRef("secret", "prod/db")])).values()][0];
    expect(outcome).toMatchObject({ ok: false, error: { code: "agent_unavailable", message: expect.stringContaining('"dc"') } });
    expect(gone.requests).toHaveLength(1); // not retryable: no agent is not fixed by asking again at once
  });
});
