import "server-only";
// Appending to and verifying the audit hash chain (lib/crypto/audit-chain.ts, docs/threat-model.md).
// Appends serialize per workspace on the AuditChainHead row: the upsert below is one INSERT ... ON CONFLICT DO
// UPDATE on PostgreSQL, whose row lock is held until the caller's transaction ends, so two console instances
// writing at once queue up instead of forking the chain. The unique (workspaceId, chainSeq) backs this up.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { auditEventHash, GENESIS_HASH } from "@/lib/crypto/audit-chain";

type Tx = Prisma.TransactionClient;
const onPostgres = !env.DATABASE_URL.startsWith("file:");

export interface ChainedEventInput {
  workspaceId: number;
  projectId: number | null;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: number | null;
  outcome: string;
  detail: Prisma.InputJsonValue;
}

// Appends to one workspace queue on its head row; under a burst, waiting for the pool and the lock takes longer
// than Prisma's 2 s default.
const APPEND_TX = { maxWait: 15_000, timeout: 15_000 };

/** Inside the caller's transaction when given one, else in its own: the event and the head move together. */
export async function appendAuditEvent(input: ChainedEventInput, tx?: Tx): Promise<void> {
  if (!tx) {
    await db.$transaction((t) => appendLocked(input, t), APPEND_TX);
    return;
  }
  await appendLocked(input, tx);
}

async function appendLocked(input: ChainedEventInput, tx: Tx): Promise<void> {
  // Takes the lock and claims the next position in one statement; lastHash is still the previous event's.
  const head = await tx.auditChainHead.upsert({
    where: { workspaceId: input.workspaceId },
    create: { workspaceId: input.workspaceId, seq: 1, lastHash: GENESIS_HASH },
    update: { seq: { increment: 1 } },
    select: { seq: true, lastHash: true },
  });
  const createdAt = new Date();
  // Round-trip through JSON so the hash covers exactly what the Json column will hand back.
  const detail = JSON.parse(JSON.stringify(input.detail)) as Prisma.InputJsonValue;
  const hash = auditEventHash({ ...input, detail, chainSeq: head.seq, createdAt }, head.lastHash);
  const event = { ...input, detail, createdAt, chainSeq: head.seq, prevHash: head.lastHash, hash };
  if (onPostgres) return insertAndAdvance(event, tx);
  await tx.auditEvent.create({ data: event });
  await tx.auditChainHead.update({ where: { workspaceId: input.workspaceId }, data: { lastHash: hash } });
}

type ChainedEvent = ChainedEventInput & { createdAt: Date; chainSeq: number; prevHash: string; hash: string };

/**
 * PostgreSQL: the event and the head's new hash in one statement (a data-modifying CTE), one round trip less per
 * audited write (docs/agent.md, "Figures"). createdAt goes as UTC text into `timestamp(3)`, as Prisma writes it,
 * so the hash computed above is what verification reads back.
 */
async function insertAndAdvance(e: ChainedEvent, tx: Tx): Promise<void> {
  await tx.$executeRaw`WITH event AS (
    INSERT INTO "AuditEvent" ("workspaceId", "projectId", "actorUserId", "actorLabel", "action", "targetType", "targetId", "outcome", "detail", "createdAt", "chainSeq", "prevHash", "hash")
    VALUES (${e.workspaceId}, ${e.projectId}, ${e.actorUserId}, ${e.actorLabel}, ${e.action}, ${e.targetType}, ${e.targetId}, ${e.outcome},
      ${JSON.stringify(e.detail)}::jsonb, ${e.createdAt.toISOString()}::timestamp(3), ${e.chainSeq}, ${e.prevHash}, ${e.hash})
  )
  UPDATE "AuditChainHead" SET "lastHash" = ${e.hash} WHERE "workspaceId" = ${e.workspaceId}`;
}

export interface ChainVerification {
  workspaceId: number;
  ok: boolean;
  /** Chained events checked. */
  events: number;
  /** Events written before the chain existed (migration 0006), not verifiable. */
  preChain: number;
  /** The first broken link, in words; null when ok. */
  message: string | null;
  brokenEventId: number | null;
}

const BATCH = 500;
const eventFields = {
  id: true,
  workspaceId: true,
  projectId: true,
  actorUserId: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  outcome: true,
  detail: true,
  createdAt: true,
  chainSeq: true,
  prevHash: true,
  hash: true,
} satisfies Prisma.AuditEventSelect;

/** Walks the workspace's chain in order and stops at the first broken link; stores the result on the head. */
export async function verifyAuditChain(workspaceId: number, onProgress?: (checked: number, total: number) => void): Promise<ChainVerification> {
  const result = await walkChain(workspaceId, onProgress);
  const verified = { verifiedAt: new Date(), verifiedOk: result.ok, verifiedEvents: result.events, verifiedMessage: result.message };
  // A workspace without events has no head yet: an empty head (seq 0, genesis) is what the first append expects.
  await db.auditChainHead.upsert({
    where: { workspaceId },
    create: { workspaceId, seq: 0, lastHash: GENESIS_HASH, ...verified },
    update: verified,
  });
  return result;
}

async function walkChain(workspaceId: number, onProgress?: (checked: number, total: number) => void): Promise<ChainVerification> {
  const head = await db.auditChainHead.findUnique({ where: { workspaceId }, select: { seq: true, lastHash: true } });
  const firstChained = await db.auditEvent.findFirst({ where: { workspaceId, chainSeq: { not: null } }, orderBy: { id: "asc" }, select: { id: true } });
  const preChain = await db.auditEvent.count({ where: { workspaceId, chainSeq: null, ...(firstChained ? { id: { lt: firstChained.id } } : {}) } });
  const base = { workspaceId, preChain };
  const broken = (events: number, message: string, brokenEventId: number | null): ChainVerification => ({ ...base, ok: false, events, message, brokenEventId });
  if (firstChained) {
    // An event without chain fields after the chain started had them removed: it would otherwise hide.
    const stripped = await db.auditEvent.findFirst({ where: { workspaceId, chainSeq: null, id: { gt: firstChained.id } }, select: { id: true } });
    if (stripped) return broken(0, `Event #${stripped.id} has no chain hash although it was written after the chain started.`, stripped.id);
  }
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { workspaceId, chainSeq: { gte: expectedSeq } },
      orderBy: { chainSeq: "asc" },
      take: BATCH,
      select: eventFields,
    });
    for (const row of rows) {
      const seq = row.chainSeq as number;
      if (seq !== expectedSeq) return broken(checked, `Events ${expectedSeq}–${seq - 1} of the chain are missing (deleted) before event #${row.id}.`, row.id);
      if (row.prevHash !== prevHash) return broken(checked, `Event #${row.id} does not link to the event before it.`, row.id);
      if (auditEventHash({ ...row, chainSeq: seq }, prevHash) !== row.hash)
        return broken(checked, `Event #${row.id} was changed after it was written.`, row.id);
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    // The head counts every chained event, so the CLI can show "n of total" (it may move on if events are written meanwhile).
    onProgress?.(checked, Math.max(head?.seq ?? 0, checked));
    if (rows.length < BATCH) break;
  }
  const headSeq = head?.seq ?? 0;
  if (headSeq !== checked || (head && head.lastHash !== prevHash)) {
    return broken(checked, `The chain head is at event ${headSeq} but ${checked} events remain: the newest were deleted.`, null);
  }
  return { ...base, ok: true, events: checked, message: null, brokenEventId: null };
}

export interface LastVerification {
  at: Date;
  ok: boolean;
  events: number;
  message: string | null;
}

export async function lastAuditVerification(workspaceId: number): Promise<LastVerification | null> {
  const head = await db.auditChainHead.findUnique({ where: { workspaceId } });
  if (!head?.verifiedAt) return null;
  return { at: head.verifiedAt, ok: head.verifiedOk ?? false, events: head.verifiedEvents ?? 0, message: head.verifiedMessage };
}

export async function chainedWorkspaceIds(): Promise<number[]> {
  const rows = await db.workspace.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}
