import "server-only";
import { db } from "@/lib/db";
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";

export interface SecretUser {
  connectionId: number;
  connectionName: string;
  projectId: number;
  field: string;
}

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
  return out;
}
