import "server-only";
// Workspace vs project scope: what a switch would break (from the reverse index), the switch itself (one
// transaction, optimistic version check, audit), and the "scope changed" flags it leaves behind.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import type { CredentialFieldName } from "@/lib/connections/types";
import { auditBy, recordAudit } from "./audit";
import { workflowSecretsResolvingThrough } from "./workflow-secrets";
import type { SecretsScope, AffectedField, ScopeSwitchPreview } from "@/lib/views/secrets";

/** The configuration id each project resolves through now (null: none configured). */
export async function activeConfigIdByProject(workspaceId: number): Promise<{ scope: SecretsScope; byProject: Map<number, number | null> }> {
  const [ws, projects, configs] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { secretsScope: true } }),
    db.project.findMany({ where: { workspaceId }, select: { id: true } }),
    db.secretsProviderConfig.findMany({ where: { workspaceId, currentOwnerKey: { not: null } }, select: { id: true, projectId: true } }),
  ]);
  const scope = ws.secretsScope as SecretsScope;
  const workspaceConfig = configs.find((c) => c.projectId === null)?.id ?? null;
  const byProject = new Map(projects.map((p) => [p.id, scope === "workspace" ? workspaceConfig : (configs.find((c) => c.projectId === p.id)?.id ?? null)]));
  return { scope, byProject };
}

const fieldSelect = {
  name: true,
  providerConfigId: true,
  connection: { select: { id: true, name: true, projectId: true, project: { select: { name: true } } } },
} as const;

function toAffected(f: { name: string; connection: { id: number; name: string; projectId: number; project: { name: string } } }): AffectedField {
  return {
    connectionId: f.connection.id,
    connectionName: f.connection.name,
    projectId: f.connection.projectId,
    projectName: f.connection.project.name,
    fieldName: f.name as CredentialFieldName,
  };
}

export async function previewScopeSwitch(actor: WorkspaceActor): Promise<ScopeSwitchPreview> {
  assertAdmin(actor);
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId }, select: { secretsScope: true, scopeVersion: true } });
  const from = ws.secretsScope as SecretsScope;
  const to: SecretsScope = from === "workspace" ? "project" : "workspace";
  const { byProject } = await activeConfigIdByProject(actor.workspaceId);
  // One indexed read, outside any transaction (docs/scopes.md "Impact before anything breaks").
  const affectedWorkflowSecrets = await workflowSecretsResolvingThrough(actor.workspaceId, byProject);
  const activeIds = [...new Set([...byProject.values()].filter((id): id is number => id !== null))];
  const fields = await db.credentialField.findMany({
    where: { mode: "template", providerConfigId: { in: activeIds }, connection: { workspaceId: actor.workspaceId } },
    select: fieldSelect,
    orderBy: [{ connection: { name: "asc" } }, { name: "asc" }],
  });
  const affected = fields.filter((f) => byProject.get(f.connection.projectId) === f.providerConfigId).map(toAffected);
  const configs = await db.secretsProviderConfig.findMany({
    where: { workspaceId: actor.workspaceId, currentOwnerKey: { not: null } },
    select: { projectId: true, kind: true, lastTestOk: true },
  });
  const targets =
    to === "workspace"
      ? [configs.find((c) => c.projectId === null)].map((c) => ({ projectId: null, name: "Workspace", kind: c?.kind ?? null, ready: c?.lastTestOk === true }))
      : (await db.project.findMany({ where: { workspaceId: actor.workspaceId }, select: { id: true, name: true }, orderBy: { name: "asc" } })).map((p) => {
          const c = configs.find((x) => x.projectId === p.id);
          return { projectId: p.id, name: p.name, kind: c?.kind ?? null, ready: c?.lastTestOk === true };
        });
  return { from, to, scopeVersion: ws.scopeVersion, affected, affectedWorkflowSecrets, targets };
}

export async function switchSecretsScope(actor: WorkspaceActor, input: { to: SecretsScope; expectedVersion: number }): Promise<{ affectedFields: number }> {
  assertAdmin(actor);
  const preview = await previewScopeSwitch(actor);
  return db.$transaction(async (tx) => {
    const { count } = await tx.workspace.updateMany({
      where: { id: actor.workspaceId, scopeVersion: input.expectedVersion, secretsScope: { not: input.to } },
      data: { secretsScope: input.to, scopeVersion: { increment: 1 } },
    });
    if (count === 0) throw new AppError("CONFLICT", "Secrets settings changed since you opened this dialog. Close it and review the current scope.");
    await recordAudit(
      {
        ...auditBy(actor),
        action: "secrets.scope.switched",
        targetType: "workspace",
        targetId: actor.workspaceId,
        detail: { from: preview.from, to: input.to, affectedFields: preview.affected.length },
      },
      tx,
    );
    return { affectedFields: preview.affected.length };
  });
}

/** Template fields saved under a configuration that is not the active one for their project. */
export async function listScopeChangedFields(
  actor: WorkspaceActor | ProjectActor,
  only?: { connectionId: number; fieldName: CredentialFieldName },
): Promise<Array<AffectedField & { template: string; providerConfigId: number | null }>> {
  const { byProject } = await activeConfigIdByProject(actor.workspaceId);
  const projectFilter = "projectId" in actor ? { projectId: actor.projectId } : {};
  const fields = await db.credentialField.findMany({
    where: {
      mode: "template",
      ...(only ? { connectionId: only.connectionId, name: only.fieldName } : {}),
      connection: { workspaceId: actor.workspaceId, ...projectFilter },
    },
    select: { ...fieldSelect, template: true },
    orderBy: [{ connection: { name: "asc" } }, { name: "asc" }],
  });
  return fields
    .filter((f) => f.providerConfigId !== (byProject.get(f.connection.projectId) ?? null))
    .map((f) => ({ ...toAffected(f), template: f.template ?? "", providerConfigId: f.providerConfigId }));
}

function assertAdmin(actor: WorkspaceActor): void {
  if (!isWorkspaceAdmin(actor.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace owners and admins can switch the secrets scope.");
}
