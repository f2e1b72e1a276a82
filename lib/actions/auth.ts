"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { clientKey, cookieIsSecure, getSessionUser, SESSION_COOKIE } from "@/lib/auth/current-user";
import { readDeviceToken, setDeviceToken } from "@/lib/auth/device-cookie";
import { attemptSignIn, changePasswordThrottled } from "@/lib/auth/sign-in";
import { createSession, revokeSessionByToken } from "@/lib/data/sessions";
import { changePasswordSchema, confirmPasswordSchema, signInSchema } from "@/lib/validations/auth";
import { confirmPassword } from "@/lib/auth/reauth";
import { publicAction, userAction } from "./safe-action";

export const signInAction = publicAction({
  input: signInSchema,
  run: async ({ input: { email, password } }) => {
    const client = await clientKey();
    const outcome = await attemptSignIn({ email, password, client, deviceToken: await readDeviceToken() });
    if (!outcome.ok) return { ok: false, message: outcome.message };
    const { user } = outcome;
    if (outcome.newDevice) await setDeviceToken(outcome.deviceToken);

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
    log.info({ event: "auth.signed_in", userId: user.id, client }, "signed in");
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
      await changePasswordThrottled(actor, await clientKey(), { ...input, keepSessionId: session.sessionId });
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
