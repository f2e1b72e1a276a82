// The call-counting hook over both paths (in process and over the control API), against the Vault emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callDelta, countCalls, countCallsOverHttp } from "./count-calls";
import { demoFixture, startVaultEmulator, type RunningVaultEmulator } from "./vault";

let vault: RunningVaultEmulator;
beforeAll(async () => {
  vault = await startVaultEmulator({ fixture: demoFixture });
});
afterAll(() => vault.close());

const login = () =>
  fetch(`${vault.url}/v1/auth/approle/login`, { method: "POST", body: JSON.stringify({ role_id: "demo-role-id", secret_id: "demo-secret-id" }) });

describe("countCalls", () => {
  it("reports only the calls the action caused, faulted ones included, without resetting the counters", async () => {
    await login();
    vault.injectFault({ kind: "throttle", operation: "read" });
    const { calls } = await countCalls(vault, async () => {
      const token = ((await (await login()).json()) as { auth: { client_token: string } }).auth.client_token;
      for (let i = 0; i < 2; i++) await fetch(`${vault.url}/v1/secret/data/prod/db`, { headers: { "X-Vault-Token": token } });
    });
    expect(calls).toEqual({ login: 1, read: 2 });
    expect(vault.calls()).toEqual({ login: 2, read: 2 });
    const overHttp = await countCallsOverHttp(vault.url, async () => void (await login()));
    expect(overHttp.calls).toEqual({ login: 1 });
  });

  it("callDelta drops operations that did not move", () => {
    expect(callDelta({ a: 1, b: 2 }, { a: 1, b: 5, c: 1 })).toEqual({ b: 3, c: 1 });
  });
});
