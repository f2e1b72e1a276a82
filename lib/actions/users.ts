"use server";
import { revalidatePath } from "next/cache";
import { failure, invalid, type ActionResult } from "@/lib/action-result";
import { requireWorkspace } from "@/lib/auth/authorize";
import { addWorkspaceUser, changeUserRoles, setUserActive } from "@/lib/data/users";
import { parseAddUser, parseChangeRoles, setActiveSchema } from "@/lib/validations/users";

export async function addUserAction(
  _prev: ActionResult<{ email: string; oneTimePassword: string }> | null,
  form: FormData,
): Promise<ActionResult<{ email: string; oneTimePassword: string }>> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const parsed = parseAddUser(Object.fromEntries(form));
    if (!parsed.success) return invalid(parsed.error);
    const { oneTimePassword } = await addWorkspaceUser(actor, parsed.data);
    revalidatePath(`/w/${actor.workspaceId}/settings/users`);
    return { ok: true, message: `${parsed.data.email} was added.`, data: { email: parsed.data.email, oneTimePassword } };
  } catch (err) {
    return failure(err);
  }
}

export async function changeUserRolesAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const parsed = parseChangeRoles(Object.fromEntries(form));
    if (!parsed.success) return invalid(parsed.error);
    await changeUserRoles(actor, parsed.data);
    revalidatePath(`/w/${actor.workspaceId}/settings/users`);
    return { ok: true, message: "Roles saved." };
  } catch (err) {
    return failure(err);
  }
}

export async function setUserActiveAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const parsed = setActiveSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return invalid(parsed.error);
    await setUserActive(actor, parsed.data.userId, parsed.data.active);
    revalidatePath(`/w/${actor.workspaceId}/settings/users`);
    return { ok: true, message: parsed.data.active ? "User reactivated." : "User deactivated and signed out everywhere." };
  } catch (err) {
    return failure(err);
  }
}
