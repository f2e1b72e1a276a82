"use server";
import { redirect } from "next/navigation";
import { hashPassword } from "@/lib/auth/password";
import { retireSetupToken, verifySetupToken } from "@/lib/auth/setup-token";
import { createFirstOwner, hasAnyUser } from "@/lib/data/setup";
import { log } from "@/lib/log";
import { setupSchema } from "@/lib/validations/setup";
import { CHECK_FIELDS, publicAction } from "./safe-action";

const WRONG_TOKEN = "This is not the setup token this server printed. Copy it from the server log; a restart prints a new one.";

/**
 * The one-time setup of an empty database. Nobody is signed in yet: the setup token is the authorization, and it
 * proves the caller can read the server's log (lib/auth/setup-token.ts).
 */
export const completeSetupAction = publicAction({
  input: setupSchema,
  run: async ({ input }) => {
    if (await hasAnyUser()) return { ok: false, message: "Keyhold is already set up. Sign in instead." };
    // Checked before the password is hashed: a wrong token costs the server nothing.
    const grant = verifySetupToken(input.token);
    if (!grant) {
      log.warn({ event: "setup.token_rejected" }, "setup refused: wrong setup token");
      return { ok: false, message: CHECK_FIELDS, fieldErrors: { token: [WRONG_TOKEN] } };
    }
    const { userId, workspaceId } = await createFirstOwner(grant, { ...input, passwordHash: await hashPassword(input.password) });
    retireSetupToken();
    log.info({ event: "setup.completed", userId, workspaceId }, "first owner and workspace created");
    redirect("/login?setup=done");
  },
});
