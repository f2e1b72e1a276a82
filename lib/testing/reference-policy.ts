// Tests that are not about the reference policy still need one: this entry lets every secret of the owner's
// configuration go to every destination (docs/threat-model.md "Reference policy"). Tests only.
import type { OwnerActor } from "@/lib/data/secrets-owner";
import { addReferencePolicyEntry } from "@/lib/data/reference-policy";

export function allowAllReferences(actor: OwnerActor): Promise<void> {
  return addReferencePolicyEntry(actor, { secretPattern: "*", destinations: ["*"] });
}
