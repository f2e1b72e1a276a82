// Names AWS sees for a Keyhold owner besides the External ID (lib/secrets/contracts/external-id.ts).
import type { ProviderOwner } from "@/lib/secrets/types";

/**
 * The AssumeRole session name: it shows in the customer's CloudTrail, so it names the owner. STS allows
 * `[\w+=,.@-]{2,64}`; numeric ids keep it well inside that.
 */
export function roleSessionNameFor(owner: ProviderOwner): string {
  const name = owner.projectId === undefined ? `keyhold-w${owner.workspaceId}` : `keyhold-w${owner.workspaceId}-p${owner.projectId}`;
  return name.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}
