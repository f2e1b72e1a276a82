"use server";
import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/validations/api-tokens";
import { workspaceAction } from "./safe-action";

export const createApiTokenAction = workspaceAction("workspace.admin", {
  recentAuth: true,
  input: createApiTokenSchema,
  run: async ({ actor, input }) => {
    const { token } = await createApiToken(actor, input);
    revalidatePath(`/w/${actor.workspaceId}/settings/api-tokens`);
    return { ok: true, message: "Token created.", data: { token } };
  },
});

export const revokeApiTokenAction = workspaceAction("workspace.admin", {
  input: revokeApiTokenSchema,
  invalidMessage: "Unknown token.",
  run: async ({ actor, input }) => {
    await revokeApiToken(actor, input.tokenId);
    revalidatePath(`/w/${actor.workspaceId}/settings/api-tokens`);
    return { ok: true, message: "Token revoked. Calls with it now get 401." };
  },
});
