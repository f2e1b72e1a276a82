import "server-only";
// Which provider configuration resolves a project's references right now: the workspace's in workspace
// scope, the project's own in project scope. Never both.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { ownerKey } from "./secrets-owner";

type Reader = Pick<Prisma.TransactionClient, "workspace" | "secretsProviderConfig">;

export interface ActiveConfig {
  id: number;
  kind: string;
  revision: number;
}

export async function activeConfigFor(workspaceId: number, projectId: number, reader: Reader = db): Promise<ActiveConfig | null> {
  const ws = await reader.workspace.findUnique({ where: { id: workspaceId }, select: { secretsScope: true } });
  if (!ws) return null;
  const key = ownerKey(ws.secretsScope === "project" ? { workspaceId, projectId } : { workspaceId });
  return reader.secretsProviderConfig.findUnique({ where: { currentOwnerKey: key }, select: { id: true, kind: true, revision: true } });
}
