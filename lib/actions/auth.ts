"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { failure, invalid, type ActionResult } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/authorize";
import { clientKey, cookieIsSecure, getSessionUser, SESSION_COOKIE } from "@/lib/auth/current-user";
import { verifyPassword } from "@/lib/auth/password";
import { checkLoginThrottle, recordLoginAttempt } from "@/lib/data/login-attempts";
import { createSession, revokeSessionByToken } from "@/lib/data/sessions";
import { changeOwnPassword, findUserForLogin } from "@/lib/data/users";
import { changePasswordSchema, signInSchema } from "@/lib/validations/auth";

const GENERIC_FAILURE = "The email or password is not correct.";

export async function signInAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return invalid(parsed.error);
  const { email, password } = parsed.data;
  const client = await clientKey();

  const throttle = await checkLoginThrottle(email, client);
  if (throttle.blocked) {
    const minutes = Math.ceil(throttle.retryAfterSeconds / 60);
    return { ok: false, message: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }

  const user = await findUserForLogin(email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || !user.active) {
    await recordLoginAttempt(email, client, false);
    log.info({ event: "auth.sign_in_failed", email }, "sign-in failed");
    return { ok: false, message: GENERIC_FAILURE };
  }
  await recordLoginAttempt(email, client, true);

  const jar = await cookies();
  const previous = jar.get(SESSION_COOKIE)?.value;
  if (previous) await revokeSessionByToken(previous);
  const session = await createSession({
    userId: user.id,
    ttlHours: env.SESSION_TTL_HOURS,
    userAgent: (await headers()).get("user-agent") ?? "",
    clientIp: client,
  });
  jar.set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await cookieIsSecure(),
    path: "/",
    expires: session.expiresAt,
  });
  log.info({ event: "auth.signed_in", userId: user.id }, "signed in");
  redirect(user.mustChangePassword ? "/account/password" : "/");
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await revokeSessionByToken(token);
  jar.delete(SESSION_COOKIE);
  redirect("/login");
}

export async function changePasswordAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  let actor;
  try {
    actor = await requireUser({ allowPendingPasswordChange: true });
  } catch (err) {
    return failure(err);
  }
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  const session = await getSessionUser();
  if (!session) return { ok: false, message: "Your session has ended. Sign in again." };
  try {
    await changeOwnPassword(actor, { ...parsed.data, keepSessionId: session.sessionId });
  } catch (err) {
    return failure(err);
  }
  redirect("/?passwordChanged=1");
}
