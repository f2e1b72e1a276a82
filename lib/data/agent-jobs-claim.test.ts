// The claim (lib/data/agent-jobs.ts) on both databases (this file also runs in vitest.postgres.config.mts, where
// it is one UPDATE … RETURNING with SKIP LOCKED): concurrent polls never share a job, an agent never gets a job it
// dropped, an expired or another group's job is never handed out, and the payload arrives intact.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createOnPremGroup } from "@/lib/data/onprem-groups";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { claimAgentJobs, createAgentJob, requeueAgentJob } from "./agent-jobs";
import type { AgentIdentity } from "./agent-sessions";

async function setup() {
  const s = await seedWorkspace();
  const group = await createOnPremGroup(s.wsActor, "dc");
  const other = await createOnPremGroup(s.wsActor, "elsewhere");
  const agent: AgentIdentity = { keyId: 1, groupId: group.id, groupName: "dc", workspaceId: s.ws.id, label: "Agent key kha_test…" };
  const job = (groupId: number, profile: string, deadlineMs = 10_000) =>
    createAgentJob({
      workspaceId: s.ws.id,
      groupId,
      kind: "connection.test",
      payload: { mode: "profile", type: "postgres", profile },
      deadlineAt: new Date(Date.now() + deadlineMs),
      actorLabel: "owner@t.local",
      detail: {},
    });
  return { agent, group, other, job };
}

describe("claiming agent jobs", () => {
  it("hands each job to exactly one of several concurrent polls, with its payload", async () => {
    const { agent, group, job } = await setup();
    const ids: string[] = [];
    for (const p of ["a", "b", "c", "d", "e"]) ids.push(await job(group.id, p));
    const polls = await Promise.all(Array.from({ length: 6 }, () => claimAgentJobs(agent, randomUUID(), 2)));
    // On SQLite a poll looks at a window of 2 × max candidates: a job past every window waits for the next poll.
    const claimed = [...polls.flat(), ...(await claimAgentJobs(agent, randomUUID(), 5))];
    expect(claimed.map((j) => j.id).sort()).toEqual([...ids].sort()); // each once: no job went to two polls
    const byId = new Map(claimed.map((j) => [j.id, j]));
    expect(ids.map((id) => (byId.get(id)!.payload as { profile: string }).profile)).toEqual(["a", "b", "c", "d", "e"]);
    expect(claimed.every((j) => j.kind === "connection.test" && j.deadlineAt > Date.now())).toBe(true);
    expect(await claimAgentJobs(agent, randomUUID(), 2)).toEqual([]);
  });

  it("never hands a job to the agent that dropped it, nor an expired or another group's job", async () => {
    const { agent, group, other, job } = await setup();
    await job(other.id, "theirs");
    await job(group.id, "expired", -1);
    const id = await job(group.id, "mine");
    const [dropper, healthy] = [randomUUID(), randomUUID()];
    expect((await claimAgentJobs(agent, dropper, 5)).map((j) => j.id)).toEqual([id]);
    expect(await requeueAgentJob({ id, agentId: dropper, excluded: [] })).toBe(true);
    expect(await claimAgentJobs(agent, dropper, 5)).toEqual([]);
    expect((await claimAgentJobs(agent, healthy, 5)).map((j) => j.id)).toEqual([id]);
  });
});
