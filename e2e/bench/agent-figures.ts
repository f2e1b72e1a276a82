// Figures 11a–11c: on-prem agents (docs/agent.md). The job round trip console → agent → console on loopback
// (a job the agent answers at once, so the figure is the protocol's own cost: create, wake the poll, claim, ack,
// result, wake the waiter), across two console instances when the database is PostgreSQL (LISTEN/NOTIFY both
// ways), and 100 concurrent connection tests through one agent (all complete, none lost).
// Runnable alone: `npx tsx --import ./e2e/support/server-only-shim.ts e2e/bench/agent-figures.ts` (SQLite).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { renderTable, type Row } from "./report";
import { median, ms, percentile } from "./stats";

const SAMPLES = Number(process.env.BENCH_AGENT_SAMPLES ?? 200);
const CONCURRENT = Number(process.env.BENCH_AGENT_CONCURRENT ?? 100);

/** stdout is piped only when read (a console instance's first line): an unread pipe would block the child's logs. */
function spawnNode(args: string[], env: Record<string, string | undefined>, readStdout = false): ChildProcess {
  const stdio = ["ignore", readStdout ? "pipe" : "ignore", "inherit"] as const;
  return spawn(process.execPath, ["--import", "tsx", ...args], { env: { NODE_ENV: "production", PATH: process.env.PATH, ...env }, stdio: [...stdio] });
}

async function untilConnected(actor: WorkspaceActor, groupId: number): Promise<void> {
  const { describeOnPremGroups } = await import("@/lib/data/onprem-groups");
  const deadline = Date.now() + 30_000;
  while (!(await describeOnPremGroups(actor)).find((g) => g.id === groupId)?.agents.some((a) => a.connected)) {
    if (Date.now() > deadline) throw new Error("the bench agent did not connect");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function roundTrips(workspaceId: number, groupId: number): Promise<number[]> {
  const { runAgentJob } = await import("@/lib/services/agent/dispatch");
  const job = () =>
    runAgentJob({
      workspaceId,
      groupId,
      kind: "connection.test",
      payload: { mode: "profile", type: "postgres", profile: "no-such-profile" },
      timeoutMs: 10_000,
      actorLabel: "bench",
      detail: {},
    });
  for (let i = 0; i < Math.min(10, SAMPLES); i++) await job(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await job();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** One agent with an HTTP profile to a local target, connected to the console at `consoleUrl`. */
async function startAgent(consoleUrl: string, key: string, targetPort: number): Promise<ChildProcess> {
  const file = join(mkdtempSync(join(tmpdir(), "keyhold-bench-agent-")), "config.yml");
  writeFileSync(file, `console:\n  url: ${consoleUrl}\nhttp:\n  status:\n    baseUrl: http://127.0.0.1:${targetPort}\n    authKind: none\n`);
  return spawnNode(["agent/main.ts", "--config", file], { KEYHOLD_AGENT_KEY: key, LOG_LEVEL: "silent" });
}

export async function runAgentFigures(notes: string[]): Promise<Row[]> {
  const { seedWorkspace } = await import("@/lib/testing/seed-actors");
  const { createAgentKey, createOnPremGroup } = await import("@/lib/data/onprem-groups");
  const { createConnection } = await import("@/lib/data/connections");
  const { runConnectionTest } = await import("@/lib/services/connections/test-connection");
  const { startAgentConsole } = await import("@/e2e/support/agent-console");
  const target = http.createServer((_req, res) => res.writeHead(200).end("ok"));
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  const targetPort = (target.address() as AddressInfo).port;
  const api = await startAgentConsole();
  const children: ChildProcess[] = [];
  try {
    const seeded = await seedWorkspace();
    const group = await createOnPremGroup(seeded.wsActor, "bench");
    const { key } = await createAgentKey(seeded.wsActor, group.id, "bench");
    children.push(await startAgent(api.url, key, targetPort));
    await untilConnected(seeded.wsActor, group.id);
    const same = await roundTrips(seeded.ws.id, group.id);
    const rows: Row[] = [
      {
        id: "11a",
        figure: "Agent job round trip, same instance",
        measured: `p50 ${ms(median(same))}, p99 ${ms(percentile(same, 99))} (${SAMPLES} jobs)`,
        baseline: "—",
        target: "p50 ≤ 20 ms",
        verdict: median(same) <= 20 ? "PASS" : "FAIL",
      },
    ];

    const actor = seeded.projectActor(seeded.projects[0]!.id);
    const id = await createConnection(actor, { name: "Bench status", type: "http", settings: { onPremGroupId: group.id, profile: "status" }, credentials: {} });
    const started = performance.now();
    const reports = await Promise.all(Array.from({ length: CONCURRENT }, () => runConnectionTest(actor, id)));
    const elapsed = performance.now() - started;
    const ok = reports.filter((r) => r.ok).length;
    const failed = reports.find((r) => !r.ok);
    if (failed) notes.push(`11b: a failed test said: ${failed.target?.message ?? failed.references[0]?.error?.message ?? "(no message)"}`);
    rows.push({
      id: "11b",
      figure: `${CONCURRENT} concurrent tests through one agent`,
      measured: `${ok}/${CONCURRENT} ok in ${ms(elapsed)}`,
      baseline: "—",
      target: "all complete, none lost",
      verdict: ok === CONCURRENT ? "PASS" : "FAIL",
    });
    rows.push(await crossInstanceRow(seeded.wsActor, seeded.ws.id, targetPort, children));
    notes.push(
      "11a: a job the agent answers at once (an unknown profile), so the figure is the protocol's cost: job row, wake-up, claim, ack, result, wake-up.",
    );
    return rows;
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await api.close();
    await new Promise((r) => target.close(r));
  }
}

/** 11c: the job is created here (instance A), the agent is connected to instance B (another process). */
async function crossInstanceRow(actor: WorkspaceActor, workspaceId: number, targetPort: number, children: ChildProcess[]): Promise<Row> {
  const row = { id: "11c", figure: "Agent job round trip, across two instances", baseline: "—", target: "printed" };
  if (!process.env.DATABASE_URL?.startsWith("postgres")) return { ...row, measured: "needs PostgreSQL (SQLite is one instance)", verdict: "skipped" };
  const { createAgentKey, createOnPremGroup } = await import("@/lib/data/onprem-groups");
  const group = await createOnPremGroup(actor, "bench across");
  const { key } = await createAgentKey(actor, group.id, "bench");
  const b = spawnNode(
    ["--import", "./e2e/support/server-only-shim.ts", "e2e/support/agent-console-main.ts"],
    {
      DATABASE_URL: process.env.DATABASE_URL,
      MASTER_KEY: process.env.MASTER_KEY,
      LOG_LEVEL: "silent",
    },
    true,
  );
  children.push(b);
  const url = await new Promise<string>((resolve) =>
    b.stdout!.once("data", (d: Buffer) => resolve((JSON.parse(d.toString().split("\n")[0]!) as { url: string }).url)),
  );
  children.push(await startAgent(url, key, targetPort));
  await untilConnected(actor, group.id);
  const across = await roundTrips(workspaceId, group.id);
  return { ...row, measured: `p50 ${ms(median(across))}, p99 ${ms(percentile(across, 99))} (${SAMPLES} jobs)`, verdict: "info" };
}

if (process.argv[1]?.endsWith("agent-figures.ts")) {
  void (async () => {
    const { randomBytes } = await import("node:crypto");
    process.env.DATABASE_URL ??= `file:${join(mkdtempSync(join(tmpdir(), "keyhold-bench-")), "agent.db")}`;
    process.env.MASTER_KEY ??= randomBytes(32).toString("base64");
    process.env.LOG_LEVEL ??= "silent";
    const { migrateDatabase } = await import("@/lib/migrations/migrate-database");
    await migrateDatabase(process.env.DATABASE_URL);
    const notes: string[] = [];
    const rows = await runAgentFigures(notes);
    if (process.argv.includes("--json")) console.log(JSON.stringify({ rows, notes }));
    else {
      console.log(renderTable(rows));
      for (const n of notes) console.log(`\n- ${n}`);
    }
    process.exit(0);
  })().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

/**
 * For e2e/bench/main.ts: runs the figures in a child process (the route handlers need next/navigation, which the
 * bench's react-server condition breaks) on the database given, and returns its rows and notes.
 */
export async function agentFigureRows(env: Record<string, string>, notes: string[]): Promise<Row[]> {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./e2e/support/server-only-shim.ts", "e2e/bench/agent-figures.ts", "--json"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  const line = out.trim().split("\n").pop() ?? "";
  if (code !== 0 || !line.startsWith("{")) throw new Error(`agent figures exited ${code}`);
  const result = JSON.parse(line) as { rows: Row[]; notes: string[] };
  notes.push(...result.notes);
  return result.rows;
}
