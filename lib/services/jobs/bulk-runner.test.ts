// Bulk jobs (docs/scopes.md "Progress for long work"): counts move with each item, concurrency stays bounded,
// a cancel stops before the next item, a hung item fails at its deadline, and the job re-checks its starter.
import { describe, expect, it } from "vitest";
import { bulkJobActors } from "@/lib/auth/job-actor";
import { createBulkJob, getBulkJob, latestBulkJob, leaseBulkJob, requestBulkJobCancel } from "@/lib/data/bulk-jobs";
import { db } from "@/lib/db";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { runBulkJob } from "./bulk-runner";

async function jobWith(count: number, kind: "retest" | "repoint" = "retest") {
  const seeded = await seedWorkspace();
  const items = Array.from({ length: count }, (_, i) => ({ projectId: seeded.projects[0]!.id, connectionId: 1000 + i, label: `Conn ${i}` }));
  const jobId = await createBulkJob(seeded.wsActor, kind, items);
  return { ...seeded, jobId };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("bulk jobs (real SQLite)", () => {
  it("counts done and failed as items finish, with at most `concurrency` in flight", async () => {
    const { wsActor, jobId } = await jobWith(9);
    let inFlight = 0;
    let maxInFlight = 0;
    const seenProgress: number[] = [];
    await runBulkJob(jobId, {
      actorsFor: bulkJobActors,
      concurrency: 3,
      execute: async (item) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const view = await getBulkJob(wsActor, jobId);
        seenProgress.push(view.done + view.failed);
        await sleep(20);
        inFlight--;
        return item.connectionId % 3 === 0 ? { ok: false, summary: "refused" } : { ok: true, summary: "Connected." };
      },
    });
    const job = await getBulkJob(wsActor, jobId);
    expect(job).toMatchObject({ status: "completed", total: 9, done: 6, failed: 3, remaining: 0 });
    expect(job.items.filter((i) => i.status === "failed").map((i) => i.label)).toEqual(["Conn 2", "Conn 5", "Conn 8"]);
    expect(job.items.every((i) => typeof i.ms === "number")).toBe(true);
    expect(maxInFlight).toBe(3);
    expect(Math.max(...seenProgress)).toBeGreaterThan(0); // progress was visible while it ran
  });

  it("cancel stops before the next item: the rest is marked cancelled and counted as remaining", async () => {
    const { wsActor, jobId } = await jobWith(8);
    let ran = 0;
    await runBulkJob(jobId, {
      actorsFor: bulkJobActors,
      concurrency: 1,
      execute: async () => {
        if (++ran === 3) await requestBulkJobCancel(wsActor, jobId);
        return { ok: true, summary: "ok" };
      },
    });
    const job = await getBulkJob(wsActor, jobId);
    expect(job).toMatchObject({ status: "cancelled", done: 3, failed: 0, remaining: 5, cancelRequested: true });
    expect(job.items.filter((i) => i.status === "cancelled")).toHaveLength(5);
    await expect(requestBulkJobCancel(wsActor, jobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an item that never answers fails at its deadline and the job goes on", async () => {
    const { wsActor, jobId } = await jobWith(3);
    const started = Date.now();
    await runBulkJob(jobId, {
      actorsFor: bulkJobActors,
      concurrency: 3,
      itemDeadlineMs: 200,
      execute: (item) => (item.connectionId === 1001 ? new Promise(() => {}) : Promise.resolve({ ok: true, summary: "ok" })),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const job = await getBulkJob(wsActor, jobId);
    expect(job).toMatchObject({ status: "completed", done: 2, failed: 1 });
    expect(job.items[1]).toMatchObject({ status: "failed", summary: expect.stringContaining("No answer within") });
  });

  it("a thrown bug is counted as failed without its message; another instance cannot take a held lease", async () => {
    const { wsActor, jobId } = await jobWith(2);
    await runBulkJob(jobId, {
      actorsFor: bulkJobActors,
      execute: async (item) => {
        expect(await leaseBulkJob(jobId, "instance-other", 60_000)).toBeNull();
        if (item.connectionId === 1000) throw new Error("db password hunter2 leaked");
        return { ok: true, summary: "ok" };
      },
    });
    const job = await getBulkJob(wsActor, jobId);
    expect(job).toMatchObject({ done: 1, failed: 1 });
    expect(JSON.stringify(job)).not.toContain("hunter2");
  });

  it("stops when its starter is no longer a workspace admin", async () => {
    const { wsActor, ws, jobId } = await jobWith(2);
    await db.workspaceMembership.update({ where: { workspaceId_userId: { workspaceId: ws.id, userId: wsActor.userId } }, data: { role: "member" } });
    let ran = 0;
    await runBulkJob(jobId, { actorsFor: bulkJobActors, execute: async () => ({ ok: true, summary: String(++ran) }) });
    expect(ran).toBe(0);
    const row = await db.bulkJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(row).toMatchObject({ status: "failed", error: expect.stringContaining("no longer has the right") });
  });

  it("only workspace admins start, read or cancel jobs, and only their workspace's", async () => {
    const { ws, projects, jobId } = await jobWith(1);
    const editor = await actorWithRoles(ws.id, projects[0]!.id, "member", "editor");
    await expect(createBulkJob(editor.ws, "retest", [{ projectId: projects[0]!.id, connectionId: 1, label: "x" }])).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(getBulkJob(editor.ws, jobId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(requestBulkJobCancel(editor.ws, jobId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await seedWorkspace();
    await expect(getBulkJob(other.wsActor, jobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestBulkJobCancel(other.wsActor, jobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await latestBulkJob(other.wsActor)).toBeNull();
  });

  it("one running job per workspace", async () => {
    const { wsActor, projects } = await jobWith(1);
    await expect(createBulkJob(wsActor, "repoint", [{ projectId: projects[0]!.id, connectionId: 1, label: "x", fieldName: "password" }])).rejects.toMatchObject(
      {
        code: "CONFLICT",
      },
    );
  });
});
