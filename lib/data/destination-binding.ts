import "server-only";
// The save-time rule of destination binding (docs/threat-model.md, threat 1): a save that moves a connection
// to another destination while keeping stored credentials is refused, unless a project admin confirmed the
// move with a recent password entry; then the kept credentials are re-bound to the new destination. Fields
// set in the same save are bound to the new destination by saveCredentialFields.
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { ProjectActor } from "@/lib/auth/actor";
import { hasProjectCapability } from "@/lib/auth/roles";
import { isRecentFor, type RecentAuth } from "@/lib/auth/recent-auth";
import { bindingKey, DESTINATION_FIELD } from "@/lib/connections/destination";
import type { ConnectionType, CredentialFieldName } from "@/lib/connections/types";
import type { CredentialChange } from "@/lib/views/connections";

type Tx = Prisma.TransactionClient;

export interface DestinationMove {
  from: string;
  to: string;
  how: "re-entered" | "confirmed";
  /** The stored fields that followed the move without being re-entered. */
  fields: string[];
}

/**
 * Checks the move and re-binds the kept fields when it is allowed. Returns what moved, for the audit event,
 * or null when the destination did not change.
 */
export async function applyDestinationMove(
  tx: Tx,
  actor: ProjectActor,
  connection: { id: number; type: ConnectionType; from: string; to: string },
  changes: Partial<Record<CredentialFieldName, CredentialChange>>,
  confirmedMove: RecentAuth | undefined,
): Promise<DestinationMove | null> {
  const stored = await tx.credentialField.findMany({ where: { connectionId: connection.id }, select: { name: true, destination: true } });
  // Kept = stored and neither re-entered nor cleared in this save.
  const kept = stored.filter((f) => {
    const change = changes[f.name as CredentialFieldName];
    return !change || change.mode === "keep";
  });
  const unbound = kept.filter((f) => bindingKey(f.destination) !== connection.to);
  if (unbound.length === 0) {
    return connection.from === connection.to ? null : { from: connection.from, to: connection.to, how: "re-entered", fields: [] };
  }
  const field = DESTINATION_FIELD[connection.type];
  const isAdmin = hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.admin");
  if (!confirmedMove) {
    throw new AppError(
      "VALIDATION",
      isAdmin
        ? "The stored credentials were entered for another address. Re-enter them, or confirm the move with your password."
        : "The stored credentials were entered for another address. To use this one, re-enter every credential, or ask a project admin to confirm the move.",
      field,
    );
  }
  if (!isAdmin || actor.apiTokenId) throw new AppError("FORBIDDEN", "Only project admins can move stored credentials to another address.");
  if (!isRecentFor(confirmedMove, actor.userId)) throw new AppError("REAUTH_REQUIRED", "Confirm your password to move the stored credentials.");
  await tx.credentialField.updateMany({
    where: { connectionId: connection.id, name: { in: unbound.map((f) => f.name) } },
    data: { destination: connection.to },
  });
  return { from: connection.from, to: connection.to, how: "confirmed", fields: unbound.map((f) => f.name).sort() };
}
