import "server-only";
// The job table (docs/agent.md). A job is created for one group, claimed by one of its agents' polls
// (pending → dispatched), acknowledged (→ acked) and answered once (→ done); or it fails. Every transition is a
// conditional update, so two polls never claim one job and a second result for a job id is refused. The
// payload is encrypted under a per-job data key (it may carry values the console resolved) and wiped at the end.
// A forwarded provider response holds secret values (a Vault KV read), so its result is sealed the same way
// (never the plain `result` column) and wiped as soon as the waiting console instance has taken it.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { decryptValue, encryptValue, generateDataKey, unwrapDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { getMasterKey } from "@/lib/crypto/keyring";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { JobKind, JobMessage } from "@/lib/agent/protocol";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AgentIdentity } from "./agent-sessions";
import { recordAudit } from "./audit";

const onPostgres = !env.DATABASE_URL.startsWith("file:");
const WIPE = { wrappedDataKey: null, ciphertext: null, iv: null, tag: null };
const context = (id: string) => `agent-job:${id}`;
const resultContext = (id: string) => `agent-job:${id}:result`;
/** Kinds whose result may carry a secret value: stored encrypted, wiped once read (takeAgentJobResult). */
const SEALED_RESULTS: ReadonlySet<JobKind> = new Set(["http.forward"]);

function seal(id: string, result: unknown) {
  const dataKey = generateDataKey();
  return { wrappedDataKey: wrapDataKey(dataKey, getMasterKey()), ...encryptValue(JSON.stringify(result), dataKey, resultContext(id)) };
}

export interface NewAgentJob {
  workspaceId: number;
  groupId: number;
  kind: JobKind;
  payload: unknown;
  deadlineAt: Date;
  /** Audit: who asked, and a value-free description (connection id, provider config id, ...). */
  actorLabel: string;
  actorUserId?: number | null;
  projectId?: number | null;
  detail: Record<string, string | number | boolean | null>;
}

export async function createAgentJob(job: NewAgentJob): Promise<string> {
  const id = randomUUID();
  const dataKey = generateDataKey();
  const enc = encryptValue(JSON.stringify(job.payload), dataKey, context(id));
  await db.$transaction(async (tx) => {
    await tx.agentJob.create({
      data: {
        id,
        workspaceId: job.workspaceId,
        groupId: job.groupId,
        kind: job.kind,
        wrappedDataKey: wrapDataKey(dataKey, getMasterKey()),
        ...enc,
        deadlineAt: job.deadlineAt,
      },
    });
    await recordAudit(
      {
        workspaceId: job.workspaceId,
        projectId: job.projectId ?? null,
        actorUserId: job.actorUserId ?? null,
        actorLabel: job.actorLabel,
        action: "agent.job.created",
        targetType: "onprem_group",
        targetId: job.groupId,
        detail: { job: id, kind: job.kind, ...job.detail },
      },
      tx,
    );
  });
  return id;
}

export type AgentJobState = Awaited<ReturnType<typeof readAgentJob>>;

export function readAgentJob(id: string) {
  return db.agentJob.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      workspaceId: true,
      groupId: true,
      kind: true,
      status: true,
      agentId: true,
      attempts: true,
      excludedAgents: true,
      result: true,
      error: true,
      dispatchedAt: true,
      deadlineAt: true,
    },
  });
}

interface ClaimedRow {
  id: string;
  kind: string;
  wrappedDataKey: Uint8Array<ArrayBuffer> | null;
  ciphertext: Uint8Array<ArrayBuffer> | null;
  iv: Uint8Array<ArrayBuffer> | null;
  tag: Uint8Array<ArrayBuffer> | null;
  deadlineAt: Date;
}

/** Claims up to `max` of the oldest pending jobs of the agent's group that it has not dropped before, with payloads. */
export async function claimAgentJobs(agent: AgentIdentity, sessionId: string, max: number, now = new Date()): Promise<JobMessage[]> {
  const rows = onPostgres ? await claimInOneStatement(agent, sessionId, max, now) : await claimCandidates(agent, sessionId, max, now);
  const claimed: JobMessage[] = [];
  for (const c of rows) {
    if (!c.wrappedDataKey || !c.ciphertext || !c.iv || !c.tag) continue;
    const payload = decryptValue({ ciphertext: c.ciphertext, iv: c.iv, tag: c.tag }, unwrapDataKey(c.wrappedDataKey, getMasterKey()), context(c.id));
    claimed.push({ id: c.id, kind: c.kind, deadlineAt: new Date(c.deadlineAt).getTime(), payload: JSON.parse(payload) } as JobMessage);
  }
  return claimed;
}

/**
 * PostgreSQL: one conditional UPDATE … RETURNING (one round trip). SKIP LOCKED lets concurrent polls, on any
 * instance, take different jobs; the outer `status = 'pending'` keeps a job from being claimed twice regardless.
 */
function claimInOneStatement(agent: AgentIdentity, sessionId: string, max: number, now: Date): Promise<ClaimedRow[]> {
  return db.$queryRaw<ClaimedRow[]>`
    UPDATE "AgentJob" SET "status" = 'dispatched', "agentId" = ${sessionId}, "dispatchedAt" = ${now}, "attempts" = "attempts" + 1
    WHERE "status" = 'pending' AND "id" IN (
      SELECT "id" FROM "AgentJob"
      WHERE "groupId" = ${agent.groupId} AND "workspaceId" = ${agent.workspaceId} AND "status" = 'pending' AND "deadlineAt" > ${now}
        AND NOT ("excludedAgents" @> ${JSON.stringify([sessionId])}::jsonb)
      ORDER BY "createdAt", "id" LIMIT ${max} FOR UPDATE SKIP LOCKED)
    RETURNING "id", "kind", "wrappedDataKey", "ciphertext", "iv", "tag", "deadlineAt"`;
}

/** SQLite (one writer): the candidates with their payloads, then one conditional update per job (one winner). */
async function claimCandidates(agent: AgentIdentity, sessionId: string, max: number, now: Date): Promise<ClaimedRow[]> {
  const candidates = await db.agentJob.findMany({
    where: { groupId: agent.groupId, workspaceId: agent.workspaceId, status: "pending", deadlineAt: { gt: now } },
    orderBy: { createdAt: "asc" },
    take: max * 2,
    select: { id: true, excludedAgents: true, kind: true, wrappedDataKey: true, ciphertext: true, iv: true, tag: true, deadlineAt: true },
  });
  const won: ClaimedRow[] = [];
  for (const { excludedAgents, ...c } of candidates) {
    if (won.length >= max) break;
    if ((excludedAgents as string[]).includes(sessionId)) continue;
    const { count } = await db.agentJob.updateMany({
      where: { id: c.id, status: "pending" },
      data: { status: "dispatched", agentId: sessionId, dispatchedAt: now, attempts: { increment: 1 } },
    });
    if (count === 1) won.push(c); // 0: another poll won it
  }
  return won;
}

export async function ackAgentJob(agent: AgentIdentity, sessionId: string, jobId: string): Promise<void> {
  const { count } = await db.agentJob.updateMany({
    where: { id: jobId, groupId: agent.groupId, agentId: sessionId, status: "dispatched" },
    data: { status: "acked", ackedAt: new Date() },
  });
  if (count === 0) throw new AppError("CONFLICT", "This job is not waiting for this agent's acknowledgement.");
}

/**
 * Stores the one result of a job; a second result, a result from another agent, or one for another kind of job
 * (the kind the agent named, unchecked until here) is a conflict, and nothing is stored.
 */
export async function completeAgentJob(
  agent: AgentIdentity,
  sessionId: string,
  job: { id: string; kind: JobKind },
  result: Prisma.InputJsonValue,
  ok: boolean,
): Promise<void> {
  const jobId = job.id;
  const stored = SEALED_RESULTS.has(job.kind) ? { result: Prisma.DbNull, ...seal(jobId, result) } : { result, ...WIPE };
  await db.$transaction(async (tx) => {
    const { count } = await tx.agentJob.updateMany({
      where: { id: jobId, groupId: agent.groupId, agentId: sessionId, kind: job.kind, status: { in: ["dispatched", "acked"] } },
      data: { status: "done", finishedAt: new Date(), ...stored },
    });
    if (count === 0) throw new AppError("CONFLICT", `This job already has a result, is not this agent's, or is not a ${job.kind} job.`);
    await recordAudit(
      {
        workspaceId: agent.workspaceId,
        actorLabel: agent.label,
        action: "agent.job.result",
        targetType: "onprem_group",
        targetId: agent.groupId,
        outcome: ok ? "success" : "failure",
        detail: { job: jobId },
      },
      tx,
    );
  });
}

/**
 * The result of a finished job, for the one console instance waiting on it. A sealed result is decrypted and
 * wiped in the same step, so the database holds it only between the agent's answer and this read.
 */
export async function takeAgentJobResult(job: { id: string; kind: string; result: unknown }): Promise<unknown> {
  if (!SEALED_RESULTS.has(job.kind as JobKind)) return job.result;
  const row = await db.agentJob.findUniqueOrThrow({ where: { id: job.id }, select: { wrappedDataKey: true, ciphertext: true, iv: true, tag: true } });
  if (!row.wrappedDataKey || !row.ciphertext || !row.iv || !row.tag) throw new AppError("CONFLICT", "This job's result was already taken.");
  const text = decryptValue({ ciphertext: row.ciphertext, iv: row.iv, tag: row.tag }, unwrapDataKey(row.wrappedDataKey, getMasterKey()), resultContext(job.id));
  await db.agentJob.update({ where: { id: job.id }, data: WIPE });
  return JSON.parse(text);
}

/** Sends a job dropped by `agentId` back to the queue for another agent; false when it moved on meanwhile. */
export async function requeueAgentJob(job: { id: string; agentId: string; excluded: string[] }): Promise<boolean> {
  const { count } = await db.agentJob.updateMany({
    where: { id: job.id, status: "dispatched", agentId: job.agentId },
    data: { status: "pending", agentId: null, dispatchedAt: null, excludedAgents: [...job.excluded, job.agentId] },
  });
  return count === 1;
}

/** Ends a job without a result (no agent, dropped, deadline); false when a result won the race. */
export async function failAgentJob(job: { id: string; workspaceId: number; groupId: number }, error: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.agentJob.updateMany({
      where: { id: job.id, status: { in: ["pending", "dispatched", "acked"] } },
      data: { status: "failed", error, finishedAt: new Date(), ...WIPE },
    });
    if (count === 1) {
      await recordAudit(
        {
          workspaceId: job.workspaceId,
          actorLabel: "Keyhold",
          action: "agent.job.failed",
          targetType: "onprem_group",
          targetId: job.groupId,
          outcome: "failure",
          detail: { job: job.id, error },
        },
        tx,
      );
    }
    return count === 1;
  });
}

/** The kind of one of the agent's group's jobs (to validate its result), or NOT_FOUND. */
export async function agentJobKind(agent: AgentIdentity, jobId: string): Promise<JobKind> {
  const row = await db.agentJob.findFirst({ where: { id: jobId, groupId: agent.groupId, workspaceId: agent.workspaceId }, select: { kind: true } });
  if (!row) throw new AppError("NOT_FOUND", "Unknown job.");
  return row.kind as JobKind;
}

/** How long after its deadline a job may still be answered or read: the waiter gives up at the deadline. */
export const AGENT_JOB_WIPE_AFTER_MS = 60_000;
/** How long a job's row stays after its deadline; its history is in the audit log (agent.job.* events). */
export const AGENT_JOB_RETENTION_MS = 24 * 60 * 60_000;

/**
 * Past its deadline nobody can claim a job or wait for its answer, so whatever it still carries (a payload
 * nobody claimed, a sealed result whose waiter crashed) is wiped; after the retention the row goes. Both are
 * single statements by the deadline index, safe to run on every instance at once.
 */
export async function sweepAgentJobs(now = new Date()): Promise<{ wiped: number; deleted: number }> {
  const wiped = await db.agentJob.updateMany({
    where: { deadlineAt: { lt: new Date(now.getTime() - AGENT_JOB_WIPE_AFTER_MS) }, wrappedDataKey: { not: null } },
    data: WIPE,
  });
  const deleted = await db.agentJob.deleteMany({ where: { deadlineAt: { lt: new Date(now.getTime() - AGENT_JOB_RETENTION_MS) } } });
  return { wiped: wiped.count, deleted: deleted.count };
}
