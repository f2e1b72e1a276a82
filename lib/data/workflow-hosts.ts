import "server-only";
// A workflow's allowed hosts (docs/workflows.md "Destinations"): project admins set them, with their password
// entered a moment ago (a RecentAuth proof), because widening the list lets the workflow's secrets reach a new
// host: the save binds them there (lib/data/workflow-secret-bindings.ts). Editors propose hosts; a project
// admin approves (the same confirmed save) or declines. Every step is audited.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectActor } from "@/lib/auth/actor";
import { isRecentFor, type RecentAuth } from "@/lib/auth/recent-auth";
import { hasProjectCapability } from "@/lib/auth/roles";
import { auditBy, recordAudit } from "./audit";
import { bindConfirmedHosts } from "./workflow-secret-bindings";
import { assertCanEditWorkflows } from "./workflows";

type Tx = Prisma.TransactionClient;

export interface HostProposalView {
  id: number;
  pattern: string;
  reason: string;
  proposedBy: string;
  createdAt: Date;
}

function assertAdmin(actor: ProjectActor, confirmed: RecentAuth | undefined, needsConfirmation = true): void {
  if (!hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.admin")) {
    throw new AppError("FORBIDDEN", "Only project admins can set the hosts a workflow may call.");
  }
  if (needsConfirmation && !isRecentFor(confirmed, actor.userId))
    throw new AppError("REAUTH_REQUIRED", "Confirm your password to change where this workflow's secrets may go.");
}

async function workflowOf(tx: Tx | typeof db, actor: ProjectActor, workflowId: number) {
  const wf = await tx.workflow.findFirst({
    where: { id: workflowId, projectId: actor.projectId, workspaceId: actor.workspaceId },
    select: { id: true, projectId: true },
  });
  if (!wf) throw new AppError("NOT_FOUND", "No such workflow in this project.");
  return wf;
}

async function replaceHosts(tx: Tx, actor: ProjectActor, workflow: { id: number; projectId: number }, patterns: string[], via: Record<string, unknown> = {}) {
  const unique = [...new Set(patterns)].sort();
  const before = (await tx.workflowAllowedHost.findMany({ where: { workflowId: workflow.id }, select: { pattern: true } })).map((h) => h.pattern).sort();
  await tx.workflowAllowedHost.deleteMany({ where: { workflowId: workflow.id } });
  await tx.workflowAllowedHost.createMany({ data: unique.map((pattern) => ({ workflowId: workflow.id, pattern })) });
  await tx.workflowHostProposal.deleteMany({ where: { workflowId: workflow.id, pattern: { in: unique } } });
  const secretsBound = await bindConfirmedHosts(tx, workflow, unique);
  await recordAudit(
    {
      ...auditBy(actor),
      projectId: actor.projectId,
      action: "workflow.hosts.changed",
      targetType: "workflow",
      targetId: workflow.id,
      detail: { before, after: unique, how: "confirmed", secretsBound, ...via } as Prisma.InputJsonValue,
    },
    tx,
  );
}

/** Replaces the allow-list; the workflow's secrets are bound to every host on it (the admin confirmed). */
export async function setAllowedHosts(actor: ProjectActor, workflowId: number, patterns: string[], confirmed: RecentAuth | undefined): Promise<void> {
  assertAdmin(actor, confirmed);
  await db.$transaction(async (tx) => replaceHosts(tx, actor, await workflowOf(tx, actor, workflowId), patterns));
}

/** An editor asks for a host; nothing can reach it until a project admin approves. */
export async function proposeAllowedHost(actor: ProjectActor, workflowId: number, input: { pattern: string; reason: string }): Promise<void> {
  assertCanEditWorkflows(actor);
  await db.$transaction(async (tx) => {
    const wf = await workflowOf(tx, actor, workflowId);
    if (await tx.workflowAllowedHost.findUnique({ where: { workflowId_pattern: { workflowId: wf.id, pattern: input.pattern } } })) {
      throw new AppError("VALIDATION", `${input.pattern} is already allowed.`, "pattern");
    }
    const row = await tx.workflowHostProposal.upsert({
      where: { workflowId_pattern: { workflowId: wf.id, pattern: input.pattern } },
      create: { workflowId: wf.id, pattern: input.pattern, reason: input.reason, proposedById: actor.userId || null, proposedBy: actor.email },
      update: { reason: input.reason, proposedById: actor.userId || null, proposedBy: actor.email },
      select: { id: true },
    });
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: actor.projectId,
        action: "workflow.hosts.proposed",
        targetType: "workflow",
        targetId: wf.id,
        detail: { proposalId: row.id, pattern: input.pattern, reason: input.reason },
      },
      tx,
    );
  });
}

/** Approve (adds the host with the admin's confirmation) or decline (widens nothing, so no password) a proposal. */
export async function decideHostProposal(actor: ProjectActor, proposalId: number, approve: boolean, confirmed?: RecentAuth): Promise<void> {
  assertAdmin(actor, confirmed, approve);
  await db.$transaction(async (tx) => {
    const proposal = await tx.workflowHostProposal.findFirst({
      where: { id: proposalId, workflow: { projectId: actor.projectId, workspaceId: actor.workspaceId } },
      select: { id: true, pattern: true, proposedBy: true, workflow: { select: { id: true, projectId: true, allowedHosts: { select: { pattern: true } } } } },
    });
    if (!proposal) throw new AppError("NOT_FOUND", "No such proposal in this project.");
    const via = { proposalId: proposal.id, proposedBy: proposal.proposedBy };
    if (approve) {
      await replaceHosts(tx, actor, proposal.workflow, [...proposal.workflow.allowedHosts.map((h) => h.pattern), proposal.pattern], via);
      return;
    }
    await tx.workflowHostProposal.delete({ where: { id: proposal.id } });
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: actor.projectId,
        action: "workflow.hosts.declined",
        targetType: "workflow",
        targetId: proposal.workflow.id,
        detail: { ...via, pattern: proposal.pattern },
      },
      tx,
    );
  });
}

export async function listHostProposals(actor: ProjectActor, workflowId: number): Promise<HostProposalView[]> {
  const wf = await workflowOf(db, actor, workflowId);
  return db.workflowHostProposal.findMany({
    where: { workflowId: wf.id },
    orderBy: { createdAt: "asc" },
    take: 100,
    select: { id: true, pattern: true, reason: true, proposedBy: true, createdAt: true },
  });
}
