import "server-only";
// The reads behind the impact of a destructive change (docs/scopes.md "Impact before anything breaks"): plain
// indexed queries, no transaction, so a confirmation dialog never holds a lock while someone reads it.
import { db } from "@/lib/db";
import type { CredentialFieldName } from "@/lib/connections/types";
import type { ImpactField, ImpactWorkflow, ImpactWorkflowSecret } from "@/lib/views/impact";

type Where = { workspaceId: number; configIds: number[]; projectId?: number };

/** Template fields saved under these configurations (optionally in one project), with the configuration each is under. */
export async function templateFieldsUnder(where: Where): Promise<Array<ImpactField & { providerConfigId: number | null }>> {
  if (where.configIds.length === 0) return [];
  const rows = await db.credentialField.findMany({
    where: {
      mode: "template",
      providerConfigId: { in: where.configIds },
      connection: { workspaceId: where.workspaceId, ...(where.projectId === undefined ? {} : { projectId: where.projectId }) },
    },
    select: { name: true, providerConfigId: true, connection: { select: { id: true, name: true, projectId: true, project: { select: { name: true } } } } },
    orderBy: [{ connection: { name: "asc" } }, { name: "asc" }],
  });
  return rows.map((r) => ({
    connectionId: r.connection.id,
    connectionName: r.connection.name,
    projectId: r.connection.projectId,
    projectName: r.connection.project.name,
    fieldName: r.name as CredentialFieldName,
    providerConfigId: r.providerConfigId,
  }));
}

/** Template fields of one connection of the workspace, by name. */
export async function templateFieldsOf(workspaceId: number, connectionId: number, names: string[]): Promise<ImpactField[]> {
  const rows = await db.credentialField.findMany({
    where: { connectionId, name: { in: names }, mode: "template", connection: { workspaceId } },
    select: { name: true, connection: { select: { id: true, name: true, projectId: true, project: { select: { name: true } } } } },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({
    connectionId: r.connection.id,
    connectionName: r.connection.name,
    projectId: r.connection.projectId,
    projectName: r.connection.project.name,
    fieldName: r.name as CredentialFieldName,
  }));
}

/** Reference-mapped workflow secrets saved under these configurations (literals never depend on a provider). */
export async function workflowSecretsUnder(where: Where): Promise<ImpactWorkflowSecret[]> {
  if (where.configIds.length === 0) return [];
  const rows = await db.workflowSecret.findMany({
    where: {
      workspaceId: where.workspaceId,
      kind: { not: "literal" },
      providerConfigId: { in: where.configIds },
      ...(where.projectId === undefined ? {} : { projectId: where.projectId }),
    },
    select: { name: true, projectId: true, project: { select: { name: true } } },
    orderBy: [{ project: { name: "asc" } }, { name: "asc" }],
  });
  return rows.map((r) => ({ projectId: r.projectId, projectName: r.project.name, name: r.name }));
}

/** Workflows whose current revision reads any of these workflow secrets (names are per project). */
export async function workflowsReading(workspaceId: number, secrets: ImpactWorkflowSecret[]): Promise<ImpactWorkflow[]> {
  if (secrets.length === 0) return [];
  const namesByProject = new Map<number, Set<string>>();
  for (const s of secrets) namesByProject.set(s.projectId, (namesByProject.get(s.projectId) ?? new Set()).add(s.name));
  const rows = await db.workflow.findMany({
    where: { workspaceId, projectId: { in: [...namesByProject.keys()] } },
    select: {
      id: true,
      projectId: true,
      namespace: true,
      name: true,
      project: { select: { name: true } },
      revisions: { orderBy: { revision: "desc" }, take: 1, select: { secretsRead: true } },
    },
    orderBy: [{ project: { name: "asc" } }, { namespace: "asc" }, { name: "asc" }],
  });
  const out: ImpactWorkflow[] = [];
  for (const r of rows) {
    const read = r.revisions[0]?.secretsRead;
    const names = Array.isArray(read) ? read.filter((n): n is string => typeof n === "string") : [];
    const hit = names.filter((n) => namesByProject.get(r.projectId)?.has(n)).sort();
    if (hit.length) out.push({ workflowId: r.id, projectId: r.projectId, projectName: r.project.name, namespace: r.namespace, name: r.name, secrets: hit });
  }
  return out;
}
