// The job sweep (lib/data/agent-jobs.ts) on both databases (this file also runs in vitest.postgres.config.mts):
// a minute past its deadline a job carries nothing any more (a sealed result whose waiter crashed, a payload
// nobody claimed), a job still in time is untouched, and a day past its deadline the row is gone.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOnPremGroup } from "@/lib/data/onprem-groups";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import {
  AGENT_JOB_RETENTION_MS,
  AGENT_JOB_WIPE_AFTER_MS,
  claimAgentJobs,
  completeAgentJob,
  createAgentJob,
  sweepAgentJobs,
  takeAgentJobResult,
} from "./agent-jobs";
import type { AgentIdentity } from "./agent-sessions";

const CANARY = `canary-${randomUUID()}`;

async function setup() {
  const s = await seedWorkspace();
  const group = await createOnPremGroup(s.wsActor, "dc");
  const agent: AgentIdentity = { keyId: 1, groupId: group.id, groupName: "dc", workspaceId: s.ws.id, label: "Agent key kha_test…" };
  const job = (kind: "http.forward" | "connection.test", deadlineAt: Date) =>
    createAgentJob({
      workspaceId: s.ws.id,
      groupId: group.id,
      kind,
      payload: { mode: "profile", type: "postgres", profile: CANARY },
      deadlineAt,
      actorLabel: "owner@t.local",
      detail: {},
    });
  return { agent, job };
}

const sealedParts = (id: string) => db.agentJob.findUnique({ where: { id }, select: { wrappedDataKey: true, ciphertext: true, iv: true, tag: true } });

describe("sweeping agent jobs", () => {
  it("wipes a sealed result nobody took once its deadline has passed, and not before", async () => {
    const { agent, job } = await setup();
    const deadline = new Date(Date.now() + 10_000);
    const id = await job("http.forward", deadline);
    const session = randomUUID();
    expect((await claimAgentJobs(agent, session, 5)).map((j) => j.id)).toEqual([id]);
    await completeAgentJob(agent, session, { id, kind: "http.forward" }, { status: 200, bodyBase64: Buffer.from(CANARY).toString("base64") }, true);

    // The waiter crashed: nobody calls takeAgentJobResult. Within the minute after the deadline it stays.
    expect(await sweepAgentJobs(new Date(deadline.getTime() + AGENT_JOB_WIPE_AFTER_MS - 1_000))).toEqual({ wiped: 0, deleted: 0 });
    expect((await sealedParts(id))?.ciphertext).not.toBeNull();

    expect(await sweepAgentJobs(new Date(deadline.getTime() + AGENT_JOB_WIPE_AFTER_MS + 1_000))).toEqual({ wiped: 1, deleted: 0 });
    expect(await sealedParts(id)).toEqual({ wrappedDataKey: null, ciphertext: null, iv: null, tag: null });
    await expect(takeAgentJobResult({ id, kind: "http.forward", result: null })).rejects.toThrow(/already taken/);
  });

  it("wipes the payload of a job nobody claimed, leaves a job still in time claimable, and deletes rows after the retention", async () => {
    const { agent, job } = await setup();
    const now = Date.now();
    const expired = await job("connection.test", new Date(now - AGENT_JOB_WIPE_AFTER_MS - 5_000));
    const ancient = await job("connection.test", new Date(now - AGENT_JOB_RETENTION_MS - 5_000));
    const inTime = await job("connection.test", new Date(now + 60_000));

    expect(await sweepAgentJobs(new Date(now))).toEqual({ wiped: 2, deleted: 1 });
    expect(await sealedParts(expired)).toEqual({ wrappedDataKey: null, ciphertext: null, iv: null, tag: null });
    expect(await db.agentJob.findUnique({ where: { id: ancient } })).toBeNull();
    expect((await sealedParts(inTime))?.ciphertext).not.toBeNull();
    const claimed = await claimAgentJobs(agent, randomUUID(), 5);
    expect(claimed.map((j) => [j.id, (j.payload as { profile: string }).profile])).toEqual([[inTime, CANARY]]);

    // Idempotent: a second instance sweeping at the same time finds nothing left to do.
    expect(await sweepAgentJobs(new Date(now))).toEqual({ wiped: 0, deleted: 0 });
  });
});
