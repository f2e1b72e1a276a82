import "server-only";
// On-prem groups and their agent keys (docs/agent.md), for workspace admins. A key is shown once; the database
// keeps its SHA-256 and a prefix. Revoking a key ends its agents' sessions and wakes their polls, so the agent
// is refused within one poll (seconds).
import { db } from "@/lib/db";
import { AppError, fromPrismaError } from "@/lib/errors";
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { generateAgentKey, hashAgentKey } from "@/lib/agent/keys";
import { AGENT_STALE_MS, type AdvertisedProfile } from "@/lib/agent/protocol";
import { auditBy, recordAudit } from "./audit";
import { forgetAgentKey } from "./agent-auth-cache";
import { publishAgentMessage } from "./agent-bus";

function assertAdmin(actor: WorkspaceActor): void {
  if (!isWorkspaceAdmin(actor.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace owners and admins can manage on-prem groups.");
}

export async function createOnPremGroup(actor: WorkspaceActor, name: string): Promise<{ id: number }> {
  assertAdmin(actor);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.onPremGroup.create({ data: { workspaceId: actor.workspaceId, name }, select: { id: true } });
      await recordAudit({ ...auditBy(actor), action: "onprem_group.created", targetType: "onprem_group", targetId: row.id, detail: { name } }, tx);
      return row;
    });
  } catch (err) {
    fromPrismaError(err, { conflict: `An on-prem group named "${name}" already exists.` });
  }
}

/** The groups any workspace member may pick as a connection type, with the profile names their live agents advertise. */
export async function listOnPremGroups(actor: WorkspaceActor | ProjectActor, now = new Date()) {
  const groups = await db.onPremGroup.findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  const sessions = await db.agentSession.findMany({
    where: { workspaceId: actor.workspaceId, disconnectedAt: null, lastSeenAt: { gt: new Date(now.getTime() - AGENT_STALE_MS) } },
    select: { groupId: true, profiles: true },
  });
  return groups.map((g) => {
    const live = sessions.filter((s) => s.groupId === g.id);
    const profiles = [...new Set(live.flatMap((s) => (s.profiles as AdvertisedProfile[]).map((p) => p.name)))].sort();
    return { ...g, connectedAgents: live.length, profiles };
  });
}

export async function createAgentKey(actor: WorkspaceActor, groupId: number, name: string): Promise<{ id: number; key: string }> {
  assertAdmin(actor);
  const group = await db.onPremGroup.findFirst({ where: { id: groupId, workspaceId: actor.workspaceId }, select: { id: true, name: true } });
  if (!group) throw new AppError("NOT_FOUND", "Unknown on-prem group.");
  const { key, prefix } = generateAgentKey();
  const id = await db.$transaction(async (tx) => {
    const row = await tx.agentKey.create({
      data: { workspaceId: actor.workspaceId, groupId, name, prefix, keyHash: hashAgentKey(key), createdById: actor.userId },
      select: { id: true },
    });
    await recordAudit(
      { ...auditBy(actor), action: "agent_key.created", targetType: "agent_key", targetId: row.id, detail: { group: group.name, name, prefix } },
      tx,
    );
    return row.id;
  });
  return { id, key };
}

export async function revokeAgentKey(actor: WorkspaceActor, keyId: number): Promise<void> {
  assertAdmin(actor);
  const now = new Date();
  await db.$transaction(async (tx) => {
    const { count } = await tx.agentKey.updateMany({ where: { id: keyId, workspaceId: actor.workspaceId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("NOT_FOUND", "Unknown or already revoked agent key.");
    await tx.agentSession.updateMany({ where: { keyId, disconnectedAt: null }, data: { disconnectedAt: now } });
    await recordAudit({ ...auditBy(actor), action: "agent_key.revoked", targetType: "agent_key", targetId: keyId }, tx);
  });
  forgetAgentKey(keyId);
  await publishAgentMessage({ type: "key_revoked", keyId });
}

/** The admin page: groups with their keys and agents (live or recently seen). */
export async function describeOnPremGroups(actor: WorkspaceActor, now = new Date()) {
  assertAdmin(actor);
  const groups = await db.onPremGroup.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      keys: { orderBy: { id: "desc" }, select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
    },
  });
  const sessions = await db.agentSession.findMany({
    where: { workspaceId: actor.workspaceId, lastSeenAt: { gt: new Date(now.getTime() - 86_400_000) } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, groupId: true, host: true, version: true, profiles: true, connectedAt: true, lastSeenAt: true, disconnectedAt: true },
  });
  return groups.map((g) => ({
    ...g,
    agents: sessions
      .filter((s) => s.groupId === g.id)
      .map(({ groupId: _, profiles, ...s }) => ({
        ...s,
        profiles: profiles as AdvertisedProfile[],
        connected: s.disconnectedAt === null && now.getTime() - s.lastSeenAt.getTime() < AGENT_STALE_MS,
      })),
  }));
}

/** A group of the workspace, for the services that dispatch to it (the caller has authorized the workspace). */
export async function findOnPremGroup(workspaceId: number, groupId: number): Promise<{ id: number; name: string }> {
  const group = await db.onPremGroup.findFirst({ where: { id: groupId, workspaceId }, select: { id: true, name: true } });
  if (!group) throw new AppError("NOT_FOUND", "Unknown on-prem group.");
  return group;
}
