// The run queue on PostgreSQL: claims use FOR UPDATE SKIP LOCKED, so two instances (two queues with their own
// owners here, on the pool's separate connections) share the runs and none executes twice; a run whose
// instance died is faulted once its lease expires.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { getRun } from "@/lib/data/workflow-run-views";
import { claimNextRun, createRun, sweepExpiredRuns } from "@/lib/data/workflow-runs";
import { saveDefinition } from "./definitions";
import { startRunQueue } from "./queue";

const limits = { expressionTimeoutMs: 5000 };

async function setup(name: string) {
  const { projects, projectActor } = await seedWorkspace();
  const actor = projectActor(projects[0]!.id);
  const saved = await saveDefinition(
    actor,
    `document: { dsl: '1.0.0', namespace: demo, name: ${name}, version: '1.0.0' }\ndo:\n  - s:\n      set: { n: '\${ .n }' }\n`,
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  return { actor, workflowId: saved.id };
}

describe("workflow run queue on PostgreSQL", () => {
  it("concurrent claims hand each pending run to exactly one claimer", async () => {
    const { actor, workflowId } = await setup("claims");
    const ids = await Promise.all(Array.from({ length: 10 }, (_, n) => createRun(actor, workflowId, { n }, 10_000)));
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claimNextRun(`claimer-${i % 2}`)));
    const won = claims.filter((c) => c !== null).map((c) => c.id);
    expect(won.sort()).toEqual([...ids].sort());
  });

  it("two instances complete 30 runs exactly once each", async () => {
    const { actor, workflowId } = await setup("shared");
    // Submitted one after another: 30 transactions at once can outwait the pool on a loaded machine.
    const ids: string[] = [];
    for (let n = 0; n < 30; n++) ids.push(await createRun(actor, workflowId, { n }, 10_000));
    const a = startRunQueue({ fetch, limits, pollMs: 10, concurrency: 2, owner: "instance-a" });
    const b = startRunQueue({ fetch, limits, pollMs: 10, concurrency: 2, owner: "instance-b" });
    try {
      for (let i = 0; i < 400; i++) {
        if ((await db.workflowRun.count({ where: { id: { in: ids }, status: "completed" } })) === ids.length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const runs = await db.workflowRun.findMany({ where: { id: { in: ids } }, select: { status: true, output: true } });
    expect(runs.map((r) => r.status)).toEqual(Array(30).fill("completed"));
    expect(runs.map((r) => (r.output as { n: number }).n).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(await db.workflowRunEvent.count({ where: { runId: { in: ids }, kind: "workflow.started" } })).toBe(30);
    const audit = await db.auditEvent.count({ where: { action: "workflow.run.started", projectId: actor.projectId } });
    expect(audit).toBe(30);
  });

  it("an idle instance starts a run submitted elsewhere at once (LISTEN/NOTIFY), not at its next poll", async () => {
    const { actor, workflowId } = await setup("wake");
    // Polls once a minute: only the notification can start the run within the test's few seconds.
    const b = startRunQueue({ fetch, limits, pollMs: 60_000, concurrency: 1, owner: "instance-b" });
    try {
      await b.listening;
      await new Promise((r) => setTimeout(r, 200)); // the worker's first claim found nothing and it went idle
      const submitted = Date.now();
      const runId = await createRun(actor, workflowId, { n: 7 }, 10_000); // "instance A": no notify() of b's
      let run = await getRun(actor, runId);
      while (run.status !== "completed" && Date.now() - submitted < 10_000) {
        await new Promise((r) => setTimeout(r, 20));
        run = await getRun(actor, runId);
      }
      expect(run.status).toBe("completed");
      expect(run.startedAt!.getTime() - submitted).toBeLessThan(3_000);
    } finally {
      await b.stop();
    }
  });

  it("a run whose instance died ends faulted when its lease expires, not before", async () => {
    const { actor, workflowId } = await setup("lost");
    const runId = await createRun(actor, workflowId, { n: 1 }, 1_000);
    const claimed = await claimNextRun("instance-that-dies");
    expect(claimed?.id).toBe(runId);
    // Counted per run: the runs the first test claimed and left are this file's other expired leases.
    await sweepExpiredRuns();
    expect(await getRun(actor, runId)).toMatchObject({ status: "running" });
    const lease = (await db.workflowRun.findUniqueOrThrow({ where: { id: runId } })).leaseExpiresAt!;
    expect(await sweepExpiredRuns(new Date(lease.getTime() + 1))).toBeGreaterThanOrEqual(1);
    expect(await getRun(actor, runId)).toMatchObject({ status: "faulted", error: { title: "Run lost" } });
  });
});
