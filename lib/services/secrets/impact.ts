import "server-only";
// One answer to "what stops resolving if I do this?" for every destructive change (docs/scopes.md "Impact before
// anything breaks"): the confirmation dialog lists it, and the action re-computes it on submit and refuses when
// it no longer matches what the dialog showed. Reads only, a handful of indexed queries, no transaction.
import { createHash } from "node:crypto";
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import { hasProjectCapability } from "@/lib/auth/roles";
import { templateFieldsOf, templateFieldsUnder, workflowSecretsUnder, workflowsReading } from "@/lib/data/impact";
import { getProviderConfig } from "@/lib/data/provider-configs";
import { dependentsOfPolicyEntry } from "@/lib/data/reference-policy";
import { activeConfigIdByProject, previewScopeSwitch } from "@/lib/data/secrets-scope";
import { assertCanConfigure, isProjectActor, type OwnerActor } from "@/lib/data/secrets-owner";
import { AppError } from "@/lib/errors";
import type { CredentialFieldName } from "@/lib/connections/types";
import type { ImpactChange, ImpactField, ImpactReport, ImpactWorkflowSecret } from "@/lib/views/impact";
import type { PolicyDependent, ReferencePolicyView, ScopeSwitchPreview } from "@/lib/views/secrets";

type Lists = { fields: ImpactField[]; workflowSecrets: ImpactWorkflowSecret[] };

/** The exact connections, fields, workflow secrets and workflows that resolve now and would not after `change`. */
export async function impactOf(actor: OwnerActor, change: ImpactChange): Promise<ImpactReport> {
  return reportOf(actor.workspaceId, await listsFor(actor, change));
}

/** The scope-switch dialog's preview (targets, version) and its impact, from one preview query set. */
export async function scopeSwitchImpact(actor: WorkspaceActor): Promise<{ preview: ScopeSwitchPreview; impact: ImpactReport }> {
  const preview = await previewScopeSwitch(actor);
  return { preview, impact: await reportOf(actor.workspaceId, { fields: preview.affected, workflowSecrets: preview.affectedWorkflowSecrets }) };
}

/** The impact of removing each entry of a policy the page already loaded (no query per entry). */
export async function policyEntryImpacts(actor: OwnerActor, policy: ReferencePolicyView): Promise<Record<number, ImpactReport>> {
  assertCanConfigure(actor);
  const { byProject } = await activeConfigIdByProject(actor.workspaceId);
  const out: Record<number, ImpactReport> = {};
  for (const entry of policy.entries) out[entry.id] = await reportOf(actor.workspaceId, policyLists(entry.dependents, byProject, policy.configId));
  return out;
}

async function reportOf(workspaceId: number, lists: Lists): Promise<ImpactReport> {
  const workflows = await workflowsReading(workspaceId, lists.workflowSecrets);
  return {
    fields: lists.fields,
    connectionCount: new Set(lists.fields.map((f) => f.connectionId)).size,
    workflowSecrets: lists.workflowSecrets,
    workflows,
    token: tokenOf(lists),
  };
}

/**
 * The action's re-check: `token` is what the dialog showed. Absent (a scripted caller that never saw a dialog),
 * the change goes ahead as before; present and stale, it is refused with the impact as it is now.
 */
export async function assertImpactConfirmed(actor: OwnerActor, change: ImpactChange, token: string | undefined): Promise<ImpactReport> {
  const now = await impactOf(actor, change);
  if (token !== undefined && token !== now.token) {
    throw new AppError(
      "CONFLICT",
      `What this change breaks has changed since the dialog opened: now ${describeImpact(now)}. Review the list and confirm again.`,
    );
  }
  return now;
}

export function describeImpact(report: Pick<ImpactReport, "fields" | "connectionCount" | "workflowSecrets" | "workflows">): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return `${n(report.fields.length, "field")} in ${n(report.connectionCount, "connection")}, ${n(report.workflowSecrets.length, "workflow secret")} used by ${n(report.workflows.length, "workflow")}`;
}

async function listsFor(actor: OwnerActor, change: ImpactChange): Promise<Lists> {
  switch (change.kind) {
    case "provider-replace":
      return providerImpact(actor);
    case "policy-entry-remove": {
      const { byProject } = await activeConfigIdByProject(actor.workspaceId);
      const config = await getProviderConfig(actor);
      const dependents = await dependentsOfPolicyEntry(actor, change.entryId);
      const fields = dependents
        .filter((d) => config && byProject.get(d.projectId) === config.id)
        .map((d) => ({
          connectionId: d.connectionId,
          connectionName: d.connectionName,
          projectId: d.projectId,
          projectName: d.projectName,
          fieldName: d.field as CredentialFieldName,
        }));
      // Workflow secrets are held to the workflow's destination allow-list, not to the reference policy (docs/workflows.md).
      return { fields: uniqueFields(fields), workflowSecrets: [] };
    }
    case "field-remove": {
      if (!isProjectActor(actor) || !hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit")) throw forbidden();
      const fields = await templateFieldsOf(actor.workspaceId, change.connectionId, change.fieldNames);
      return { fields: fields.filter((f) => f.projectId === (actor as ProjectActor).projectId), workflowSecrets: [] };
    }
    default: {
      if (isProjectActor(actor)) throw forbidden();
      const preview = await previewScopeSwitch(actor);
      return { fields: preview.affected, workflowSecrets: preview.affectedWorkflowSecrets };
    }
  }
}

/** Replacing the owner's configuration breaks what resolves through it now (the scope decides where it is active). */
async function providerImpact(actor: OwnerActor): Promise<Lists> {
  assertCanConfigure(actor);
  const config = await getProviderConfig(actor);
  if (!config) return { fields: [], workflowSecrets: [] };
  const { byProject } = await activeConfigIdByProject(actor.workspaceId);
  const where = { workspaceId: actor.workspaceId, configIds: [config.id], ...(isProjectActor(actor) ? { projectId: actor.projectId } : {}) };
  const [fields, secrets] = await Promise.all([templateFieldsUnder(where), workflowSecretsUnder(where)]);
  const active = (projectId: number) => byProject.get(projectId) === config.id;
  return {
    fields: fields.filter((f) => active(f.projectId)).map(({ providerConfigId: _, ...f }) => f),
    workflowSecrets: secrets.filter((s) => active(s.projectId)),
  };
}

/** A policy applies where its configuration is active; workflow secrets answer to the workflow's allow-list instead (docs/workflows.md). */
function policyLists(dependents: PolicyDependent[], byProject: Map<number, number | null>, configId: number | null): Lists {
  const fields = dependents
    .filter((d) => configId !== null && byProject.get(d.projectId) === configId)
    .map((d) => ({
      connectionId: d.connectionId,
      connectionName: d.connectionName,
      projectId: d.projectId,
      projectName: d.projectName,
      fieldName: d.field as CredentialFieldName,
    }));
  return { fields: uniqueFields(fields), workflowSecrets: [] };
}

function uniqueFields(fields: ImpactField[]): ImpactField[] {
  const seen = new Set<string>();
  return fields.filter((f) => {
    const key = `${f.connectionId}:${f.fieldName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function tokenOf(lists: Lists): string {
  const keys = [...lists.fields.map((f) => `f:${f.connectionId}:${f.fieldName}`), ...lists.workflowSecrets.map((s) => `w:${s.projectId}:${s.name}`)].sort();
  return createHash("sha256").update(keys.join("\n")).digest("hex").slice(0, 24);
}

function forbidden(): AppError {
  return new AppError("FORBIDDEN", "You cannot make this change here.");
}
