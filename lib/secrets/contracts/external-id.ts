// The External ID Keyhold passes to AssumeRole. Customers have written it into their roles' trust policies,
// so the format is a compatibility contract: it must never change for an existing owner
// (external-id.test.ts pins it). Workspace scope: `workato_iam_external_id_<workspaceId>`; project scope:
// `workato_iam_external_id_<workspaceId>_<projectId>`. See docs/formats.md.
import type { ProviderOwner } from "@/lib/secrets/types";

const EXTERNAL_ID_PREFIX = "workato_iam_external_id_";

export function externalIdFor(owner: ProviderOwner): string {
  return owner.projectId === undefined ? `${EXTERNAL_ID_PREFIX}${owner.workspaceId}` : `${EXTERNAL_ID_PREFIX}${owner.workspaceId}_${owner.projectId}`;
}
