// Two console instances on one PostgreSQL (docs/agent.md): a connection test started on instance A (this test
// process) runs on a real agent connected only to instance B (another process with its own agent bus), so the
// job can only have reached B's waiting poll through LISTEN/NOTIFY, and B's result A's waiter the same way.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnection } from "@/lib/data/connections";
import { createAgentKey, createOnPremGroup, describeOnPremGroups } from "@/lib/data/onprem-groups";
import { runConnectionTest } from "@/lib/services/connections/test-connection";
import { seedWorkspace } from "@/lib/testing/seed-actors";

const children: ChildProcess[] = [];
let target: http.Server;
let targetHits = 0;

function spawnNode(args: string[], env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: process.cwd(),
    env: { NODE_ENV: "production", PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return child;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
    // The child's stderr holds tsx stack frames whose inline source maps Vitest cannot parse: keep the first lines.
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${err.split("\n").slice(0, 6).join(" | ")}`)));
  });
}

beforeAll(async () => {
  target = http.createServer((_req, res) => {
    targetHits++;
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
});

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await new Promise((r) => target.close(r));
});

describe("two console instances on one PostgreSQL", () => {
  it("runs a test started on instance A on an agent connected to instance B", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    const group = await createOnPremGroup(wsActor, "behind the firewall");
    const { key } = await createAgentKey(wsActor, group.id, "k");
    const instanceB = spawnNode(["--import", "./e2e/support/server-only-shim.ts", "e2e/support/agent-console-main.ts"], {
      DATABASE_URL: process.env.DATABASE_URL,
      MASTER_KEY: process.env.MASTER_KEY,
      LOG_LEVEL: "silent",
    });
    const { url } = JSON.parse(await firstLine(instanceB)) as { url: string };
    const configFile = join(mkdtempSync(join(tmpdir(), "keyhold-agent-")), "config.yml");
    const port = (target.address() as AddressInfo).port;
    writeFileSync(configFile, `console:\n  url: ${url}\nhttp:\n  status:\n    baseUrl: http://127.0.0.1:${port}\n    authKind: none\n`);
    const agent = spawnNode(["agent/main.ts", "--config", configFile], { KEYHOLD_AGENT_KEY: key });
    agent.stdout!.resume(); // drain its logs: an unread pipe would block the agent
    const deadline = Date.now() + 30_000;
    while (!(await describeOnPremGroups(wsActor))[0]!.agents.some((a) => a.connected)) {
      if (Date.now() > deadline) throw new Error("the agent did not connect to instance B");
      await new Promise((r) => setTimeout(r, 100));
    }
    const id = await createConnection(actor, { name: "Status", type: "http", settings: { onPremGroupId: group.id, profile: "status" }, credentials: {} });
    const report = await runConnectionTest(actor, id);
    expect(report.target?.message).toMatch(/200/);
    expect(report.ok).toBe(true);
    expect(targetHits).toBe(1);
  }, 90_000);
});
