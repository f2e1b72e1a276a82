"use server";
import { revalidatePath } from "next/cache";
import { verifyAuditChain } from "@/lib/data/audit-chain";
import { workspaceAction } from "./safe-action";

/** The audit page's "Verify now": workspace admins re-check the hash chain (docs/threat-model.md). */
export const verifyAuditChainAction = workspaceAction("workspace.admin", {
  run: async ({ actor }) => {
    const result = await verifyAuditChain(actor.workspaceId);
    revalidatePath(`/w/${actor.workspaceId}/audit`);
    if (!result.ok) return { ok: false, message: `The audit chain is broken: ${result.message}` };
    return { ok: true, message: `Audit chain intact: ${result.events} events verified.` };
  },
});
