"use server";
import { redirect } from "next/navigation";
import { log } from "@/lib/log";
import { failure, invalid, type ActionResult } from "@/lib/action-result";
import { hashPassword } from "@/lib/auth/password";
import { retireSetupToken, verifySetupToken } from "@/lib/auth/setup-token";
import { createFirstOwner, hasAnyUser } from "@/lib/data/setup";
import { setupSchema } from "@/lib/validations/setup";

const WRONG_TOKEN = "This is not the setup token this server printed. Copy it from the server log; a restart prints a new one.";

/** The one-time setup: the token proves the caller can read the server's log (lib/auth/setup-token.ts). */
export async function completeSetupAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = setupSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    if (await hasAnyUser()) return { ok: false, message: "Keyhold is already set up. Sign in instead." };
    // Checked before the password is hashed: a wrong token costs the server nothing.
    const grant = verifySetupToken(parsed.data.token);
    if (!grant) {
      log.warn({ event: "setup.token_rejected" }, "setup refused: wrong setup token");
      return { ok: false, message: "Check the highlighted fields.", fieldErrors: { token: [WRONG_TOKEN] } };
    }
    const { userId, workspaceId } = await createFirstOwner(grant, { ...parsed.data, passwordHash: await hashPassword(parsed.data.password) });
    retireSetupToken();
    log.info({ event: "setup.completed", userId, workspaceId }, "first owner and workspace created");
  } catch (err) {
    return failure(err);
  }
  redirect("/login?setup=done");
}
