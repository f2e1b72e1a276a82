"use server";
import { revalidatePath } from "next/cache";
import { addWorkspaceUser, changeUserRoles, setUserActive } from "@/lib/data/users";
import { parseAddUser, parseChangeRoles, setActiveSchema } from "@/lib/validations/users";
import { workspaceAction } from "./safe-action";

export const addUserAction = workspaceAction("workspace.admin", {
  recentAuth: true,
  input: parseAddUser,
  run: async ({ actor, input }) => {
    const { oneTimePassword } = await addWorkspaceUser(actor, input);
    revalidatePath(`/w/${actor.workspaceId}/settings/users`);
    return { ok: true, message: `${input.email} was added.`, data: { email: input.email, oneTimePassword } };
  },
});

export const changeUserRolesAction = workspaceAction("workspace.admin", {
  recentAuth: true,
  input: parseChangeRoles,
  run: async ({ actor, input }) => {
    await changeUserRoles(actor, input);
    revalidatePath(`/w/${actor.workspaceId}/settings/users`);
    return { ok: true, message: "Roles saved." };
  },
});

export const setUserActiveAction = workspaceAction("workspace.admin", {
  input: setActiveSchema,
  run: async ({ actor, input }) => {
    await setUserActive(actor, input.userId, input.active);
    revalidatePath(`/w/${actor.workspaceId}/settings/users`);
    return { ok: true, message: input.active ? "User reactivated." : "User deactivated and signed out everywhere." };
  },
});
