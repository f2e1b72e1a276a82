import "server-only";
// Agent authentication and sessions (docs/agent.md). An agent key authenticates one group of one workspace; a
// session is one running agent (opened by its hello) and counts as connected while it keeps polling.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { AGENT_KEY_PATTERN, agentKeyMatches, hashAgentKey } from "@/lib/agent/keys";
import { AGENT_STALE_MS, type Hello } from "@/lib/agent/protocol";
import { forgetTouch, recentlyTouched, rememberedKey, rememberKey, rememberTouch } from "./agent-auth-cache";
import { listenForAgentMessages } from "./agent-bus";
import { recordAudit } from "./audit";

export interface AgentIdentity {
  keyId: number;
  groupId: number;
  groupName: string;
  workspaceId: number;
  /** How audit events name the caller: "Agent key kha_ab12…". */
  label: string;
}

const keySelect = { id: true, keyHash: true, workspaceId: true, groupId: true, prefix: true, group: { select: { name: true } } } as const;
type KeyRow = { id: number; keyHash: string; workspaceId: number; groupId: number; prefix: string; group: { name: string } };

/**
 * The key's identity, or null when it is malformed, unknown or revoked. A valid key is remembered for up to a
 * second (agent-auth-cache.ts), forgotten at once when revoked; the comparison itself is constant-time either way.
 */
export async function authenticateAgentKey(key: string, now = new Date()): Promise<AgentIdentity | null> {
  if (!AGENT_KEY_PATTERN.test(key)) return null;
  const keyHash = hashAgentKey(key);
  const row = rememberedKey<KeyRow>(keyHash, now.getTime()) ?? (await readKey(keyHash, now));
  // The lookup finds the row by hash; the explicit comparison keeps the check itself constant-time.
  if (!row || !agentKeyMatches(key, row.keyHash)) return null;
  return { keyId: row.id, groupId: row.groupId, groupName: row.group.name, workspaceId: row.workspaceId, label: `Agent key ${row.prefix}…` };
}

async function readKey(keyHash: string, now: Date): Promise<KeyRow | null> {
  // Listening first: a revocation announced by another instance from now on reaches the cache below.
  const listening = await listenForAgentMessages().then(
    () => true,
    () => false,
  );
  const row = await db.agentKey.findUnique({ where: { keyHash }, select: { ...keySelect, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.agentKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const { revokedAt: _, lastUsedAt: __, ...kept } = row;
  if (listening) rememberKey(keyHash, row.id, kept, now.getTime());
  return kept;
}

export async function openAgentSession(agent: AgentIdentity, hello: Hello): Promise<string> {
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.agentSession.create({
      data: {
        id,
        workspaceId: agent.workspaceId,
        groupId: agent.groupId,
        keyId: agent.keyId,
        host: hello.host,
        version: hello.version,
        profiles: hello.profiles,
      },
    });
    await recordAudit(
      {
        workspaceId: agent.workspaceId,
        actorLabel: agent.label,
        action: "agent.connected",
        targetType: "onprem_group",
        targetId: agent.groupId,
        detail: { host: hello.host, version: hello.version, profiles: hello.profiles.map((p) => p.name) },
      },
      tx,
    );
  });
  return id;
}

/**
 * Marks the session seen, at most once per TOUCH_EVERY_MS (in memory: "connected" allows 4.5 s); throws CONFLICT
 * when it is closed or belongs to another key (the agent says hello again).
 */
export async function touchAgentSession(agent: AgentIdentity, sessionId: string, now = new Date()): Promise<void> {
  if (recentlyTouched(sessionId, agent.keyId, now.getTime())) return;
  const { count } = await db.agentSession.updateMany({ where: { id: sessionId, keyId: agent.keyId, disconnectedAt: null }, data: { lastSeenAt: now } });
  if (count === 0) throw new AppError("CONFLICT", "This agent session is closed: say hello again.");
  rememberTouch(sessionId, agent.keyId, now.getTime());
}

export async function closeAgentSession(agent: AgentIdentity, sessionId: string): Promise<void> {
  forgetTouch(sessionId);
  await db.agentSession.updateMany({ where: { id: sessionId, keyId: agent.keyId, disconnectedAt: null }, data: { disconnectedAt: new Date() } });
}

/** Ids of the group's connected agents, minus those given. */
export async function connectedAgentIds(groupId: number, except: readonly string[] = [], staleMs = AGENT_STALE_MS, now = new Date()): Promise<string[]> {
  const rows = await db.agentSession.findMany({
    where: { groupId, disconnectedAt: null, lastSeenAt: { gt: new Date(now.getTime() - staleMs) } },
    select: { id: true },
  });
  return rows.map((r) => r.id).filter((id) => !except.includes(id));
}
