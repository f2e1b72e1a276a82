import "server-only";
import { db } from "@/lib/db";
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import type { SecretUser, ConfigReference } from "@/lib/views/secrets";

/** The reverse index: which connections (and fields) use each of these secrets of one configuration. */
export async function usersOfSecrets(actor: WorkspaceActor | ProjectActor, providerConfigId: number, secretIds: string[]): Promise<Map<string, SecretUser[]>> {
  const rows = await db.secretUsage.findMany({
    where: { workspaceId: actor.workspaceId, providerConfigId, secretId: { in: secretIds } },
    select: { secretId: true, fieldName: true, connection: { select: { id: true, name: true, projectId: true } } },
    orderBy: { connection: { name: "asc" } },
  });
  const out = new Map<string, SecretUser[]>();
  for (const r of rows) {
    const list = out.get(r.secretId) ?? [];
    list.push({ connectionId: r.connection.id, connectionName: r.connection.name, projectId: r.connection.projectId, field: r.fieldName });
    out.set(r.secretId, list);
  }
  // Workflow secrets mapped to the same secrets (docs/workflows.md) are users too.
  const workflowRows = await db.workflowSecretUsage.findMany({
    where: { workspaceId: actor.workspaceId, providerConfigId, secretId: { in: secretIds } },
    select: { secretId: true, secretName: true, projectId: true },
    orderBy: { secretName: "asc" },
  });
  for (const r of workflowRows) {
    const list = out.get(r.secretId) ?? [];
    list.push({
      connectionId: 0,
      workflowSecret: r.secretName,
      connectionName: `Workflows: ${r.secretName}`,
      projectId: r.projectId,
      field: "workflow secret",
    });
    out.set(r.secretId, list);
  }
  return out;
}

/** Every reference saved under one configuration (from the reverse index): what replacing its kind breaks. */
export async function listReferencesOfConfig(actor: WorkspaceActor | ProjectActor, providerConfigId: number): Promise<ConfigReference[]> {
  const rows = await db.secretUsage.findMany({
    where: { workspaceId: actor.workspaceId, providerConfigId, ...("projectId" in actor ? { projectId: actor.projectId } : {}) },
    select: { fieldName: true, reference: true, connection: { select: { id: true, name: true, projectId: true, project: { select: { name: true } } } } },
    orderBy: [{ connection: { name: "asc" } }, { fieldName: "asc" }],
  });
  return rows.map((r) => ({
    connectionId: r.connection.id,
    connectionName: r.connection.name,
    projectId: r.connection.projectId,
    projectName: r.connection.project.name,
    field: r.fieldName,
    reference: r.reference,
  }));
}

/** Up to `limit` distinct secrets this configuration's references use, as reference text: what Test reads. */
export async function referencesToTest(actor: WorkspaceActor | ProjectActor, providerConfigId: number, limit: number): Promise<string[]> {
  const rows = await db.secretUsage.findMany({
    where: { workspaceId: actor.workspaceId, providerConfigId },
    distinct: ["secretId"],
    select: { reference: true },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map((r) => r.reference);
}
