"use server";
import { revalidatePath } from "next/cache";
import { failure, type ActionResult } from "@/lib/action-result";
import { parseId, requireProject } from "@/lib/auth/authorize";
import { createConnection, deleteConnection, getConnection, updateConnection } from "@/lib/data/connections";
import { runConnectionTest } from "@/lib/services/connections/test-connection";
import { parseConnectionForm } from "@/lib/validations/connections";
import type { ConnectionTestReport } from "@/lib/views/connections";

function listPath(workspaceId: number, projectId: number): string {
  return `/w/${workspaceId}/p/${projectId}/connections`;
}

export async function saveConnectionAction(_prev: ActionResult<{ connectionId: number }> | null, form: FormData): Promise<ActionResult<{ connectionId: number }>> {
  try {
    const actor = await requireProject(form.get("workspaceId"), form.get("projectId"), "project.edit");
    const rawId = form.get("connectionId");
    const connectionId = rawId ? parseId(rawId, "connection") : null;
    const existing = connectionId ? new Set((await getConnection(actor, connectionId)).fields.map((f) => f.name as string)) : new Set<string>();
    const parsed = parseConnectionForm(Object.fromEntries(form), existing);
    if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.fieldErrors };
    const id = connectionId ?? (await createConnection(actor, parsed.data));
    if (connectionId) await updateConnection(actor, connectionId, parsed.data);
    revalidatePath(listPath(actor.workspaceId, actor.projectId));
    return { ok: true, message: connectionId ? "Connection saved." : "Connection created.", data: { connectionId: id } };
  } catch (err) {
    return failure(err);
  }
}

export async function deleteConnectionAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await requireProject(form.get("workspaceId"), form.get("projectId"), "project.edit");
    await deleteConnection(actor, parseId(form.get("connectionId"), "connection"));
    revalidatePath(listPath(actor.workspaceId, actor.projectId));
    return { ok: true, message: "Connection deleted." };
  } catch (err) {
    return failure(err);
  }
}

export async function testConnectionAction(_prev: ActionResult<ConnectionTestReport> | null, form: FormData): Promise<ActionResult<ConnectionTestReport>> {
  try {
    const actor = await requireProject(form.get("workspaceId"), form.get("projectId"), "project.edit");
    const report = await runConnectionTest(actor, parseId(form.get("connectionId"), "connection"));
    revalidatePath(listPath(actor.workspaceId, actor.projectId));
    return { ok: true, data: report };
  } catch (err) {
    return failure(err);
  }
}
