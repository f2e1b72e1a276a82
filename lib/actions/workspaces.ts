"use server";
import { revalidatePath } from "next/cache";
import { failure, invalid, type ActionResult } from "@/lib/action-result";
import { requireWorkspace } from "@/lib/auth/authorize";
import { createWorkspace } from "@/lib/data/create-workspace";
import { createWorkspaceSchema } from "@/lib/validations/setup";

/** Owners only: the workspace the form was opened in proves the caller's role (docs/roles.md). */
export async function createWorkspaceAction(_prev: ActionResult<{ workspaceId: number }> | null, form: FormData): Promise<ActionResult<{ workspaceId: number }>> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.create");
    const parsed = createWorkspaceSchema.safeParse({ name: form.get("name") });
    if (!parsed.success) return invalid(parsed.error);
    const workspaceId = await createWorkspace(actor, parsed.data);
    revalidatePath("/", "layout");
    return { ok: true, message: `Workspace "${parsed.data.name}" created.`, data: { workspaceId } };
  } catch (err) {
    return failure(err);
  }
}
