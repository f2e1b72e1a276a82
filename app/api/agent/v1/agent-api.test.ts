// The agent protocol end to end on SQLite, through the real route handlers: key authentication (wrong,
// revoked, another workspace's), dispatch with wake-ups, re-dispatch of a job an agent dropped before
// acknowledging, one result per job id, the immediate "no agent" error, and audit events without values.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAgentKey, createOnPremGroup, describeOnPremGroups, revokeAgentKey } from "@/lib/data/onprem-groups";
import { runAgentJob } from "@/lib/services/agent/dispatch";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { testAgent } from "./agent-test-client";

const CANARY = "agent-canary-7c1e55";
const REPORT = { ok: true, ms: 3, message: "Connected to PostgreSQL 17 at db.internal:5432 as app.", steps: [] };

async function groupWithKey(name = "datacenter") {
  const seeded = await seedWorkspace();
  const group = await createOnPremGroup(seeded.wsActor, name);
  const { id: keyId, key } = await createAgentKey(seeded.wsActor, group.id, "rack 1");
  return { ...seeded, group, keyId, key };
}

function testJob(s: { ws: { id: number }; group: { id: number } }, timeoutMs = 5_000) {
  return runAgentJob({
    workspaceId: s.ws.id,
    groupId: s.group.id,
    kind: "connection.test",
    payload: {
      mode: "fields",
      type: "postgres",
      settings: { host: "db.internal", port: 5432, database: "app", sslMode: "disable" },
      values: { password: CANARY },
    },
    timeoutMs,
    actorLabel: "owner@t.local",
    detail: { connection: 1 },
  });
}

/** Polls until a job arrives (the job is created concurrently). */
async function nextJob(agent: ReturnType<typeof testAgent>) {
  for (let i = 0; i < 10; i++) {
    const jobs = await agent.pollJobs();
    if (jobs.length > 0) return jobs[0]!;
  }
  throw new Error("no job arrived");
}

describe("agent keys", () => {
  it("refuses a wrong, malformed or revoked key with 401, and a revoked key ends the session within one poll", async () => {
    const s = await groupWithKey();
    const good = testAgent(s.key);
    expect((await good.hello()).status).toBe(200);
    const last = s.key.slice(-1);
    expect((await testAgent(`${s.key.slice(0, -1)}${last === "A" ? "B" : "A"}`).hello()).status).toBe(401);
    expect((await testAgent("kha_garbage").hello()).status).toBe(401);
    const pending = good.poll();
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await revokeAgentKey(s.wsActor, s.keyId);
    expect((await pending).status).toBe(401); // woken during its hold, not at its end
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await good.poll()).status).toBe(401);
    const [groupView] = await describeOnPremGroups(s.wsActor);
    expect(groupView!.agents[0]!.connected).toBe(false);
    expect(groupView!.keys[0]!.revokedAt).not.toBeNull();
  });

  it("stores only the key's hash, and is for workspace admins only", async () => {
    const s = await groupWithKey();
    const row = await db.agentKey.findUniqueOrThrow({ where: { id: s.keyId } });
    expect(s.key).toMatch(/^kha_[A-Za-z0-9]{8}_[\w-]{43}$/);
    expect(JSON.stringify(row)).not.toContain(s.key.slice(row.prefix.length + 1));
    const member = await actorWithRoles(s.ws.id, s.projects[0]!.id, "member", "admin");
    await expect(createOnPremGroup(member.ws, "other")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createAgentKey(member.ws, s.group.id, "x")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revokeAgentKey(member.ws, s.keyId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(describeOnPremGroups(member.ws)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("never shows a job to another workspace's key, nor to another group's", async () => {
    const mine = await groupWithKey();
    const theirs = await groupWithKey();
    const otherGroup = await createOnPremGroup(mine.wsActor, "branch office");
    const otherKey = await createAgentKey(mine.wsActor, otherGroup.id, "k");
    const intruders = [testAgent(theirs.key, "evil"), testAgent(otherKey.key, "branch")];
    for (const a of intruders) await a.hello();
    const agent = testAgent(mine.key);
    await agent.hello();
    const job = testJob(mine);
    expect(await Promise.all(intruders.map((a) => a.pollJobs()))).toEqual([[], []]);
    const received = await nextJob(agent);
    for (const a of intruders) {
      expect([404, 409]).toContain((await a.ack(received.id)).status);
      expect([404, 409]).toContain((await a.result(received.id, REPORT)).status);
    }
    await agent.ack(received.id);
    expect((await agent.result(received.id, REPORT)).status).toBe(204);
    await expect(job).resolves.toEqual(REPORT);
  });
});

describe("dispatch", () => {
  it("fails at once, naming the group, when no agent is connected", async () => {
    const s = await groupWithKey("Frankfurt DC");
    const started = Date.now();
    await expect(testJob(s)).rejects.toMatchObject({ code: "AGENT_UNAVAILABLE", message: expect.stringContaining('"Frankfurt DC"') });
    expect(Date.now() - started).toBeLessThan(500);
    const agent = testAgent(s.key);
    await agent.hello();
    await agent.bye(); // a clean shutdown shows disconnected at once
    await expect(testJob(s)).rejects.toMatchObject({ code: "AGENT_UNAVAILABLE" });
  });

  it("delivers the job with its payload, accepts one result per job id, and audits both without values", async () => {
    const s = await groupWithKey();
    const agent = testAgent(s.key);
    await agent.hello([{ name: "sales", kind: "postgres", version: "0123456789ab" }]);
    const job = testJob(s);
    const received = await nextJob(agent);
    expect(received).toMatchObject({ kind: "connection.test", payload: { mode: "fields", values: { password: CANARY } } });
    expect((await agent.ack(received.id)).status).toBe(204);
    expect((await agent.result(received.id, { ok: "yes" })).status).toBe(400);
    expect((await agent.result(received.id, REPORT)).status).toBe(204);
    expect((await agent.result(received.id, { ...REPORT, ok: false })).status).toBe(409);
    await expect(job).resolves.toEqual(REPORT);
    const row = await db.agentJob.findUniqueOrThrow({ where: { id: received.id } });
    expect(row.ciphertext).toBeNull(); // the payload is wiped once the job ends
    const events = await db.auditEvent.findMany({ where: { workspaceId: s.ws.id, action: { startsWith: "agent." } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["agent.connected", "agent.job.created", "agent.job.result"]);
    expect(JSON.stringify(events)).not.toContain(CANARY);
    expect(JSON.stringify(await db.agentJob.findMany())).not.toContain(CANARY);
  });

  it("re-dispatches once to another agent when the first drops before acknowledging; the dropper's late result is refused", async () => {
    const s = await groupWithKey();
    const [dropper, healthy] = [testAgent(s.key, "a"), testAgent(s.key, "b")];
    await dropper.hello();
    await healthy.hello();
    const job = testJob(s, 15_000);
    const lost = await nextJob(dropper); // taken, never acknowledged
    const again = await nextJob(healthy);
    expect(again.id).toBe(lost.id);
    expect((await dropper.ack(lost.id)).status).toBe(409);
    expect((await dropper.result(lost.id, REPORT)).status).toBe(409);
    await healthy.ack(again.id);
    await healthy.result(again.id, REPORT);
    await expect(job).resolves.toEqual(REPORT);
  });

  it("fails clearly before its deadline when the only agent drops the job", async () => {
    const s = await groupWithKey("lab");
    const agent = testAgent(s.key);
    await agent.hello();
    const started = Date.now();
    const job = testJob(s, 12_000);
    await nextJob(agent); // then silence: no ack, no more polls
    await expect(job).rejects.toMatchObject({ code: "AGENT_UNAVAILABLE", message: expect.stringContaining("dropped before acknowledging") });
    expect(Date.now() - started).toBeLessThan(8_000); // when the agent shows disconnected, well before the deadline
  });

  it("fails at its deadline when an agent acknowledged but never answered", async () => {
    const s = await groupWithKey("slow");
    const agent = testAgent(s.key);
    await agent.hello();
    const job = testJob(s, 1_500);
    const received = await nextJob(agent);
    await agent.ack(received.id);
    await expect(job).rejects.toMatchObject({ code: "AGENT_UNAVAILABLE", message: 'No answer from on-prem group "slow" within 2 s.' });
    expect((await agent.result(received.id, REPORT)).status).toBe(409);
  });
});
