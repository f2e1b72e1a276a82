import "server-only";
// Defence in depth for the reference policy (docs/threat-model.md "Reference policy"): the save path already
// refuses references the policy does not allow, and the resolver checks again before any provider call, so a
// field that reached the database another way (an older release, a restore, a bug) still sends nothing.
import type { ConnectionForUse } from "@/lib/data/connections";
import type { CredentialFieldName } from "@/lib/connections/types";
import { referenceNotAllowed } from "@/lib/secrets/errors";
import { formatReference } from "@/lib/secrets/references";
import { destinationOfConnection, formatDestination, isReferenceAllowed } from "@/lib/secrets/reference-policy";
import { secretIdentity } from "@/lib/secrets/secret-key";
import type { SecretRef } from "@/lib/secrets/types";
import type { ReferenceReport } from "@/lib/views/connections";

/** One report per reference the active configuration's policy does not allow for this connection's destination. */
export function policyRefusals(connection: ConnectionForUse, field: CredentialFieldName, refs: readonly SecretRef[]): ReferenceReport[] {
  const policy = connection.policy;
  if (!policy) return [];
  const destination = destinationOfConnection(connection.type, connection.settings);
  const where = destination ? formatDestination(destination) : "this connection's address";
  return refs
    .filter((ref) => !isReferenceAllowed(policy.entries, policy.kind, secretIdentity(ref), destination))
    .map((ref) => {
      const reference = formatReference(ref);
      return { field, reference, ok: false, ms: 0, error: referenceNotAllowed(reference, where, policy.owner, policy.approver).toJSON() };
    });
}
