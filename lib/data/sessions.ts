import "server-only";
// Server-side sessions. The cookie holds a random token; the database holds only its SHA-256, so a copy of the
// database does not sign anyone in.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface NewSession {
  token: string;
  expiresAt: Date;
}

/** Signing in always creates a new session (rotation); the previous one, if any, is revoked by the caller. */
export async function createSession(input: { userId: number; ttlHours: number; userAgent: string; clientIp: string }): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + input.ttlHours * 3_600_000);
  await db.session.create({
    data: {
      id: hashSessionToken(token),
      userId: input.userId,
      expiresAt,
      // Signing in is entering the password: sensitive actions right after sign-in need no second prompt.
      reauthenticatedAt: new Date(),
      userAgent: input.userAgent.slice(0, 200),
      clientIp: input.clientIp.slice(0, 64),
    },
  });
  return { token, expiresAt };
}

export interface SessionUser {
  sessionId: string;
  userId: number;
  email: string;
  name: string;
  mustChangePassword: boolean;
  /** When the password was last entered in this session (lib/auth/reauth.ts). */
  reauthenticatedAt: Date | null;
}

/** Activity is written at most this often: a write per request would serialize SQLite under load. */
export const SESSION_TOUCH_MS = 60_000;

/**
 * The live session's user, or null. A session ends at its absolute lifetime (expiresAt) or after `idleMs`
 * without a request (SESSION_IDLE_MINUTES; measured from lastSeenAt, so up to SESSION_TOUCH_MS late); an idle
 * session is revoked on the spot, so it cannot come back.
 */
export async function findSessionUser(token: string, options: { idleMs?: number; now?: Date } = {}): Promise<SessionUser | null> {
  const now = options.now ?? new Date();
  const idleMs = options.idleMs ?? env.SESSION_IDLE_MINUTES * 60_000;
  const session = await db.session.findUnique({
    where: { id: hashSessionToken(token) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      lastSeenAt: true,
      reauthenticatedAt: true,
      user: { select: { id: true, email: true, name: true, active: true, mustChangePassword: true } },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now || !session.user.active) return null;
  const idle = now.getTime() - session.lastSeenAt.getTime();
  if (idle > idleMs) {
    await db.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: now } });
    return null;
  }
  if (idle > SESSION_TOUCH_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return {
    sessionId: session.id,
    userId: user.id,
    email: user.email,
    name: user.name,
    mustChangePassword: user.mustChangePassword,
    reauthenticatedAt: session.reauthenticatedAt,
  };
}

/** Records that the password was entered again in this (live) session. */
export async function markReauthenticated(sessionId: string, at = new Date()): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { reauthenticatedAt: at } });
}

export async function revokeSessionByToken(token: string): Promise<void> {
  await db.session.updateMany({ where: { id: hashSessionToken(token), revokedAt: null }, data: { revokedAt: new Date() } });
}
