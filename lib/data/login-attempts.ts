import "server-only";
// Login throttling, stored in the database so every console instance sees the same counts.
import { db } from "@/lib/db";

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export interface ThrottleState {
  blocked: boolean;
  retryAfterSeconds: number;
}

/** Blocked when the account or the client has too many failures since its last success within the window. */
export async function checkLoginThrottle(email: string, clientKey: string, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [accountFailures, clientFailures] = await Promise.all([
    recentFailures({ email }, since, true),
    // A client's own successful sign-in must not reset its count, or an attacker could reset it at will.
    recentFailures({ clientKey }, since, false),
  ]);
  const over =
    accountFailures.length >= MAX_FAILURES_PER_ACCOUNT
      ? accountFailures[MAX_FAILURES_PER_ACCOUNT - 1]
      : clientFailures.length >= MAX_FAILURES_PER_CLIENT
        ? clientFailures[MAX_FAILURES_PER_CLIENT - 1]
        : undefined;
  if (!over) return { blocked: false, retryAfterSeconds: 0 };
  const retryAfterMs = over.getTime() + THROTTLE_WINDOW_MS - now.getTime();
  return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Failures within the window (and, for accounts, since the last success), newest first. */
async function recentFailures(where: { email: string } | { clientKey: string }, since: Date, resetOnSuccess: boolean): Promise<Date[]> {
  const lastSuccess = resetOnSuccess
    ? await db.loginAttempt.findFirst({
        where: { ...where, success: true, createdAt: { gte: since } },
        orderBy: { createdAt: "desc" },
        select: { createdAt: true },
      })
    : null;
  const rows = await db.loginAttempt.findMany({
    where: { ...where, success: false, createdAt: { gte: lastSuccess?.createdAt ?? since } },
    orderBy: { createdAt: "desc" },
    take: Math.max(MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT),
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

export async function recordLoginAttempt(email: string, clientKey: string, success: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email, clientKey, success } });
}
