import "server-only";
// Reading a configuration's reference policy for use: at save (every template field of the connection must be
// allowed for its destination, docs/threat-model.md "Reference policy") and at resolution (the resolver checks
// again before any provider call). Admins are held to the policy too: resolution cannot know who saved a field.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectActor } from "@/lib/auth/actor";
import { hasProjectCapability, isWorkspaceAdmin } from "@/lib/auth/roles";
import { FIELD_LABELS, type CredentialFieldName } from "@/lib/connections/types";
import { destinationOfConnection, formatDestination, isReferenceAllowed, type ReferencePolicyEntry } from "@/lib/secrets/reference-policy";
import { PROVIDER_LABELS, type ProviderKind } from "@/lib/secrets/types";

type Reader = Pick<Prisma.TransactionClient, "referencePolicyEntry" | "secretsProviderConfig" | "secretUsage">;

/** A configuration's policy, with the words its refusals use. */
export interface PolicyForUse {
  configId: number;
  kind: ProviderKind;
  entries: ReferencePolicyEntry[];
  /** "the workspace's HashiCorp Vault configuration" or "project “Payments”'s …". */
  owner: string;
  /** Who may change it: "a workspace admin" or "a project admin". */
  approver: string;
  projectId: number | null;
}

export async function loadPolicyForUse(configId: number, reader: Reader = db): Promise<PolicyForUse> {
  const config = await reader.secretsProviderConfig.findUniqueOrThrow({
    where: { id: configId },
    select: { kind: true, projectId: true, project: { select: { name: true } }, referencePolicy: { select: { secretPattern: true, destinations: true } } },
  });
  const kind = config.kind as ProviderKind;
  const label = `${PROVIDER_LABELS[kind]} configuration`;
  return {
    configId,
    kind,
    entries: config.referencePolicy.map((e) => ({ secretPattern: e.secretPattern, destinations: toDestinations(e.destinations) })),
    owner: config.project ? `project “${config.project.name}”'s ${label}` : `the workspace's ${label}`,
    approver: config.projectId === null ? "a workspace admin" : "a project admin",
    projectId: config.projectId,
  };
}

/** Destinations as stored (a JSON array of strings); anything else counts as none, so it fails closed. */
export function toDestinations(value: Prisma.JsonValue): string[] {
  return Array.isArray(value) ? value.filter((d): d is string => typeof d === "string") : [];
}

type PolicyActor = Pick<ProjectActor, "workspaceRole"> & { projectRole: ProjectActor["projectRole"] };

function mayChangePolicy(actor: PolicyActor, policy: PolicyForUse): boolean {
  return policy.projectId === null ? isWorkspaceAdmin(actor.workspaceRole) : hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.admin");
}

/**
 * Refuses the save when a reference of this connection (new or kept), under the configuration active now,
 * is not allowed to go to the connection's destination. Runs inside the save's transaction, after the
 * reverse index was rewritten, so it sees exactly what the save would store.
 */
export async function assertConnectionWithinPolicy(
  tx: Reader,
  actor: PolicyActor,
  connection: { id: number; type: string; settings: Record<string, unknown> },
  activeConfigId: number | null,
): Promise<void> {
  if (activeConfigId === null) return;
  const usages = await tx.secretUsage.findMany({
    where: { connectionId: connection.id, providerConfigId: activeConfigId },
    select: { fieldName: true, secretId: true, reference: true },
    orderBy: { id: "asc" },
  });
  if (usages.length === 0) return;
  const policy = await loadPolicyForUse(activeConfigId, tx);
  const destination = destinationOfConnection(connection.type, connection.settings);
  const refused = usages.find((u) => !isReferenceAllowed(policy.entries, policy.kind, u.secretId, destination));
  if (!refused) return;
  const field = refused.fieldName as CredentialFieldName;
  const where = destination ? formatDestination(destination) : "this connection's address";
  const next = mayChangePolicy(actor, policy) ? "add it under Secrets management › Reference policy first" : `ask ${policy.approver} to add it`;
  throw new AppError(
    "VALIDATION",
    `${FIELD_LABELS[field] ?? field}: ${refused.reference} to ${where} is not allowed by the reference policy of ${policy.owner}; ${next}.`,
    field,
  );
}
