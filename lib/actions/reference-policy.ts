"use server";
// The reference-policy editor (docs/threat-model.md "Reference policy"): the admins of the configuration's
// owner add and remove entries; each change is audited by the data layer. Re-authentication for these
// changes: `recentAuth` (lib/actions/safe-action.ts, docs/threat-model.md "Re-authentication").
import { revalidatePath } from "next/cache";
import type { OwnerActor } from "@/lib/data/secrets-owner";
import { addReferencePolicyEntry, dismissPolicyNotice, removeReferencePolicyEntry } from "@/lib/data/reference-policy";
import { addPolicyEntrySchema, removePolicyEntrySchema } from "@/lib/validations/reference-policy";
import { ownerAction } from "./safe-action";
import { isAppError } from "@/lib/errors";
import { assertImpactConfirmed } from "@/lib/services/secrets/impact";
import type { ImpactChange } from "@/lib/views/impact";

function settingsPath(actor: OwnerActor): string {
  return "projectId" in actor ? `/w/${actor.workspaceId}/p/${actor.projectId}/settings/secrets` : `/w/${actor.workspaceId}/settings/secrets`;
}

/**
 * The server half of an impact confirmation (docs/scopes.md "Impact before anything breaks"): recompute what the
 * change breaks and refuse when the dialog showed something else. On refusal the page is revalidated, so the
 * still-open dialog re-renders with the current list and its new fingerprint, ready to be confirmed again.
 */
async function confirmImpact(actor: OwnerActor, change: ImpactChange, token: string | undefined, path: string): Promise<void> {
  try {
    await assertImpactConfirmed(actor, change, token);
  } catch (err) {
    if (isAppError(err) && err.code === "CONFLICT") revalidatePath(path);
    throw err;
  }
}

export const addReferencePolicyEntryAction = ownerAction({
  recentAuth: true,
  input: addPolicyEntrySchema,
  run: async ({ actor, input }) => {
    await addReferencePolicyEntry(actor, { secretPattern: input.secretPattern, destinations: input.destinations });
    revalidatePath(settingsPath(actor));
    return { ok: true, message: `Connections may now send ${input.secretPattern} to ${input.destinations.join(", ")}.` };
  },
});

export const removeReferencePolicyEntryAction = ownerAction({
  recentAuth: true,
  input: removePolicyEntrySchema,
  run: async ({ actor, input }) => {
    await confirmImpact(actor, { kind: "policy-entry-remove", entryId: input.entryId }, input.impactToken, settingsPath(actor));
    await removeReferencePolicyEntry(actor, input.entryId);
    revalidatePath(settingsPath(actor));
    return { ok: true, message: "Entry removed." };
  },
});

export const dismissPolicyNoticeAction = ownerAction({
  run: async ({ actor }) => {
    await dismissPolicyNotice(actor);
    revalidatePath(settingsPath(actor));
    return { ok: true };
  },
});
