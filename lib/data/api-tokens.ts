import "server-only";
// Workspace API tokens for the automation APIs. The token is shown once; the database keeps its SHA-256 and
// a short prefix to tell tokens apart. A "cache" token may only call clear-cache and refresh.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { auditBy, recordAudit } from "./audit";

export type ApiTokenScope = "all" | "cache" | "workflows";

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateApiToken(): { token: string; prefix: string } {
  const prefix = `kh_${randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 8)}`;
  return { token: `${prefix}_${randomBytes(32).toString("base64url")}`, prefix };
}

function assertAdmin(actor: WorkspaceActor): void {
  if (!isWorkspaceAdmin(actor.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace owners and admins can manage API tokens.");
}

export async function createApiToken(
  actor: WorkspaceActor,
  input: { name: string; scope: ApiTokenScope; expiresInDays: number | null },
): Promise<{ id: number; token: string }> {
  assertAdmin(actor);
  const { token, prefix } = generateApiToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const id = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        workspaceId: actor.workspaceId,
        name: input.name,
        prefix,
        tokenHash: hashApiToken(token),
        scope: input.scope,
        createdById: actor.userId,
        expiresAt,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        ...auditBy(actor),
        action: "api_token.created",
        targetType: "api_token",
        targetId: row.id,
        detail: { name: input.name, prefix, scope: input.scope, expiresAt: expiresAt?.toISOString() ?? null },
      },
      tx,
    );
    return row.id;
  });
  return { id, token };
}

export async function listApiTokens(actor: WorkspaceActor) {
  assertAdmin(actor);
  return db.apiToken.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { id: "desc" },
    select: { id: true, name: true, prefix: true, scope: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}

export async function revokeApiToken(actor: WorkspaceActor, tokenId: number): Promise<void> {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, workspaceId: actor.workspaceId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "Unknown or already revoked token.");
    await recordAudit({ ...auditBy(actor), action: "api_token.revoked", targetType: "api_token", targetId: tokenId }, tx);
  });
}

export interface ApiTokenIdentity {
  tokenId: number;
  workspaceId: number;
  scope: ApiTokenScope;
  label: string;
}

/** The token's identity, or null when it is unknown, revoked or expired. */
export async function authenticateApiToken(token: string, now = new Date()): Promise<ApiTokenIdentity | null> {
  if (!/^kh_[A-Za-z0-9]{8}_[\w-]{43}$/.test(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, workspaceId: true, scope: true, prefix: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  // "Last used" to the minute is enough, and spares a write per call.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.id, workspaceId: row.workspaceId, scope: row.scope as ApiTokenScope, label: `API token ${row.prefix}…` };
}
