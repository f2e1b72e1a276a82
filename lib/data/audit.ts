import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { containsText } from "./text-search";
import { appendAuditEvent } from "./audit-chain";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";

type Tx = Prisma.TransactionClient;

export interface AuditInput {
  workspaceId: number;
  projectId?: number | null;
  actorUserId?: number | null;
  actorLabel: string;
  action: string;
  targetType?: string;
  targetId?: number;
  outcome?: "success" | "failure";
  /** Never a secret value: names, ids, counts, error codes. */
  detail?: Prisma.InputJsonValue;
}

/** Writes one audit event, chained (lib/data/audit-chain.ts), inside the caller's transaction when given one (docs/style.md rule 7). */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  await appendAuditEvent(
    {
      workspaceId: input.workspaceId,
      projectId: input.projectId ?? null,
      actorUserId: input.actorUserId ?? null,
      actorLabel: input.actorLabel,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      outcome: input.outcome ?? "success",
      detail: input.detail ?? {},
    },
    tx === db ? undefined : tx,
  );
}

export function auditBy(actor: { userId: number; email: string; workspaceId: number; apiTokenId?: number }) {
  return { workspaceId: actor.workspaceId, actorUserId: actor.apiTokenId ? null : actor.userId, actorLabel: actor.email };
}

export interface AuditFilters {
  action?: string;
  outcome?: "success" | "failure";
  projectId?: number;
  actor?: string;
  before?: number; // cursor: events with id < before
  limit?: number;
}

const auditSelect = {
  id: true,
  projectId: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  outcome: true,
  detail: true,
  createdAt: true,
} satisfies Prisma.AuditEventSelect;

export type AuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof auditSelect }>;

/** Projects whose events the actor may read: all for workspace admins, else those they administer. */
export async function auditableProjectIds(actor: WorkspaceActor): Promise<number[] | "all"> {
  if (isWorkspaceAdmin(actor.workspaceRole)) return "all";
  const rows = await db.projectMembership.findMany({
    where: { userId: actor.userId, role: "admin", project: { workspaceId: actor.workspaceId } },
    select: { projectId: true },
  });
  return rows.map((r) => r.projectId);
}

/** Authorization is part of the where: a project admin's query cannot reach other projects' events. */
export async function listAuditEvents(actor: WorkspaceActor, filters: AuditFilters): Promise<{ events: AuditEventRow[]; nextBefore: number | null }> {
  const limit = Math.min(filters.limit ?? 50, 200);
  const allowed = await auditableProjectIds(actor);
  const projectWhere =
    allowed === "all"
      ? filters.projectId !== undefined
        ? { projectId: filters.projectId }
        : {}
      : { projectId: { in: filters.projectId !== undefined ? allowed.filter((id) => id === filters.projectId) : allowed } };
  const events = await db.auditEvent.findMany({
    where: {
      workspaceId: actor.workspaceId,
      ...projectWhere,
      ...(filters.action ? { action: { startsWith: filters.action } } : {}),
      ...(filters.outcome ? { outcome: filters.outcome } : {}),
      ...(filters.actor ? { actorLabel: containsText(filters.actor) } : {}),
      ...(filters.before ? { id: { lt: filters.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: auditSelect,
  });
  const hasMore = events.length > limit;
  const page = hasMore ? events.slice(0, limit) : events;
  return { events: page, nextBefore: hasMore ? (page[page.length - 1]?.id ?? null) : null };
}

export async function listAuditActions(actor: WorkspaceActor): Promise<string[]> {
  const rows = await db.auditEvent.findMany({
    where: { workspaceId: actor.workspaceId },
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((r) => r.action);
}

/** The events a filtered export holds: newest first, at most `max` (the export says when it stopped short). */
export async function exportAuditEvents(
  actor: WorkspaceActor,
  filters: Omit<AuditFilters, "limit">,
  max: number,
): Promise<{ events: AuditEventRow[]; truncated: boolean }> {
  const events: AuditEventRow[] = [];
  let before = filters.before;
  while (events.length < max) {
    const page = await listAuditEvents(actor, { ...filters, before, limit: Math.min(200, max - events.length) });
    events.push(...page.events);
    if (page.nextBefore === null) return { events, truncated: false };
    before = page.nextBefore;
  }
  return { events, truncated: true };
}
