import "server-only";
// The rotation poller's rows (docs/rotation.md): which configurations to poll, the lease that lets one
// instance poll each configuration per interval, the secrets their connections and workflows reference, and
// the metadata each poll keeps. No actor: the poller is the system, and nothing here returns a value (there
// is none in these tables) or leaves the server.
import { db } from "@/lib/db";
import type { SecretMetadata } from "@/lib/secrets/metadata";

export interface RotationTarget {
  configId: number;
  revision: number;
  kind: string;
  workspaceId: number;
  pollSeconds: number;
}

/** Every current (not replaced, not retired) configuration with its workspace's poll interval. */
export async function listRotationTargets(): Promise<RotationTarget[]> {
  const rows = await db.secretsProviderConfig.findMany({
    where: { currentOwnerKey: { not: null }, retiredAt: null },
    select: { id: true, revision: true, kind: true, workspaceId: true, workspace: { select: { rotationPollSeconds: true } } },
  });
  return rows.map((r) => ({ configId: r.id, revision: r.revision, kind: r.kind, workspaceId: r.workspaceId, pollSeconds: r.workspace.rotationPollSeconds }));
}

/**
 * Claims this interval's poll of one configuration: a conditional update on nextPollAt, atomic on both
 * databases, so of N instances exactly one wins each interval (no session-bound advisory lock to lose when a
 * pooled connection is recycled). False when another instance has it.
 */
export async function claimRotationPoll(
  target: Pick<RotationTarget, "configId" | "workspaceId">,
  intervalMs: number,
  holder: string,
  now = new Date(),
): Promise<boolean> {
  const next = new Date(now.getTime() + intervalMs);
  const claimed = await db.rotationPoll.updateMany({
    where: { providerConfigId: target.configId, nextPollAt: { lte: now } },
    data: { nextPollAt: next, holder },
  });
  if (claimed.count === 1) return true;
  if (await db.rotationPoll.findUnique({ where: { providerConfigId: target.configId }, select: { providerConfigId: true } })) return false;
  // The configuration's first poll: the insert is the claim; of two instances inserting at once, one fails.
  return db.rotationPoll
    .create({ data: { providerConfigId: target.configId, workspaceId: target.workspaceId, nextPollAt: next, holder } })
    .then(() => true)
    .catch(() => false);
}

/** Distinct references (with their canonical secret id) of one configuration's connections and workflows. */
export async function listPolledReferences(configId: number): Promise<Array<{ secretId: string; reference: string }>> {
  const [fields, workflows] = await Promise.all([
    db.secretUsage.findMany({ where: { providerConfigId: configId }, distinct: ["reference"], select: { secretId: true, reference: true } }),
    db.workflowSecretUsage.findMany({ where: { providerConfigId: configId }, distinct: ["reference"], select: { secretId: true, reference: true } }),
  ]);
  const seen = new Map<string, { secretId: string; reference: string }>();
  for (const r of [...fields, ...workflows]) seen.set(r.reference, r);
  return [...seen.values()];
}

export interface HealthRow {
  secretKey: string;
  secretId: string;
  reference: string;
  metadata?: SecretMetadata;
  error?: string;
  pendingSince?: number;
}

/** What the last poll saw per secretKey: the baseline the next poll compares versions with. */
export async function loadPolledHealth(configId: number): Promise<Map<string, HealthRow>> {
  const rows = await db.secretHealth.findMany({ where: { providerConfigId: configId } });
  return new Map(rows.map((r) => [r.secretKey, rowOf(r)]));
}

export function rowOf(r: {
  secretKey: string;
  secretId: string;
  reference: string;
  metadata: string | null;
  error: string | null;
  pendingSince: Date | null;
}): HealthRow {
  return {
    secretKey: r.secretKey,
    secretId: r.secretId,
    reference: r.reference,
    ...(r.metadata ? { metadata: JSON.parse(r.metadata) as SecretMetadata } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.pendingSince ? { pendingSince: r.pendingSince.getTime() } : {}),
  };
}

export interface PollRecord {
  rows: HealthRow[];
  trackingError?: { permission?: string; message: string; fix: string };
  calls: Record<string, number>;
  strategy: string;
  /** When tracking is off (a denial), the next poll is deferred to this time. */
  deferUntil?: Date;
}

/** Saves one poll: changed rows only (a quiet poll writes one row), rows no longer referenced go. */
export async function savePoll(target: Pick<RotationTarget, "configId" | "workspaceId">, previous: Map<string, HealthRow>, record: PollRecord): Promise<void> {
  const keep = new Set(record.rows.map((r) => r.secretKey));
  const writes = record.rows.filter((r) => JSON.stringify(r) !== JSON.stringify(previous.get(r.secretKey)));
  await db.$transaction([
    db.secretHealth.deleteMany({ where: { providerConfigId: target.configId, secretKey: { notIn: [...keep] } } }),
    ...writes.map((r) => {
      const data = {
        secretId: r.secretId,
        reference: r.reference,
        metadata: r.metadata ? JSON.stringify(r.metadata) : null,
        error: r.error ?? null,
        pendingSince: r.pendingSince ? new Date(r.pendingSince) : null,
      };
      return db.secretHealth.upsert({
        where: { providerConfigId_secretKey: { providerConfigId: target.configId, secretKey: r.secretKey } },
        create: { workspaceId: target.workspaceId, providerConfigId: target.configId, secretKey: r.secretKey, ...data },
        update: data,
      });
    }),
    db.rotationPoll.update({
      where: { providerConfigId: target.configId },
      data: {
        lastPolledAt: new Date(),
        trackingError: record.trackingError ? JSON.stringify(record.trackingError) : null,
        lastCalls: JSON.stringify(record.calls),
        strategy: record.strategy,
        ...(record.deferUntil ? { nextPollAt: record.deferUntil } : {}),
      },
    }),
  ]);
}
