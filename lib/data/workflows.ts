import "server-only";
// A project's workflow definitions (docs/workflows.md). Every save is a new revision with Keyhold's own number;
// the author's document.version is stored for display only. The text holds secret names, never values.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectActor } from "@/lib/auth/actor";
import { hasProjectCapability } from "@/lib/auth/roles";
import { auditBy, recordAudit } from "./audit";

export interface SaveDefinitionInput {
  namespace: string;
  name: string;
  version: string;
  format: "yaml" | "json";
  source: string;
  /** Secret names the engine found in the definition. */
  secretsRead: string[];
}

export interface WorkflowSummary {
  id: number;
  namespace: string;
  name: string;
  revision: number;
  version: string;
  updatedAt: Date;
}

export interface WorkflowDefinition extends WorkflowSummary {
  format: "yaml" | "json";
  source: string;
  secretsRead: string[];
  allowedHosts: string[];
}

export function assertCanEditWorkflows(actor: ProjectActor): void {
  if (!hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit")) {
    throw new AppError("FORBIDDEN", "Only project editors and admins can change or run workflows.");
  }
}

/** Creates the workflow on its first save, otherwise adds a revision. Returns the id and the new revision. */
export async function saveWorkflowDefinition(actor: ProjectActor, input: SaveDefinitionInput): Promise<{ id: number; revision: number }> {
  assertCanEditWorkflows(actor);
  return db.$transaction(async (tx) => {
    const key = { projectId_namespace_name: { projectId: actor.projectId, namespace: input.namespace, name: input.name } };
    const existing = await tx.workflow.findUnique({ where: key, select: { id: true, revision: true } });
    const wf = existing
      ? await tx.workflow.update({ where: { id: existing.id }, data: { revision: { increment: 1 } }, select: { id: true, revision: true } })
      : await tx.workflow.create({
          data: { workspaceId: actor.workspaceId, projectId: actor.projectId, namespace: input.namespace, name: input.name },
          select: { id: true, revision: true },
        });
    await tx.workflowRevision.create({
      data: {
        workflowId: wf.id,
        revision: wf.revision,
        source: input.source,
        format: input.format,
        version: input.version,
        secretsRead: input.secretsRead,
        createdById: actor.userId || null,
        createdBy: actor.email,
      },
    });
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: actor.projectId,
        action: existing ? "workflow.updated" : "workflow.created",
        targetType: "workflow",
        targetId: wf.id,
        detail: { namespace: input.namespace, name: input.name, revision: wf.revision, version: input.version, secrets: input.secretsRead },
      },
      tx,
    );
    return wf;
  });
}

export async function listWorkflows(actor: ProjectActor): Promise<WorkflowSummary[]> {
  const rows = await db.workflow.findMany({
    where: { projectId: actor.projectId, project: { workspaceId: actor.workspaceId } },
    orderBy: [{ namespace: "asc" }, { name: "asc" }],
    select: {
      id: true,
      namespace: true,
      name: true,
      revision: true,
      updatedAt: true,
      revisions: { orderBy: { revision: "desc" }, take: 1, select: { version: true } },
    },
  });
  return rows.map(({ revisions, ...r }) => ({ ...r, version: revisions[0]?.version ?? "" }));
}

/** The latest revision (or the given one) of a workflow of the actor's project. */
export async function getWorkflow(
  actor: ProjectActor,
  where: { id: number } | { namespace: string; name: string },
  revision?: number,
): Promise<WorkflowDefinition> {
  const wf = await db.workflow.findFirst({
    where: { ...where, projectId: actor.projectId, workspaceId: actor.workspaceId },
    select: {
      id: true,
      namespace: true,
      name: true,
      revision: true,
      updatedAt: true,
      allowedHosts: { select: { pattern: true }, orderBy: { pattern: "asc" } },
    },
  });
  if (!wf) throw new AppError("NOT_FOUND", "No such workflow in this project.");
  const rev = await db.workflowRevision.findUnique({ where: { workflowId_revision: { workflowId: wf.id, revision: revision ?? wf.revision } } });
  if (!rev) throw new AppError("NOT_FOUND", "No such revision of this workflow.");
  return {
    id: wf.id,
    namespace: wf.namespace,
    name: wf.name,
    revision: rev.revision,
    version: rev.version,
    updatedAt: wf.updatedAt,
    format: rev.format === "json" ? "json" : "yaml",
    source: rev.source,
    secretsRead: Array.isArray(rev.secretsRead) ? rev.secretsRead.map(String) : [],
    allowedHosts: wf.allowedHosts.map((h) => h.pattern),
  };
}

/** Whether the project belongs to the workspace: an API token acts for its workspace only. */
export async function projectInWorkspace(workspaceId: number, projectId: number): Promise<boolean> {
  return (await db.project.count({ where: { id: projectId, workspaceId } })) === 1;
}

/**
 * Deletes a workflow with its revisions, allowed hosts, bindings and runs (docs/workflows.md "Deleting a
 * workflow"): runs and traces belong to the workflow, and what matters about each run stays in the audit log
 * (workflow.run.finished: how it ended and which secrets it read). Refused while a run is pending or running,
 * so no worker writes into a deleted run.
 */
export async function deleteWorkflow(actor: ProjectActor, workflowId: number): Promise<{ runsDeleted: number }> {
  assertCanEditWorkflows(actor);
  return db.$transaction(async (tx) => {
    const wf = await tx.workflow.findFirst({
      where: { id: workflowId, projectId: actor.projectId, workspaceId: actor.workspaceId },
      select: { id: true, namespace: true, name: true, revision: true },
    });
    if (!wf) throw new AppError("NOT_FOUND", "No such workflow in this project.");
    const active = await tx.workflowRun.count({ where: { workflowId: wf.id, status: { in: ["pending", "running"] } } });
    if (active > 0) throw new AppError("CONFLICT", `${active} run${active === 1 ? " is" : "s are"} still queued or running: cancel or wait for them first.`);
    const runsDeleted = await tx.workflowRun.count({ where: { workflowId: wf.id } });
    await tx.workflow.delete({ where: { id: wf.id } });
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: actor.projectId,
        action: "workflow.deleted",
        targetType: "workflow",
        targetId: wf.id,
        detail: { namespace: wf.namespace, name: wf.name, revision: wf.revision, runsDeleted },
      },
      tx,
    );
    return { runsDeleted };
  });
}
