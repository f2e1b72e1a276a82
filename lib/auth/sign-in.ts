import "server-only";
// Sign-in and the current-password check, throttled (lib/data/login-attempts.ts, docs/threat-model.md). No
// next/* here: the action wires cookies and headers, and tests call these directly. Unknown emails take the same
// path as known ones (a dummy hash is verified, attempts are recorded by email), so neither the answer nor its
// timing tells which emails have accounts.
import { recordSignInFailure } from "@/lib/metrics/record";
import { verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import type { UserActor } from "@/lib/auth/actor";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isKnownDevice, rememberDevice } from "@/lib/data/known-devices";
import { checkLoginThrottle, recordLoginAttempt } from "@/lib/data/login-attempts";
import { changeOwnPassword, findUserForLogin } from "@/lib/data/users";

export const GENERIC_FAILURE = "The email or password is not correct.";

export function throttledMessage(retryAfterSeconds: number): string {
  if (retryAfterSeconds < 60) return `Too many failed attempts. Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"} and try again.`;
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export interface SignInRequest {
  email: string;
  password: string;
  /** The client address (lib/net/client-address.ts). */
  client: string;
  /** The device cookie, when the browser sent one. */
  deviceToken?: string;
}

export type SignInOutcome =
  | { ok: false; message: string }
  | { ok: true; user: { id: number; mustChangePassword: boolean }; deviceToken: string; newDevice: boolean };

export async function attemptSignIn({ email, password, client, deviceToken }: SignInRequest): Promise<SignInOutcome> {
  const user = await findUserForLogin(email);
  const knownDevice = await isKnownDevice(user?.id ?? null, deviceToken);
  const throttle = await checkLoginThrottle(email, client, { knownDevice });
  if (throttle.blocked) {
    recordSignInFailure("throttled");
    log.warn({ event: "auth.sign_in_throttled", email, client, reason: throttle.reason }, "sign-in throttled");
    return { ok: false, message: throttledMessage(throttle.retryAfterSeconds) };
  }
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || !user.active) {
    await recordLoginAttempt(email, client, false);
    recordSignInFailure("bad_credentials");
    log.warn({ event: "auth.sign_in_failed", email, client }, "sign-in failed");
    return { ok: false, message: GENERIC_FAILURE };
  }
  await recordLoginAttempt(email, client, true);
  if (knownDevice && deviceToken) return { ok: true, user, deviceToken, newDevice: false };
  return { ok: true, user, deviceToken: await rememberDevice(user.id), newDevice: true };
}

/** Password change: a wrong current password counts as a failed sign-in of that account from that client. */
export async function changePasswordThrottled(
  actor: UserActor,
  client: string,
  input: { currentPassword: string; newPassword: string; keepSessionId: string },
): Promise<void> {
  const problem = passwordProblem(input.newPassword, actor.email);
  if (problem) throw new AppError("VALIDATION", problem, "newPassword");
  // The caller holds a session, so only the per-client delays apply: the ceilings would let them lock the account.
  const throttle = await checkLoginThrottle(actor.email, client, { knownDevice: true });
  if (throttle.blocked) throw new AppError("THROTTLED", throttledMessage(throttle.retryAfterSeconds), "currentPassword");
  try {
    await changeOwnPassword(actor, input);
  } catch (err) {
    if (isAppError(err) && err.field === "currentPassword") {
      await recordLoginAttempt(actor.email, client, false);
      log.warn({ event: "auth.current_password_failed", userId: actor.userId, client }, "current password check failed");
    }
    throw err;
  }
  await recordLoginAttempt(actor.email, client, true);
}
