"use server";
// The reference-policy editor (docs/threat-model.md "Reference policy"): the admins of the configuration's
// owner add and remove entries; each change is audited by the data layer. Re-authentication for these
// changes: `recentAuth` (lib/actions/safe-action.ts, docs/threat-model.md "Re-authentication").
import { revalidatePath } from "next/cache";
import type { OwnerActor } from "@/lib/data/secrets-owner";
import { addReferencePolicyEntry, dismissPolicyNotice, removeReferencePolicyEntry } from "@/lib/data/reference-policy";
import { addPolicyEntrySchema, removePolicyEntrySchema } from "@/lib/validations/reference-policy";
import { ownerAction } from "./safe-action";

function settingsPath(actor: OwnerActor): string {
  return "projectId" in actor ? `/w/${actor.workspaceId}/p/${actor.projectId}/settings/secrets` : `/w/${actor.workspaceId}/settings/secrets`;
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
