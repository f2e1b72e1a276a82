import "server-only";
// Re-authentication for sensitive actions (docs/threat-model.md, "Re-authentication"): the signed-in user types
// their password again, the session records when (Session.reauthenticatedAt, also set at sign-in), and for
// five minutes requireRecentAuth hands out the proof sensitive data functions take. Guards moving stored
// credentials to a new destination, and (through `recentAuth: true` in lib/actions/safe-action.ts) switching
// scope, saving a provider's auth or endpoint, changing a reference policy, creating API tokens, adding users
// and changing roles. API tokens cannot re-authenticate, so those actions stay with signed-in people.
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { checkLoginThrottle, recordLoginAttempt } from "@/lib/data/login-attempts";
import { assertCurrentPassword } from "@/lib/data/reauthenticate";
import { markReauthenticated } from "@/lib/data/sessions";
import { verifyUserPassword } from "@/lib/data/users";
import type { UserActor } from "./actor";
import { clientKey, getSessionUser } from "./current-user";
import { isRecentFor, mintRecentAuth, type RecentAuth } from "./recent-auth";

/** The proof that this actor's session entered the password within the window, or REAUTH_REQUIRED. */
export async function requireRecentAuth(actor: { userId: number; apiTokenId?: number }): Promise<RecentAuth> {
  if (actor.apiTokenId) throw new AppError("FORBIDDEN", "This needs a signed-in person who confirms their password, not an API token.");
  const session = await getSessionUser();
  if (!session || session.userId !== actor.userId) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const proof = session.reauthenticatedAt ? mintRecentAuth({ userId: session.userId, at: session.reauthenticatedAt }) : undefined;
  if (!proof || !isRecentFor(proof, actor.userId)) throw new AppError("REAUTH_REQUIRED", "Confirm your password to continue.");
  return proof;
}

/** "Confirm your password": throttled like sign-in, since a stolen session could otherwise guess at it. */
export async function confirmPassword(actor: UserActor, password: string): Promise<void> {
  const session = await getSessionUser();
  if (!session || session.userId !== actor.userId) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const client = await clientKey();
  const throttle = await checkLoginThrottle(actor.email, client);
  if (throttle.blocked) throw new AppError("THROTTLED", "Too many wrong passwords. Try again in a few minutes.");
  if (!(await verifyUserPassword(actor, password))) {
    await recordLoginAttempt(actor.email, client, false);
    log.info({ event: "auth.reauth_failed", userId: actor.userId }, "password confirmation failed");
    throw new AppError("VALIDATION", "The password is not correct.", "password");
  }
  await markReauthenticated(session.sessionId);
  log.info({ event: "auth.reauthenticated", userId: actor.userId }, "password confirmed");
}

/**
 * Forms that ask for the password in the same submit (a workflow's allowed hosts, approving a proposed host):
 * the password is checked here and the proof is for this moment.
 */
export async function recentAuthFromPassword(actor: { userId: number; apiTokenId?: number }, password: string): Promise<RecentAuth> {
  if (actor.apiTokenId) throw new AppError("FORBIDDEN", "This needs a signed-in person who confirms their password, not an API token.");
  await assertCurrentPassword(actor, password);
  return mintRecentAuth({ userId: actor.userId, at: new Date() });
}
