"use server";
// Deleting from the connection's own page: on success, go to the list with a redirect. Returning to the page
// instead would re-render it for a connection that no longer exists (a 404 that unmounts the dialog).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { projectAction } from "@/lib/actions/safe-action";
import { deleteConnection } from "@/lib/data/connections";
import { connectionIdSchema } from "@/lib/validations/connections";

export const deleteConnectionAndLeaveAction = projectAction("project.edit", {
  input: connectionIdSchema,
  invalidMessage: "Unknown connection.",
  run: async ({ actor, input }) => {
    await deleteConnection(actor, input.connectionId);
    const list = `/w/${actor.workspaceId}/p/${actor.projectId}/connections`;
    revalidatePath(list);
    // redirect throws Next's control-flow error; the wrapper passes it through.
    redirect(`${list}?deleted=1`);
  },
});
