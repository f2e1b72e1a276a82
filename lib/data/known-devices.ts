import "server-only";
// Browsers that signed in to an account before (docs/threat-model.md): the device cookie holds a random token,
// the database only its SHA-256 with the user id. A known device bypasses the per-account sign-in ceiling.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new device token for the user; the caller sets it as the device cookie. */
export async function rememberDevice(userId: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.knownDevice.create({ data: { userId, tokenHash: hashToken(token) } });
  return token;
}

/** True when the token was issued to this user. Always one query, whether or not the user exists. */
export async function isKnownDevice(userId: number | null, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const row = await db.knownDevice.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true } });
  if (!row || userId === null || row.userId !== userId) return false;
  await db.knownDevice.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return true;
}
