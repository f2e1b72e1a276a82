// Test helpers for the public APIs: workspace API tokens written straight into the database (the product's
// own token code imports server-only modules, which Playwright cannot load; the format is the same).
import { createHash, randomBytes } from "node:crypto";
import { formatScopes, type TokenScope } from "@/lib/auth/token-scopes";
import { db } from "@/lib/db";

export async function apiToken(
  workspaceId: number,
  options: { scopes?: TokenScope[]; projectIds?: number[]; expiresAt?: Date; revoked?: boolean } = {},
): Promise<string> {
  const prefix = `kh_${randomBytes(6).toString("hex").slice(0, 8)}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  await db.apiToken.create({
    data: {
      workspaceId,
      name: "e2e",
      prefix,
      tokenHash: createHash("sha256").update(token).digest("hex"),
      scopes: formatScopes(options.scopes ?? ["admin"]),
      projectIds: options.projectIds ? JSON.stringify(options.projectIds) : null,
      expiresAt: options.expiresAt ?? null,
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return token;
}
