// Cloud profiles through an agent (docs/agent.md) with a REAL agent process: a Vault configuration whose
// connection type is an on-prem group resolves a reference through the agent, while the console's own egress
// policy refuses the Vault address (loopback stands in for "inside the customer's network"). The agent
// forwards only to origins its own config allows; an allowed origin it cannot reach is "Vault unavailable";
// a killed agent is a clear error naming the group. The
// canary (a secret value in Vault) is in the console's memory only: never in the agent's log, never in the
// AgentJob rows (forwarded results are sealed and wiped once read), never in the database files.
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgentConsole, type AgentConsole } from "@/e2e/support/agent-console";
import { type AgentProcess, spawnAgent, until } from "@/e2e/support/agent-process";
import type { RunningVaultEmulator } from "@/e2e/emulators/vault";
import { demoWith, startDemoVault, vaultRef } from "@/e2e/emulators/vault/testing";
import { db } from "@/lib/db";
import { createAgentKey, createOnPremGroup, describeOnPremGroups } from "@/lib/data/onprem-groups";
import { getProviderConfig, saveProviderConfig } from "@/lib/data/provider-configs";
import { createCheckedProvider } from "@/lib/services/secrets/provider-egress";
import { providerHandle } from "@/lib/services/secrets/runtime";
import { testProviderConfig } from "@/lib/services/secrets/provider-test";
import { databaseFilesContain } from "@/lib/testing/database-files";
import { seedWorkspace } from "@/lib/testing/seed-actors";

const CANARY = "vaultViaAgentCanary7c41e";
/** The canary as it appears inside base64 text at any of the three alignments (a forwarded body is base64). */
const CANARY_FORMS = [
  CANARY,
  ...[0, 1, 2].map((i) =>
    Buffer.from("\0".repeat(i) + CANARY)
      .toString("base64")
      .slice(i ? 4 : 0, -4),
  ),
];
const SECRET_ID = "demo-secret-id";

let vault: RunningVaultEmulator;
let consoleApi: AgentConsole;
let agent: AgentProcess | null = null;
let configFile = "";
let agentKey = "";

function writeAgentConfig(allow: string[]) {
  writeFileSync(configFile, `console:\n  url: ${consoleApi.url}\nforward:\n  allow:\n${allow.map((o) => `    - ${o}\n`).join("")}`);
}

function startAgent() {
  agent = spawnAgent(configFile, { KEYHOLD_AGENT_KEY: agentKey });
}

beforeAll(async () => {
  vault = await startDemoVault(demoWith((f) => (f.mounts.secret!.secrets!["onprem/db"] = { password: CANARY })));
  consoleApi = await startAgentConsole();
  configFile = join(mkdtempSync(join(tmpdir(), "keyhold-agent-vault-")), "config.yml");
}, 60_000);

afterAll(async () => {
  agent?.child.kill("SIGKILL");
  await consoleApi?.close();
  await vault?.close();
});

/** A loopback origin with nothing listening. */
async function closedOrigin(): Promise<string> {
  const spare = http.createServer();
  await new Promise<void>((r) => spare.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(spare.address() as AddressInfo).port}`;
  await new Promise((r) => spare.close(r));
  return origin;
}

const vaultSettings = (address: string) => ({ address, approleMount: "approle", roleId: "demo-role-id", roleName: "keyhold-demo" });

async function fetchThroughConsole(wsActor: Parameters<typeof getProviderConfig>[0]) {
  const config = (await getProviderConfig(wsActor))!;
  const handle = await providerHandle(config.id, config.revision);
  const outcome = [...(await handle.provider.fetchSecrets([vaultRef("secret", "onprem/db")])).values()][0]!;
  return outcome;
}

describe("a Vault configuration routed through an on-prem group", () => {
  it("resolves through a real agent the console may not reach itself; refuses other origins; fails clearly when the agent is gone", async () => {
    const { ws, wsActor } = await seedWorkspace(); // egress: public addresses only, so loopback is refused
    const group = await createOnPremGroup(wsActor, "datacenter");
    agentKey = (await createAgentKey(wsActor, group.id, "rack 1")).key;
    await saveProviderConfig(wsActor, { kind: "vault", settings: vaultSettings(vault.url), auth: { secretId: SECRET_ID }, onPremGroupId: group.id });

    // Control: the same address from the console directly is refused by the egress policy.
    const direct = createCheckedProvider({ kind: "vault", owner: { workspaceId: ws.id }, settings: vaultSettings(vault.url), auth: { secretId: SECRET_ID } });
    await expect(direct.test()).rejects.toMatchObject({ code: "invalid_configuration", message: expect.stringContaining("loopback") });

    // No agent yet: at once, an error of its own naming the group.
    const started = Date.now();
    const none = await fetchThroughConsole(wsActor);
    expect(none).toMatchObject({ ok: false, error: { code: "agent_unavailable", message: expect.stringContaining('"datacenter"') } });
    expect(Date.now() - started).toBeLessThan(3_000);

    const closed = await closedOrigin();
    writeAgentConfig([vault.url, closed]);
    startAgent();
    const connected = async () => (await describeOnPremGroups(wsActor))[0]!.agents.find((a) => a.connected);
    await until("the agent to connect", connected, () => agent);

    const resolved = await fetchThroughConsole(wsActor);
    expect(resolved).toMatchObject({ ok: true });
    expect(JSON.parse((resolved as { payload: { text: string } }).payload.text)).toEqual({ password: CANARY });
    const tested = await testProviderConfig(wsActor);
    expect(tested.ok).toBe(true);
    expect(tested.identity).toContain("keyhold-demo");

    // The agent forwards only to the origins its own config lists: the same Vault by another name is refused.
    const otherName = vault.url.replace("127.0.0.1", "localhost");
    await saveProviderConfig(wsActor, { kind: "vault", settings: vaultSettings(otherName), auth: { secretId: SECRET_ID }, onPremGroupId: group.id });
    const refused = await fetchThroughConsole(wsActor);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "invalid_configuration", message: expect.stringContaining(`${otherName}: add it under forward.allow`) },
    });
    // An allowed origin the agent cannot reach: Vault unavailable, in the console's words, after its own retries.
    await saveProviderConfig(wsActor, { kind: "vault", settings: vaultSettings(closed), auth: { secretId: SECRET_ID }, onPremGroupId: group.id });
    expect(await fetchThroughConsole(wsActor)).toMatchObject({
      ok: false,
      error: { code: "unavailable", message: expect.stringContaining(`The agent could not reach ${closed} (ECONNREFUSED)`) },
    });
    await saveProviderConfig(wsActor, { kind: "vault", settings: vaultSettings(vault.url), auth: { secretId: SECRET_ID }, onPremGroupId: group.id });
    expect(await fetchThroughConsole(wsActor)).toMatchObject({ ok: true });

    agent!.child.kill("SIGKILL");
    await until(
      "the group to show disconnected",
      async () => !(await connected()),
      () => agent,
      6_000,
    );
    const gone = await fetchThroughConsole(wsActor);
    expect(gone).toMatchObject({ ok: false, error: { code: "agent_unavailable", message: expect.stringContaining('"datacenter"') } });

    // The canary: nowhere but the console's memory.
    for (const form of CANARY_FORMS) expect(agent!.output.join("")).not.toContain(form);
    expect(agent!.output.join("")).not.toContain(SECRET_ID);
    const jobs = await db.agentJob.findMany({ where: { workspaceId: ws.id } });
    expect(jobs.filter((j) => j.kind === "http.forward" && j.status === "done").length).toBeGreaterThan(3);
    expect(jobs.every((j) => j.ciphertext === null && j.wrappedDataKey === null)).toBe(true); // sealed results wiped once read
    const rows = JSON.stringify(jobs, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : v));
    for (const form of CANARY_FORMS) {
      expect(rows).not.toContain(form);
      expect(await databaseFilesContain(form), form).toBe(false);
    }
    const audit = await db.auditEvent.findMany({ where: { workspaceId: ws.id, action: "agent.job.created" } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(CANARY);
  }, 90_000);
});
