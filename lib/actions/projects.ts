"use server";
import { revalidatePath } from "next/cache";
import { createProject } from "@/lib/data/projects";
import { createProjectSchema } from "@/lib/validations/projects";
import { workspaceAction } from "./safe-action";

export const createProjectAction = workspaceAction("workspace.admin", {
  input: createProjectSchema,
  run: async ({ actor, input }) => {
    const projectId = await createProject(actor, input);
    revalidatePath(`/w/${actor.workspaceId}`);
    return { ok: true, message: `Project "${input.name}" created.`, data: { projectId } };
  },
});
