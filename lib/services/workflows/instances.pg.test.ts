// Two console instances on one PostgreSQL, each in its own process running the console's run queue
// (e2e/multi-instance/queue-instance.ts): 50 runs submitted half to A and half to B complete exactly once each,
// and an instance killed (SIGKILL) mid-run leaves that run faulted ("Run lost") by the other instance once the
// lease (run timeout + 30 s) expires, instead of "running" forever.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { getRun } from "@/lib/data/workflow-run-views";
import { saveDefinition } from "./definitions";

const ROOT = join(import.meta.dirname, "../../..");
const children: ChildProcess[] = [];

interface Instance {
  child: ChildProcess;
  url: string;
}

function startInstance(owner: string): Promise<Instance> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/multi-instance/queue-instance.ts"], {
    cwd: ROOT,
    env: { ...process.env, QUEUE_OWNER: owner, LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`${owner} did not start: ${err.slice(-2000)}`)), 90_000);
    child.stderr!.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.on("exit", (code) => reject(new Error(`${owner} exited (${code}): ${err.slice(-2000)}`)));
  });
}

let a: Instance, b: Instance;
let seeded: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  seeded = await seedWorkspace();
  [a, b] = await Promise.all([startInstance("instance-a"), startInstance("instance-b")]);
}, 120_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

async function workflow(name: string, body: string) {
  const actor = seeded.projectActor(seeded.projects[0]!.id);
  const saved = await saveDefinition(actor, `document: { dsl: '1.0.0', namespace: multi, name: ${name}, version: '1.0.0' }\ndo:\n${body}`);
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  return { actor, workflowId: saved.id };
}

async function submit(to: Instance, w: Awaited<ReturnType<typeof workflow>>, inputs: unknown[], timeoutMs: number): Promise<string[]> {
  const actor = { userId: w.actor.userId, email: w.actor.email, workspaceId: w.actor.workspaceId, projectId: w.actor.projectId };
  const res = await fetch(`${to.url}/runs`, { method: "POST", body: JSON.stringify({ actor, workflowId: w.workflowId, inputs, timeoutMs }) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as string[];
}

async function until(ms: number, holds: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (!(await holds()) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

describe("two console instances (processes) on one PostgreSQL", () => {
  it("50 runs submitted to A and B complete exactly once each", async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a jq runtime expression of the workflow, not a JS template
    const w = await workflow("count", "  - s:\n      set: { n: '${ .n }' }\n");
    const inputs = Array.from({ length: 50 }, (_, n) => ({ n }));
    const ids = (await Promise.all([submit(a, w, inputs.slice(0, 25), 20_000), submit(b, w, inputs.slice(25), 20_000)])).flat();
    const done = () => db.workflowRun.count({ where: { id: { in: ids }, status: { in: ["completed", "faulted", "cancelled"] } } });
    await until(45_000, async () => (await done()) === 50);
    const runs = await db.workflowRun.findMany({ where: { id: { in: ids } }, select: { status: true, output: true } });
    expect(runs.map((r) => r.status)).toEqual(Array(50).fill("completed"));
    expect(runs.map((r) => (r.output as { n: number }).n).sort((x, y) => x - y)).toEqual(inputs.map((i) => i.n));
    // Exactly once: one start event per run, one end audited per run.
    expect(await db.workflowRunEvent.count({ where: { runId: { in: ids }, kind: "workflow.started" } })).toBe(50);
    const ended = await db.auditEvent.findMany({ where: { action: "workflow.run.finished", projectId: w.actor.projectId }, select: { detail: true } });
    expect(ended.map((e) => (e.detail as { runId: string }).runId).sort()).toEqual([...ids].sort());
  }, 120_000);

  it("an instance killed mid-run leaves its run faulted by the other within the lease", async () => {
    const w = await workflow("slow", "  - pause:\n      wait: { seconds: 20 }\n");
    const [runId] = await submit(a, w, [{}], 3_000);
    await until(20_000, async () => (await db.workflowRun.findUniqueOrThrow({ where: { id: runId! } })).status === "running");
    const claimed = await db.workflowRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(claimed.status).toBe("running");
    const [victim] = claimed.leaseOwner === "instance-a" ? [a, b] : [b, a];
    victim!.child.kill("SIGKILL");
    const lease = claimed.leaseExpiresAt!;
    await until(lease.getTime() - Date.now() + 10_000, async () => (await db.workflowRun.findUniqueOrThrow({ where: { id: runId! } })).status !== "running");
    const run = await getRun(w.actor, runId!);
    expect(run).toMatchObject({ status: "faulted", error: { title: "Run lost" } });
    // Ended by the sweeper after the lease, not before, and promptly (it sweeps every 500 ms).
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(lease.getTime());
    expect(run.finishedAt!.getTime() - lease.getTime()).toBeLessThan(5_000);
  }, 120_000);
});
