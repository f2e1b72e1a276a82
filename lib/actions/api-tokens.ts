"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure, type ActionResult } from "@/lib/action-result";
import { requireWorkspace } from "@/lib/auth/authorize";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/validations/api-tokens";

export async function createApiTokenAction(_prev: ActionResult<{ token: string }> | null, form: FormData): Promise<ActionResult<{ token: string }>> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const parsed = createApiTokenSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
    const { token } = await createApiToken(actor, parsed.data);
    revalidatePath(`/w/${actor.workspaceId}/settings/api-tokens`);
    return { ok: true, message: "Token created.", data: { token } };
  } catch (err) {
    return failure(err);
  }
}

export async function revokeApiTokenAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const parsed = revokeApiTokenSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, message: "Unknown token." };
    await revokeApiToken(actor, parsed.data.tokenId);
    revalidatePath(`/w/${actor.workspaceId}/settings/api-tokens`);
    return { ok: true, message: "Token revoked. Calls with it now get 401." };
  } catch (err) {
    return failure(err);
  }
}
