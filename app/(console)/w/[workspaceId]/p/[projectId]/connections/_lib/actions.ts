"use server";
// Deleting from the connection's own page: on success, go to the list with a redirect. Returning to the page
// instead would re-render it for a connection that no longer exists (a 404 that unmounts the dialog).
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { deleteConnectionAction } from "@/lib/actions/connections";

export async function deleteConnectionAndLeaveAction(prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await deleteConnectionAction(prev, form);
  if (!result.ok) return result;
  // deleteConnectionAction authorized these ids; they are positive integers here.
  redirect(`/w/${Number(form.get("workspaceId"))}/p/${Number(form.get("projectId"))}/connections?deleted=1`);
}
