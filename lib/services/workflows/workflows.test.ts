import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintRecentAuth } from "@/lib/auth/recent-auth";
import { db } from "@/lib/db";
import { databaseFilesContain } from "@/lib/testing/database-files";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { startWorkflowTarget, type LocalTarget } from "@/lib/testing/workflow-target";
import { getRun } from "@/lib/data/workflow-run-views";
import { createRun, requestCancel, sweepExpiredRuns } from "@/lib/data/workflow-runs";
import { saveWorkflowSecret } from "@/lib/data/workflow-secrets";
import { setAllowedHosts } from "@/lib/data/workflow-hosts";
import { saveDefinition } from "./definitions";
import { minuteBuffer } from "@/lib/metrics/record";
import { startRunQueue } from "./queue";

const CANARY = "canary-wf-9c41e2";
// The CI machine is shared: jq gets more time than the default per evaluation.
const limits = { expressionTimeoutMs: 5000 };
let target: LocalTarget;
beforeAll(async () => {
  target = await startWorkflowTarget({ apiKey: CANARY, clientId: "c", clientSecret: "s" });
});
afterAll(() => target.close());

const definition = (url: string, name = "orders") => `document: { dsl: '1.0.0', namespace: demo, name: ${name}, version: '0.1.0' }
use:
  secrets: [api-key-secret]
do:
  - callApi:
      call: http
      with:
        method: post
        endpoint: ${url}/items
        headers:
          authorization: Bearer $SECRETS.api-key-secret
        body: { item: 1 }
`;

async function finished(actor: Parameters<typeof getRun>[0], runId: string) {
  for (let i = 0; i < 200; i++) {
    const run = await getRun(actor, runId);
    if (["completed", "faulted", "cancelled"].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("run did not finish");
}

describe("workflow definitions (real SQLite)", () => {
  it("returns problems with line and column and saves nothing; each valid save is a new revision", async () => {
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    const bad = await saveDefinition(actor, definition(target.url).replace("call: http", "call: htttp"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ severity: "error", line: expect.any(Number), column: expect.any(Number) });
    expect(await db.workflow.count({ where: { projectId: actor.projectId } })).toBe(0);

    const first = await saveDefinition(actor, definition(target.url));
    const second = await saveDefinition(actor, definition(target.url));
    expect(first).toMatchObject({ ok: true, revision: 1 });
    expect(second).toMatchObject({ ok: true, revision: 2 });
    if (first.ok) expect(first.warnings.map((w) => w.message).join()).toContain("api-key-secret is not defined");
    const audit = await db.auditEvent.findMany({ where: { projectId: actor.projectId, action: { startsWith: "workflow." } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["workflow.created", "workflow.updated"]);
  });

  it("viewers cannot save, map secrets or run; editors cannot set allowed hosts", async () => {
    const { ws, projects, projectActor } = await seedWorkspace();
    const saved = await saveDefinition(projectActor(projects[0]!.id), definition(target.url));
    if (!saved.ok) throw new Error("save failed");
    const viewer = (await actorWithRoles(ws.id, projects[0]!.id, "member", "viewer")).project;
    const editor = (await actorWithRoles(ws.id, projects[0]!.id, "member", "editor")).project;
    await expect(saveDefinition(viewer, definition(target.url))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveWorkflowSecret(viewer, { name: "x", kind: "literal", value: "v" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createRun(viewer, saved.id, {}, 10_000)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setAllowedHosts(editor, saved.id, ["api.example.com"], mintRecentAuth({ userId: editor.userId, at: new Date() }))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("workflow runs through the in-process queue (real SQLite)", () => {
  it("runs with a literal secret to an allowed host; nothing stores the value", async () => {
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    await saveWorkflowSecret(actor, { name: "api-key-secret", kind: "literal", value: CANARY });
    const saved = await saveDefinition(actor, definition(`${target.url}/echo-not`).replace("/echo-not/items", "/echo"));
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    await setAllowedHosts(actor, saved.id, [new URL(target.url).host], mintRecentAuth({ userId: actor.userId, at: new Date() }));
    const queue = startRunQueue({ fetch, limits, pollMs: 20, concurrency: 1 });
    try {
      const runId = await createRun(actor, saved.id, { hello: "world" }, 10_000);
      const run = await finished(actor, runId);
      expect(run.status).toBe("completed");
      expect(run.secretsRead).toEqual([{ name: "api-key-secret", references: ["(encrypted literal)"] }]);
      const audit = await db.auditEvent.findFirstOrThrow({ where: { projectId: actor.projectId, action: "workflow.run.finished" } });
      expect(audit).toMatchObject({ outcome: "success", actorLabel: actor.email, detail: { runId, status: "completed", secretsRead: run.secretsRead } });
      expect(run.trace.map((e) => e.kind)).toContain("task.completed");
      expect(JSON.stringify(run)).not.toContain(CANARY);
      // The target did receive the value: the run used it.
      expect(target.requests.at(-1)?.headers.authorization).toBe(`Bearer ${CANARY}`);
      expect(await databaseFilesContain(CANARY)).toBe(false);
      expect(await databaseFilesContain(runId)).toBe(true);
    } finally {
      await queue.stop();
    }
  });

  it("a secret-bearing call to a host outside the allow-list faults with the authorization error", async () => {
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    await saveWorkflowSecret(actor, { name: "api-key-secret", kind: "literal", value: CANARY });
    const saved = await saveDefinition(actor, definition(target.url, "refused"));
    if (!saved.ok) throw new Error("save failed");
    await setAllowedHosts(actor, saved.id, ["api.example.com"], mintRecentAuth({ userId: actor.userId, at: new Date() }));
    const before = target.requests.length;
    const queue = startRunQueue({ fetch, limits, pollMs: 20, concurrency: 1 });
    try {
      const run = await finished(actor, await createRun(actor, saved.id, {}, 10_000));
      expect(run.status).toBe("faulted");
      expect(run.error).toMatchObject({ type: "https://serverlessworkflow.io/spec/1.0.0/errors/authorization", status: 403, instance: "/do/0/callApi" });
      expect(target.requests.length).toBe(before);
    } finally {
      await queue.stop();
    }
    // Counted for the metrics: the run by outcome, the task failure by its standard error type, for this workspace.
    const rows = minuteBuffer()
      .drain()
      .filter((r) => r.workspaceId === actor.workspaceId);
    expect(rows.map((r) => [r.series, r.count]).sort()).toEqual([
      ["run.faulted", 1],
      ["task_failure.authorization", 1],
    ]);
  });

  it("two workers complete each of 10 runs exactly once", async () => {
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    const saved = await saveDefinition(
      actor,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a jq runtime expression of the workflow, not a JS template
      "document: { dsl: '1.0.0', namespace: demo, name: count, version: '1.0.0' }\ndo:\n  - s:\n      set: { n: '${ .n }' }\n",
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    const ids = await Promise.all(Array.from({ length: 10 }, (_, n) => createRun(actor, saved.id, { n }, 10_000)));
    const a = startRunQueue({ fetch, limits, pollMs: 10, concurrency: 2, owner: "a" });
    const b = startRunQueue({ fetch, limits, pollMs: 10, concurrency: 2, owner: "b" });
    try {
      const runs = await Promise.all(ids.map((id) => finished(actor, id)));
      expect(runs.filter((r) => r.status !== "completed").map((r) => r.error)).toEqual([]);
      const started = await db.workflowRunEvent.count({ where: { runId: { in: ids }, kind: "workflow.started" } });
      expect(started).toBe(10);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it("a running run whose lease expired ends faulted", async () => {
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    const saved = await saveDefinition(actor, "document: { dsl: '1.0.0', namespace: demo, name: lost, version: '1.0.0' }\ndo:\n  - s:\n      set: { a: 1 }\n");
    if (!saved.ok) throw new Error("save failed");
    const runId = await createRun(actor, saved.id, {}, 1_000);
    // An instance claimed it and died: running, lease in the past.
    await db.workflowRun.update({ where: { id: runId }, data: { status: "running", leaseOwner: "dead", leaseExpiresAt: new Date(Date.now() - 1) } });
    expect(await sweepExpiredRuns()).toBeGreaterThanOrEqual(1);
    const run = await getRun(actor, runId);
    expect(run.status).toBe("faulted");
    expect(run.error).toMatchObject({ title: "Run lost" });
  });

  it("cancelling a running run stops it; a run over its timeout faults with the timeout error", async () => {
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    const slow = (name: string, ms: number) =>
      `document: { dsl: '1.0.0', namespace: demo, name: ${name}, version: '1.0.0' }\ndo:\n  - wait:\n      call: http\n      with: { method: get, endpoint: '${target.url}/slow?ms=${ms}' }\n`;
    const a = await saveDefinition(actor, slow("slow-a", 5000));
    const b = await saveDefinition(actor, slow("slow-b", 5000));
    if (!a.ok || !b.ok) throw new Error("save failed");
    const queue = startRunQueue({ fetch, limits, pollMs: 20, concurrency: 2 });
    try {
      const cancelled = await createRun(actor, a.id, {}, 20_000);
      const timedOut = await createRun(actor, b.id, {}, 1_000);
      for (let i = 0; i < 100 && (await getRun(actor, cancelled)).status !== "running"; i++) await new Promise((r) => setTimeout(r, 20));
      await requestCancel(actor, cancelled);
      expect((await finished(actor, cancelled)).status).toBe("cancelled");
      const run = await finished(actor, timedOut);
      expect(run).toMatchObject({ status: "faulted", error: { type: "https://serverlessworkflow.io/spec/1.0.0/errors/timeout" } });
      await expect(requestCancel(actor, timedOut)).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      await queue.stop();
    }
  });
});
