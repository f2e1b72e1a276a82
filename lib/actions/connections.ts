"use server";
import { revalidatePath } from "next/cache";
import { parseId } from "@/lib/auth/authorize";
import { createConnection, getConnection, updateConnection } from "@/lib/data/connections";
import { refreshConnection } from "@/lib/services/connections/refresh-connection";
import { runConnectionTest } from "@/lib/services/connections/test-connection";
import { connectionIdSchema, parseConnectionForm } from "@/lib/validations/connections";
import { projectAction } from "./safe-action";
import { onPremGroupOf } from "@/lib/connections/destination";
import { findOnPremGroup } from "@/lib/data/onprem-groups";
import { requireRecentAuth } from "@/lib/auth/reauth";
import { limitCostly } from "@/lib/services/rate-limit";
import { hasProjectCapability } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

function listPath(workspaceId: number, projectId: number): string {
  return `/w/${workspaceId}/p/${projectId}/connections`;
}

export const saveConnectionAction = projectAction("project.edit", {
  // "keep" is only valid for credentials already stored, so parsing needs the stored connection.
  input: async (fields, actor) => {
    const connectionId = fields.connectionId ? parseId(fields.connectionId, "connection") : null;
    const existing = connectionId ? new Set((await getConnection(actor, connectionId)).fields.map((f) => f.name as string)) : new Set<string>();
    const parsed = parseConnectionForm(fields, existing);
    // "Move the stored credentials to the new address": a project admin's confirmation (docs/threat-model.md).
    const confirmMove = fields.confirmMove === "1";
    return parsed.success ? { success: true, data: { ...parsed.data, connectionId, confirmMove } } : parsed;
  },
  run: async ({ actor, input: { connectionId, confirmMove, ...connection } }) => {
    if (confirmMove && !hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.admin")) {
      throw new AppError("FORBIDDEN", "Only project admins can move stored credentials to another address.");
    }
    // A group of another workspace would never get jobs (dispatch looks groups up in the connection's workspace),
    // but the form deserves a clear error rather than a connection that cannot be tested.
    const groupId = onPremGroupOf(connection.settings);
    if (groupId !== null) await findOnPremGroup(actor.workspaceId, groupId);
    const confirmedMove = confirmMove && connectionId ? await requireRecentAuth(actor) : undefined;
    const id = connectionId ?? (await createConnection(actor, connection));
    if (connectionId) await updateConnection(actor, connectionId, connection, { confirmedMove });
    revalidatePath(listPath(actor.workspaceId, actor.projectId));
    return { ok: true, message: connectionId ? "Connection saved." : "Connection created.", data: { connectionId: id } };
  },
});

export const testConnectionAction = projectAction("project.edit", {
  input: connectionIdSchema,
  invalidMessage: "Unknown connection.",
  run: async ({ actor, input }) => {
    limitCostly("test", actor);
    const report = await runConnectionTest(actor, input.connectionId);
    revalidatePath(listPath(actor.workspaceId, actor.projectId));
    return { ok: true, data: report };
  },
});

/** "Refresh": the refresh API from the console (same rights as Test): drop this connection's cached secrets, resolve, re-test. Audited. */
export const refreshConnectionAction = projectAction("project.edit", {
  input: connectionIdSchema,
  invalidMessage: "Unknown connection.",
  run: async ({ actor, input }) => {
    limitCostly("refresh", actor);
    const { report, dropped } = await refreshConnection(actor, input.connectionId);
    revalidatePath(listPath(actor.workspaceId, actor.projectId));
    return { ok: true, message: `Dropped ${dropped} cached value${dropped === 1 ? "" : "s"} and fetched them again.`, data: report };
  },
});
