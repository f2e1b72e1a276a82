"use server";
import { revalidatePath } from "next/cache";
import { failure, invalid, type ActionResult } from "@/lib/action-result";
import { requireWorkspace } from "@/lib/auth/authorize";
import { createProject } from "@/lib/data/projects";
import { createProjectSchema } from "@/lib/validations/projects";

export async function createProjectAction(_prev: ActionResult<{ projectId: number }> | null, form: FormData): Promise<ActionResult<{ projectId: number }>> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const parsed = createProjectSchema.safeParse({ name: form.get("name"), description: form.get("description") ?? "" });
    if (!parsed.success) return invalid(parsed.error);
    const projectId = await createProject(actor, parsed.data);
    revalidatePath(`/w/${actor.workspaceId}`);
    return { ok: true, message: `Project "${parsed.data.name}" created.`, data: { projectId } };
  } catch (err) {
    return failure(err);
  }
}
