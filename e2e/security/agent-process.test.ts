// The on-prem agent end to end with a REAL agent process (docs/agent.md): the target PostgreSQL is refused by
// the console's egress policy (it stands in for "behind the firewall") but reached by the agent, which
// resolves the profile's `{ secret }` fields from an AWS emulator with its own environment, not the console's.
// The canary (the database password) never reaches the console: not the report, not the database files, not
// the agent API's answers, not the agent's logs. Killing the agent shows the group disconnected within 5 s and
// fails tests clearly; a restarted agent works again; SIGTERM exits cleanly.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgentConsole, type AgentConsole } from "@/e2e/support/agent-console";
import { type AgentProcess, spawnAgent, until } from "@/e2e/support/agent-process";
import { startAwsEmulator, type RunningAwsEmulator } from "@/e2e/emulators/aws";
import { createConnection } from "@/lib/data/connections";
import { createAgentKey, createOnPremGroup, describeOnPremGroups } from "@/lib/data/onprem-groups";
import { runConnectionTest } from "@/lib/services/connections/test-connection";
import { databaseFilesContain } from "@/lib/testing/database-files";
import { startPostgresCluster } from "@/lib/testing/postgres-cluster";
import { seedWorkspace } from "@/lib/testing/seed-actors";

const CANARY = "agentCanary5d9e01x";
const AGENT_ACCOUNT = { accountId: "444455556666", accessKeyId: "AKIAONPREMAGENT00001", secretAccessKey: "onPremAgentSecretKey/NotARealAwsKey00001" };

let aws: RunningAwsEmulator;
let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
let consoleApi: AgentConsole;
let agent: AgentProcess | null = null;
let configFile = "";
let agentKey = "";

function startAgent() {
  // The agent's own environment: its key and its AWS identity; nothing of the console's configuration.
  agent = spawnAgent(configFile, {
    KEYHOLD_AGENT_KEY: agentKey,
    AWS_ENDPOINT_URL: aws.url,
    AWS_ACCESS_KEY_ID: AGENT_ACCOUNT.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AGENT_ACCOUNT.secretAccessKey,
    AWS_CONFIG_FILE: "/nonexistent/agent-aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/agent-aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
  });
  return agent;
}

beforeAll(async () => {
  cluster = await startPostgresCluster({ password: CANARY });
  const admin = new URL(cluster.adminUrl);
  const secret = (name: string, secretString: string) => ({ name, region: "us-west-1", accountId: AGENT_ACCOUNT.accountId, secretString });
  aws = await startAwsEmulator({
    port: 0,
    fixture: {
      platform: { ...AGENT_ACCOUNT, userName: "onprem-agent", permissions: [{ actions: ["secretsmanager:GetSecretValue"], resources: ["*"] }] },
      roles: [],
      secrets: [secret("/opa/sales/username", decodeURIComponent(admin.username)), secret("/opa/sales/password", CANARY)],
    },
  });
  consoleApi = await startAgentConsole();
  configFile = join(mkdtempSync(join(tmpdir(), "keyhold-agent-")), "config.yml");
  writeFileSync(
    configFile,
    `console:
  url: ${consoleApi.url}
secrets:
  provider: aws
  region: us-west-1
database:
  sales:
    adapter: postgresql
    host: 127.0.0.1
    port: ${admin.port}
    database: postgres
    username: { secret: '/opa/sales/username' }
    password: { secret: '/opa/sales/password' }
    sslMode: disable
`,
  );
}, 90_000);

afterAll(async () => {
  agent?.child.kill("SIGKILL");
  await consoleApi?.close();
  await aws?.close();
  await cluster?.stop();
});

describe("a real agent process", () => {
  it("tests a connection the console may not reach, with secrets only the agent resolves; survives a kill and a restart", async () => {
    const { ws, wsActor, projects, projectActor } = await seedWorkspace(); // egress: public addresses only
    const actor = projectActor(projects[0]!.id);
    const group = await createOnPremGroup(wsActor, "datacenter");
    agentKey = (await createAgentKey(wsActor, group.id, "rack 1")).key;
    const port = Number(new URL(cluster.adminUrl).port);
    const direct = await createConnection(actor, {
      name: "Sales (cloud)",
      type: "postgres",
      settings: { host: "127.0.0.1", port, database: "postgres", sslMode: "disable" },
      credentials: { user: { mode: "set", value: "postgres" }, password: { mode: "set", value: "not-the-password" } },
    });
    const viaAgent = await createConnection(actor, {
      name: "Sales (on-prem)",
      type: "postgres",
      settings: { onPremGroupId: group.id, profile: "sales" },
      credentials: {},
    });

    expect((await runConnectionTest(actor, direct)).target?.message).toMatch(/loopback/);
    const noAgent = await runConnectionTest(actor, viaAgent);
    expect(noAgent.ok).toBe(false);
    expect(noAgent.target?.message).toContain('No agent of on-prem group "datacenter" is connected');

    startAgent();
    const connected = async () => (await describeOnPremGroups(wsActor))[0]!.agents.find((a) => a.connected);
    const live = await until("the agent to connect", connected, () => agent);
    expect(live.profiles.map((p) => p.name)).toEqual(["sales"]);

    const report = await runConnectionTest(actor, viaAgent);
    expect(report.target?.message).toMatch(/^Connected to PostgreSQL/);
    expect(report.ok).toBe(true);
    expect(report.agent?.steps.map((s) => s.step)).toEqual(["username: secret /opa/sales/username", "password: secret /opa/sales/password", "target"]);

    const killedAt = Date.now();
    agent!.child.kill("SIGKILL");
    await until(
      "the group to show disconnected",
      async () => !(await connected()),
      () => agent,
      5_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    const afterKill = await runConnectionTest(actor, viaAgent);
    expect(afterKill.ok).toBe(false);
    expect(afterKill.target?.message).toContain('"datacenter"');

    startAgent();
    await until("the agent to reconnect", connected, () => agent);
    expect((await runConnectionTest(actor, viaAgent)).ok).toBe(true);

    // The canary never left the agent.
    const reports = JSON.stringify([report, afterKill]);
    expect(reports).not.toContain(CANARY);
    expect(consoleApi.responses.join("\n")).not.toContain(CANARY);
    expect(await databaseFilesContain(CANARY)).toBe(false);
    expect(agent!.output.join("")).not.toContain(CANARY);
    const audit = await import("@/lib/db").then(({ db }) => db.auditEvent.findMany({ where: { workspaceId: ws.id } }));
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["agent.connected", "agent.job.created", "agent.job.result"]));

    // SIGTERM: a clean exit that says goodbye (disconnected at once, not after the stale timeout).
    const exited = new Promise<number | null>((r) => agent!.child.once("exit", (code) => r(code)));
    agent!.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await connected()).toBeUndefined();
  }, 90_000);
});
