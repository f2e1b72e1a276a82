// Cloud profiles for AWS Secrets Manager and Azure Key Vault through a REAL agent process (docs/agent.md),
// one agent for both (one group, an AWS configuration on one project and an Azure one on the other).
// What stays in the console: AWS STS AssumeRole with the platform's own keys, and the Entra ID token request
// with the Azure client secret; only Secrets Manager and Key Vault requests are forwarded. Proven by counting:
// every Secrets Manager / Key Vault call the emulators saw is a forwarded job, and no forwarded payload names
// the platform's AWS keys, AssumeRole, the authority host or the client secret. The agent forwards only to
// origins its config lists. The canaries (secret values) are never in the agent's log, the AgentJob rows or
// the database files.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgentConsole, type AgentConsole } from "@/e2e/support/agent-console";
import { type AgentProcess, spawnAgent, until } from "@/e2e/support/agent-process";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, TEST_PLATFORM, testFixture } from "@/e2e/emulators/aws/test-fixture";
import { startAzureEmulator, type RunningAzureEmulator } from "@/e2e/emulators/azure";
import { loadAzureDemoFixture } from "@/e2e/emulators/azure/launcher";
import { trustTestCa } from "@/e2e/emulators/azure/trust-test-ca";
import { db } from "@/lib/db";
import { createAgentKey, createOnPremGroup, describeOnPremGroups } from "@/lib/data/onprem-groups";
import { loadProviderForUse, saveProviderConfig } from "@/lib/data/provider-configs";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import type { SecretRef } from "@/lib/secrets/types";
import { createCheckedProvider } from "@/lib/services/secrets/provider-egress";
import { databaseFilesContain } from "@/lib/testing/database-files";
import { seedWorkspace } from "@/lib/testing/seed-actors";

const AWS_CANARY = "awsViaAgentCanary3b9d2";
const AZURE_CANARY = "azureViaAgentCanary81f0c";
/** A canary as it appears inside base64 text at any of the three alignments (a forwarded body is base64). */
const formsOf = (canary: string) => [
  canary,
  ...[0, 1, 2].map((i) =>
    Buffer.from("\0".repeat(i) + canary)
      .toString("base64")
      .slice(i ? 4 : 0, -4),
  ),
];
const VAULT_URL = "https://keyhold-demo.vault.azure.net";
const AWS_REF: SecretRef = { kind: "aws", key: "password", arn: `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:onprem/db-Zz99Yy` };
const AZURE_REF: SecretRef = { kind: "azure", name: "db-password" };

let aws: AwsTestEnv;
let azure: RunningAzureEmulator;
let untrust: () => void;
let consoleApi: AgentConsole;
let agent: AgentProcess | null = null;
let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
let groupId = 0;
const saved = { proxy: process.env.HTTPS_PROXY };
const azureFixture = loadAzureDemoFixture();
const azureApp = azureFixture.tenants[0]!.apps[0]!;
const awsSettings = { roleArn: `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/keyhold-onprem`, region: "us-east-1" };
const azureSettings = (vaultUrl: string) => ({ tenantId: azureFixture.tenants[0]!.id, clientId: azureApp.clientId, vaultUrl });
const CLIENT_SECRET = azureApp.secrets[0]!.value;

beforeAll(async () => {
  seeded = await seedWorkspace("project");
  // The customer's role trusts the platform account with this project's External ID (as in production).
  const fixture = testFixture();
  const trusted = fixture.roles.find((r) => r.arn.endsWith("/keyhold-full"))!;
  fixture.roles.push({ ...trusted, arn: awsSettings.roleArn, externalId: externalIdFor({ workspaceId: seeded.ws.id, projectId: seeded.projects[0]!.id }) });
  fixture.secrets.push({
    name: "onprem/db",
    region: "us-east-1",
    accountId: CUSTOMER_ACCOUNT,
    arnSuffix: "Zz99Yy",
    secretString: JSON.stringify({ password: AWS_CANARY }),
  });
  aws = await startAwsTestEnv(fixture);
  azure = await startAzureEmulator({ fixture: azureFixture });
  azure.setState({ op: "setSecret", name: "db-password", value: AZURE_CANARY });
  untrust = trustTestCa(azure.caCertPem); // the console's Entra ID token requests, through the emulator's proxy
  process.env.HTTPS_PROXY = azure.proxyUrl;
  consoleApi = await startAgentConsole();

  const group = await createOnPremGroup(seeded.wsActor, "datacenter");
  groupId = group.id;
  const key = (await createAgentKey(seeded.wsActor, group.id, "rack 1")).key;
  const dir = mkdtempSync(join(tmpdir(), "keyhold-agent-cloud-"));
  const configFile = join(dir, "config.yml");
  writeFileSync(configFile, `console:\n  url: ${consoleApi.url}\nforward:\n  allow:\n    - ${aws.emulator.url}\n    - ${VAULT_URL}\n`);
  writeFileSync(join(dir, "ca.pem"), azure.caCertPem);
  // The agent's own network: Key Vault through the customer's proxy, trusted with its own CA file.
  agent = spawnAgent(configFile, { KEYHOLD_AGENT_KEY: key, HTTPS_PROXY: azure.proxyUrl, NODE_EXTRA_CA_CERTS: join(dir, "ca.pem") });
  await until(
    "the agent to connect",
    async () => (await describeOnPremGroups(seeded.wsActor))[0]!.agents.find((a) => a.connected),
    () => agent,
  );
}, 60_000);

afterAll(async () => {
  agent?.child.kill("SIGKILL");
  if (saved.proxy === undefined) delete process.env.HTTPS_PROXY;
  else process.env.HTTPS_PROXY = saved.proxy;
  untrust?.();
  await consoleApi?.close();
  await aws?.stop();
  await azure?.close();
});

async function readThrough(configId: number, ref: SecretRef) {
  const provider = createCheckedProvider(await loadProviderForUse(configId));
  return [...(await provider.fetchSecrets([ref])).values()][0]!;
}

/** The forwarded jobs of one configuration, from their audit events (the payloads themselves are wiped). */
async function forwardedJobs(configId: number) {
  const events = await db.auditEvent.findMany({ where: { workspaceId: seeded.ws.id, action: "agent.job.created" } });
  return events.map((e) => e.detail as Record<string, unknown>).filter((d) => d.providerConfig === configId);
}

async function leakChecks(forms: string[], extra: string[]) {
  const log = agent!.output.join("");
  const jobs = await db.agentJob.findMany({ where: { workspaceId: seeded.ws.id } });
  expect(jobs.every((j) => j.ciphertext === null && j.wrappedDataKey === null)).toBe(true); // sealed results wiped once read
  const rows = JSON.stringify(jobs, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : v));
  for (const form of [...forms, ...extra]) {
    expect(log).not.toContain(form);
    expect(rows).not.toContain(form);
  }
  for (const form of forms) expect(await databaseFilesContain(form), form).toBe(false);
}

describe("cloud profiles through an agent", () => {
  it("AWS: STS in the console, Secrets Manager through the agent; the platform's keys are never forwarded", async () => {
    const actor = seeded.projectActor(seeded.projects[0]!.id);
    const { id } = await saveProviderConfig(actor, { kind: "aws", settings: awsSettings, onPremGroupId: groupId });
    aws.emulator.resetCalls();
    consoleApi.responses.length = 0;

    const resolved = await readThrough(id, AWS_REF);
    expect(resolved).toMatchObject({ ok: true, payload: { text: JSON.stringify({ password: AWS_CANARY }) } });
    const calls = aws.emulator.calls();
    expect(calls.AssumeRole).toBe(1); // from the console, with the platform's keys
    const jobs = await forwardedJobs(id);
    const smCalls = Object.entries(calls).filter(([op]) => op !== "AssumeRole");
    expect(smCalls.length).toBeGreaterThan(0);
    // Every Secrets Manager call the emulator saw came through a job; AssumeRole never did.
    expect(jobs.map((j) => j.operation).sort()).toEqual(smCalls.flatMap(([op, n]) => Array(n).fill(`secretsmanager.${op}`)).sort());
    const sent = consoleApi.responses.join("\n");
    expect(sent).toContain("secretsmanager.");
    for (const never of [TEST_PLATFORM.accessKeyId, TEST_PLATFORM.secretAccessKey, "AssumeRole"]) expect(sent).not.toContain(never);

    // The agent forwards only to origins its config lists: the same emulator by another name is refused.
    process.env.AWS_ENDPOINT_URL = aws.emulator.url.replace("127.0.0.1", "localhost");
    try {
      expect(await readThrough(id, AWS_REF)).toMatchObject({
        ok: false,
        error: { code: "invalid_configuration", message: expect.stringContaining(`${process.env.AWS_ENDPOINT_URL}: add it under forward.allow`) },
      });
    } finally {
      process.env.AWS_ENDPOINT_URL = aws.emulator.url;
    }
    // A group with no agent connected: at once, an error naming the group (not a timeout).
    const empty = await createOnPremGroup(seeded.wsActor, "empty site");
    await saveProviderConfig(actor, { kind: "aws", settings: awsSettings, onPremGroupId: empty.id });
    const started = Date.now();
    expect(await readThrough(id, AWS_REF)).toMatchObject({ ok: false, error: { code: "agent_unavailable", message: expect.stringContaining('"empty site"') } });
    expect(Date.now() - started).toBeLessThan(3_000);
    await leakChecks(formsOf(AWS_CANARY), [TEST_PLATFORM.secretAccessKey]);
  }, 60_000);

  it("Azure: the Entra ID token in the console, Key Vault through the agent; the client secret is never forwarded", async () => {
    const actor = seeded.projectActor(seeded.projects[1]!.id);
    const { id } = await saveProviderConfig(actor, {
      kind: "azure",
      settings: azureSettings(VAULT_URL),
      auth: { clientSecret: CLIENT_SECRET },
      onPremGroupId: groupId,
    });
    azure.resetCalls();
    consoleApi.responses.length = 0;

    const resolved = await readThrough(id, AZURE_REF);
    expect(resolved).toMatchObject({ ok: true, payload: { text: AZURE_CANARY } });
    const calls = azure.calls();
    const jobs = await forwardedJobs(id);
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => String(j.path).startsWith("/secrets/"))).toBe(true);
    const tokenCalls = Object.entries(calls).filter(([op]) => /token/i.test(op));
    expect(tokenCalls.length).toBeGreaterThan(0); // from the console
    // Every Key Vault call the emulator saw came through a job.
    const vaultCalls = Object.entries(calls).filter(([op]) => !/token/i.test(op));
    expect(vaultCalls.reduce((n, [, c]) => n + c, 0)).toBe(jobs.length);
    const sent = consoleApi.responses.join("\n");
    expect(sent).toContain("/secrets/db-password");
    for (const never of [CLIENT_SECRET, "login.microsoftonline.com"]) expect(sent).not.toContain(never);

    // Another vault URL (a re-entered secret, as the binding requires) is refused by the agent's allow-list.
    await saveProviderConfig(actor, {
      kind: "azure",
      settings: azureSettings("https://other-vault.vault.azure.net"),
      auth: { clientSecret: CLIENT_SECRET },
      onPremGroupId: groupId,
    });
    expect(await readThrough(id, AZURE_REF)).toMatchObject({
      ok: false,
      error: { code: "invalid_configuration", message: expect.stringContaining("https://other-vault.vault.azure.net: add it under forward.allow") },
    });
    const empty = await createOnPremGroup(seeded.wsActor, "empty vault site");
    await saveProviderConfig(actor, { kind: "azure", settings: azureSettings(VAULT_URL), auth: { clientSecret: CLIENT_SECRET }, onPremGroupId: empty.id });
    expect(await readThrough(id, AZURE_REF)).toMatchObject({
      ok: false,
      error: { code: "agent_unavailable", message: expect.stringContaining('"empty vault site"') },
    });
    await leakChecks(formsOf(AZURE_CANARY), [CLIENT_SECRET]);
  }, 60_000);
});
