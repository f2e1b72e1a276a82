// The round trip's shortcuts (docs/agent.md, "Figures") keep their guarantees: a result naming the wrong job
// kind is refused and nothing is stored; an agent key remembered in memory is refused at once after a
// revocation, here or announced by another instance, and within a second when the announcement is lost; a
// session's "last seen" is written at most once a second.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { KEY_TTL_MS, TOUCH_EVERY_MS } from "@/lib/data/agent-auth-cache";
import { publishAgentMessage } from "@/lib/data/agent-bus";
import { authenticateAgentKey, touchAgentSession } from "@/lib/data/agent-sessions";
import { createAgentKey, createOnPremGroup, revokeAgentKey } from "@/lib/data/onprem-groups";
import { runAgentJob } from "@/lib/services/agent/dispatch";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { testAgent } from "./agent-test-client";

const REPORT = { ok: true, ms: 2, message: "Connected.", steps: [] };
const FORWARDED = { status: 200, headers: {}, bodyBase64: "" };

async function groupWithKey() {
  const seeded = await seedWorkspace();
  const group = await createOnPremGroup(seeded.wsActor, "dc");
  const { id: keyId, key } = await createAgentKey(seeded.wsActor, group.id, "rack");
  return { ...seeded, group, keyId, key };
}

async function dispatched(s: Awaited<ReturnType<typeof groupWithKey>>) {
  const agent = testAgent(s.key);
  await agent.hello();
  const job = runAgentJob({
    workspaceId: s.ws.id,
    groupId: s.group.id,
    kind: "connection.test",
    payload: { mode: "profile", type: "postgres", profile: "sales" },
    timeoutMs: 5_000,
    actorLabel: "owner@t.local",
    detail: {},
  });
  for (let i = 0; i < 10; i++) {
    const [received] = await agent.pollJobs();
    if (received) return { agent, job, received };
  }
  throw new Error("no job arrived");
}

describe("a result that names its job's kind", () => {
  it("is stored when the kind is true, refused with 409 and nothing stored when it is not", async () => {
    const s = await groupWithKey();
    const { agent, job, received } = await dispatched(s);
    // Valid for the kind it names, so only the conditional update can catch the lie.
    expect((await agent.result(received.id, FORWARDED, "http.forward")).status).toBe(409);
    const row = await db.agentJob.findUniqueOrThrow({ where: { id: received.id } });
    expect(row).toMatchObject({ status: "dispatched", result: null, ciphertext: expect.anything() });
    expect(await db.auditEvent.count({ where: { workspaceId: s.ws.id, action: "agent.job.result" } })).toBe(0);
    expect((await agent.result(received.id, { ok: "yes" }, "connection.test")).status).toBe(400);
    expect((await agent.result(received.id, REPORT, "nonsense")).status).toBe(400);
    expect((await agent.result(received.id, REPORT, "connection.test")).status).toBe(204);
    await expect(job).resolves.toEqual(REPORT);
    expect((await agent.result(received.id, REPORT, "connection.test")).status).toBe(409);
    expect(await db.auditEvent.count({ where: { workspaceId: s.ws.id, action: "agent.job.result" } })).toBe(1);
  });

  it("is still accepted without a kind, from an older agent", async () => {
    const s = await groupWithKey();
    const { agent, job, received } = await dispatched(s);
    expect((await agent.result(received.id, REPORT)).status).toBe(204);
    await expect(job).resolves.toEqual(REPORT);
  });
});

describe("a remembered agent key", () => {
  it("is refused at once after a revocation in this instance", async () => {
    const s = await groupWithKey();
    expect(await authenticateAgentKey(s.key)).not.toBeNull(); // remembered now
    await revokeAgentKey(s.wsActor, s.keyId);
    expect(await authenticateAgentKey(s.key)).toBeNull();
    expect((await testAgent(s.key).hello()).status).toBe(401);
  });

  it("is refused at once when another instance announces the revocation, and within a second without it", async () => {
    const s = await groupWithKey();
    expect(await authenticateAgentKey(s.key)).not.toBeNull();
    // Another instance commits the revocation; its NOTIFY has not arrived yet.
    await db.agentKey.update({ where: { id: s.keyId }, data: { revokedAt: new Date() } });
    expect(await authenticateAgentKey(s.key)).not.toBeNull(); // remembered: this is the cache's window
    await publishAgentMessage({ type: "key_revoked", keyId: s.keyId }); // the NOTIFY arrives
    expect(await authenticateAgentKey(s.key)).toBeNull();

    const t = await groupWithKey();
    const now = new Date();
    expect(await authenticateAgentKey(t.key, now)).not.toBeNull();
    await db.agentKey.update({ where: { id: t.keyId }, data: { revokedAt: now } });
    // The announcement was lost: the memory expires after KEY_TTL_MS.
    expect(await authenticateAgentKey(t.key, new Date(now.getTime() + KEY_TTL_MS))).toBeNull();
  });

  it("still compares the presented key: a wrong key with a remembered key's neighbour is refused", async () => {
    const s = await groupWithKey();
    expect(await authenticateAgentKey(s.key)).not.toBeNull();
    const last = s.key.slice(-1);
    expect(await authenticateAgentKey(`${s.key.slice(0, -1)}${last === "A" ? "B" : "A"}`)).toBeNull();
  });
});

describe("a session's last seen", () => {
  it("is written at most once per TOUCH_EVERY_MS, and a closed session is still refused after its bye", async () => {
    const s = await groupWithKey();
    const agent = testAgent(s.key);
    await agent.hello();
    const identity = (await authenticateAgentKey(s.key))!;
    const seen = async () => (await db.agentSession.findUniqueOrThrow({ where: { id: agent.sessionId } })).lastSeenAt.getTime();
    const t0 = Date.now() + 10_000;
    await touchAgentSession(identity, agent.sessionId, new Date(t0));
    expect(await seen()).toBe(t0);
    await touchAgentSession(identity, agent.sessionId, new Date(t0 + TOUCH_EVERY_MS - 1));
    expect(await seen()).toBe(t0);
    await touchAgentSession(identity, agent.sessionId, new Date(t0 + TOUCH_EVERY_MS));
    expect(await seen()).toBe(t0 + TOUCH_EVERY_MS);
    await agent.bye();
    await expect(touchAgentSession(identity, agent.sessionId, new Date(t0 + TOUCH_EVERY_MS))).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
