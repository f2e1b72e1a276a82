"use server";
import { revalidatePath } from "next/cache";
import { createWorkspace } from "@/lib/data/create-workspace";
import { createWorkspaceSchema } from "@/lib/validations/setup";
import { workspaceAction } from "./safe-action";

/** Owners only: the workspace the form was opened in proves the caller's role (docs/roles.md). */
export const createWorkspaceAction = workspaceAction("workspace.create", {
  input: createWorkspaceSchema,
  run: async ({ actor, input }) => {
    const workspaceId = await createWorkspace(actor, input);
    revalidatePath("/", "layout");
    return { ok: true, message: `Workspace "${input.name}" created.`, data: { workspaceId } };
  },
});
