import "server-only";
// Sign-in throttling without lockouts (docs/threat-model.md), stored in the database so every console instance
// sees the same counts. Three limits:
// - per account+client: progressive delays from the 3rd failure (4 s, 8 s, 16 s ... capped at 5 minutes), so a
//   guesser slows down while the owner, from another address, is not affected;
// - per account: a ceiling over all clients, which a browser that signed in to that account before (a known
//   device, lib/data/known-devices.ts) bypasses, so an attacker failing on purpose cannot lock the owner out;
// - per client: a ceiling over all accounts (spraying), which known devices also bypass.
// `npm run account:unlock` clears an account's failures (lib/cli/unlock-account.ts).
import { db } from "@/lib/db";

export const THROTTLE_WINDOW_MS = 60 * 60_000;
/** Failures of one account from one client before delays start. */
export const FREE_FAILURES = 2;
export const MAX_DELAY_SECONDS = 300;
export const MAX_FAILURES_PER_ACCOUNT = 30;
export const MAX_FAILURES_PER_CLIENT = 30;

export interface ThrottleState {
  blocked: boolean;
  retryAfterSeconds: number;
  reason?: "delay" | "account" | "client";
}

/** Seconds a client must wait after its nth consecutive failure on an account. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - 1), MAX_DELAY_SECONDS);
}

export async function checkLoginThrottle(email: string, clientKey: string, options: { knownDevice?: boolean; now?: Date } = {}): Promise<ThrottleState> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [pairFailures, accountFailures, clientFailures] = await Promise.all([
    recentFailures({ email, clientKey }, since, true, MAX_FAILURES_PER_ACCOUNT),
    options.knownDevice ? Promise.resolve([]) : recentFailures({ email }, since, true, MAX_FAILURES_PER_ACCOUNT),
    // A client's own successful sign-in must not reset its count, or an attacker could reset it at will.
    options.knownDevice ? Promise.resolve([]) : recentFailures({ clientKey }, since, false, MAX_FAILURES_PER_CLIENT),
  ]);
  const waits: Array<{ until: number; reason: ThrottleState["reason"] }> = [];
  const delay = delayAfter(pairFailures.length);
  if (delay > 0) waits.push({ until: pairFailures[0]!.getTime() + delay * 1000, reason: "delay" });
  if (accountFailures.length >= MAX_FAILURES_PER_ACCOUNT) waits.push({ until: accountFailures.at(-1)!.getTime() + THROTTLE_WINDOW_MS, reason: "account" });
  if (clientFailures.length >= MAX_FAILURES_PER_CLIENT) waits.push({ until: clientFailures.at(-1)!.getTime() + THROTTLE_WINDOW_MS, reason: "client" });
  const longest = waits.filter((w) => w.until > now.getTime()).sort((a, b) => b.until - a.until)[0];
  if (!longest) return { blocked: false, retryAfterSeconds: 0 };
  return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((longest.until - now.getTime()) / 1000)), reason: longest.reason };
}

/** Failures within the window (and, when resetOnSuccess, since the last success), newest first. */
async function recentFailures(where: { email?: string; clientKey?: string }, since: Date, resetOnSuccess: boolean, take: number): Promise<Date[]> {
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
    take,
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

export async function recordLoginAttempt(email: string, clientKey: string, success: boolean, at = new Date()): Promise<void> {
  await db.loginAttempt.create({ data: { email, clientKey, success, createdAt: at } });
}

/** The operator's unlock: forgets the account's failures from every client. Returns how many were cleared. */
export async function clearLoginFailures(email: string): Promise<number> {
  const { count } = await db.loginAttempt.deleteMany({ where: { email: email.toLowerCase(), success: false } });
  return count;
}
