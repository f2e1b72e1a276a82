import "server-only";
// Workspace API tokens for the automation APIs. The token is shown once; the database keeps its SHA-256 and
// a short prefix to tell tokens apart. Each token holds a set of scopes and optionally a project limit
// (lib/auth/token-scopes.ts, docs/roles.md); routes check them with lib/api/token-scope.ts.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { formatScopes, parseProjectIds, parseScopes, type TokenScope } from "@/lib/auth/token-scopes";
import { auditBy, recordAudit } from "./audit";

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
  input: { name: string; scopes: TokenScope[]; projectIds: number[] | null; expiresInDays: number | null },
): Promise<{ id: number; token: string }> {
  assertAdmin(actor);
  if (input.scopes.length === 0) throw new AppError("VALIDATION", "Choose at least one scope.", "scopes");
  if (input.projectIds !== null) await assertProjectsInWorkspace(actor.workspaceId, input.projectIds);
  const scopes = formatScopes(input.scopes);
  const limit = input.projectIds === null ? null : [...new Set(input.projectIds)].sort((a, b) => a - b);
  const { token, prefix } = generateApiToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const id = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        workspaceId: actor.workspaceId,
        name: input.name,
        prefix,
        tokenHash: hashApiToken(token),
        scopes,
        projectIds: limit === null ? null : JSON.stringify(limit),
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
        detail: { name: input.name, prefix, scopes, projectIds: limit, expiresAt: expiresAt?.toISOString() ?? null },
      },
      tx,
    );
    return row.id;
  });
  return { id, token };
}

/** A limit naming another workspace's project (or none at all) is refused, not stored. */
async function assertProjectsInWorkspace(workspaceId: number, projectIds: number[]): Promise<void> {
  if (projectIds.length === 0) throw new AppError("VALIDATION", "Choose at least one project, or allow every project.", "projectIds");
  const ids = [...new Set(projectIds)];
  const found = await db.project.count({ where: { workspaceId, id: { in: ids } } });
  if (found !== ids.length) throw new AppError("VALIDATION", "Choose projects of this workspace.", "projectIds");
}

export async function listApiTokens(actor: WorkspaceActor) {
  assertAdmin(actor);
  const rows = await db.apiToken.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { id: "desc" },
    select: { id: true, name: true, prefix: true, scopes: true, projectIds: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
  return rows.map((row) => ({ ...row, scopes: parseScopes(row.scopes), projectIds: parseProjectIds(row.projectIds) }));
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
  scopes: TokenScope[];
  /** The projects the token is limited to; null: every project of its workspace. */
  projectIds: number[] | null;
  label: string;
}

/** The token's identity, or null when it is unknown, revoked or expired. */
export async function authenticateApiToken(token: string, now = new Date()): Promise<ApiTokenIdentity | null> {
  if (!/^kh_[A-Za-z0-9]{8}_[\w-]{43}$/.test(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, workspaceId: true, scopes: true, projectIds: true, prefix: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  // "Last used" to the minute is enough, and spares a write per call.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    tokenId: row.id,
    workspaceId: row.workspaceId,
    scopes: parseScopes(row.scopes),
    projectIds: parseProjectIds(row.projectIds),
    label: `API token ${row.prefix}…`,
  };
}
