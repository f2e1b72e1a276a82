"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { clientKey, cookieIsSecure, getSessionUser, SESSION_COOKIE } from "@/lib/auth/current-user";
import { verifyPassword } from "@/lib/auth/password";
import { checkLoginThrottle, recordLoginAttempt } from "@/lib/data/login-attempts";
import { createSession, revokeSessionByToken } from "@/lib/data/sessions";
import { changeOwnPassword, findUserForLogin } from "@/lib/data/users";
import { changePasswordSchema, confirmPasswordSchema, signInSchema } from "@/lib/validations/auth";
import { confirmPassword } from "@/lib/auth/reauth";
import { publicAction, userAction } from "./safe-action";

const GENERIC_FAILURE = "The email or password is not correct.";

export const signInAction = publicAction({
  input: signInSchema,
  run: async ({ input: { email, password } }) => {
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
  },
});

export const signOutAction = publicAction({
  plain: true,
  run: async () => {
    const jar = await cookies();
    const token = jar.get(SESSION_COOKIE)?.value;
    if (token) await revokeSessionByToken(token);
    jar.delete(SESSION_COOKIE);
    redirect("/login");
  },
});

export const changePasswordAction = userAction(
  {
    input: changePasswordSchema,
    run: async ({ actor, input }) => {
      const session = await getSessionUser();
      if (!session) return { ok: false, message: "Your session has ended. Sign in again." };
      await changeOwnPassword(actor, { ...input, keepSessionId: session.sessionId });
      redirect("/?passwordChanged=1");
    },
  },
  { allowPendingPasswordChange: true },
);

/** "Confirm your password" before a sensitive action; the caller then submits that action again. */
export const confirmPasswordAction = userAction({
  input: confirmPasswordSchema,
  run: async ({ actor, input }) => {
    await confirmPassword(actor, input.password);
    return { ok: true, message: "Password confirmed." };
  },
});
