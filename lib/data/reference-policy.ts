import "server-only";
// Editing a configuration's reference policy (docs/threat-model.md "Reference policy"): who may is who may
// configure the provider (workspace admins for the workspace's configuration, that project's admins for a
// project's, docs/roles.md). Each change is audited in the same transaction and ends the upgrade banner.
// Re-authentication for these changes (lib/auth/reauth.ts, another branch) belongs in the actions, before
// these functions run.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  destinationOfConnection,
  destinationPatternProblem,
  formatDestination,
  isReferenceAllowed,
  secretPatternProblem,
  type ReferencePolicyEntry,
} from "@/lib/secrets/reference-policy";
import type { ProviderKind } from "@/lib/secrets/types";
import type { PolicyDependent, ReferencePolicyView } from "@/lib/views/secrets";
import { auditBy, recordAudit } from "./audit";
import { assertCanConfigure, isProjectActor, ownerKey, ownerOf, type OwnerActor } from "./secrets-owner";
import { loadPolicyForUse, toDestinations } from "./reference-policy-check";
import { activeConfigFor } from "./active-config";
import type { ProjectActor } from "@/lib/auth/actor";

type Tx = Prisma.TransactionClient;

async function currentConfig(actor: OwnerActor, tx: Tx | typeof db = db) {
  const config = await tx.secretsProviderConfig.findUnique({ where: { currentOwnerKey: ownerKey(ownerOf(actor)) }, select: { id: true, kind: true } });
  if (!config) throw new AppError("NOT_FOUND", "Configure a secrets provider here first: the reference policy belongs to it.");
  return config;
}

/** The form checked these too; the configuration's real kind decides, not the kind the form claimed. */
function assertValidEntry(kind: ProviderKind, input: { secretPattern: string; destinations: string[] }): void {
  const secretProblem = secretPatternProblem(kind, input.secretPattern);
  if (secretProblem) throw new AppError("VALIDATION", secretProblem, "secretPattern");
  const destinationProblem = input.destinations.map(destinationPatternProblem).find((p) => p !== null);
  if (destinationProblem) throw new AppError("VALIDATION", destinationProblem, "destinations");
}

function audit(actor: OwnerActor, tx: Tx, action: string, configId: number, detail: Prisma.InputJsonValue) {
  return recordAudit(
    { ...auditBy(actor), projectId: isProjectActor(actor) ? actor.projectId : null, action, targetType: "provider_config", targetId: configId, detail },
    tx,
  );
}

/** Adds an entry, or adds destinations to the entry that already names this secret pattern. */
export async function addReferencePolicyEntry(actor: OwnerActor, input: { secretPattern: string; destinations: string[] }): Promise<void> {
  assertCanConfigure(actor);
  await db.$transaction(async (tx) => {
    const config = await currentConfig(actor, tx);
    assertValidEntry(config.kind as ProviderKind, input);
    const where = { providerConfigId_secretPattern: { providerConfigId: config.id, secretPattern: input.secretPattern } };
    const existing = await tx.referencePolicyEntry.findUnique({ where, select: { destinations: true } });
    const destinations = [...new Set([...toDestinations(existing?.destinations ?? []), ...input.destinations])];
    await tx.referencePolicyEntry.upsert({
      where,
      create: { providerConfigId: config.id, secretPattern: input.secretPattern, destinations, createdById: actor.userId },
      update: { destinations },
    });
    await tx.secretsProviderConfig.update({ where: { id: config.id }, data: { policyNoticePending: false } });
    await audit(actor, tx, "secrets.policy.entry_added", config.id, { secretPattern: input.secretPattern, destinations: input.destinations });
  });
}

export async function removeReferencePolicyEntry(actor: OwnerActor, entryId: number): Promise<void> {
  assertCanConfigure(actor);
  await db.$transaction(async (tx) => {
    const config = await currentConfig(actor, tx);
    const entry = await tx.referencePolicyEntry.findFirst({
      where: { id: entryId, providerConfigId: config.id },
      select: { secretPattern: true, destinations: true },
    });
    if (!entry) throw new AppError("NOT_FOUND", "That policy entry no longer exists. Reload the page.");
    await tx.referencePolicyEntry.delete({ where: { id: entryId } });
    await tx.secretsProviderConfig.update({ where: { id: config.id }, data: { policyNoticePending: false } });
    await audit(actor, tx, "secrets.policy.entry_removed", config.id, { secretPattern: entry.secretPattern, destinations: toDestinations(entry.destinations) });
  });
}

/** "Got it" on the upgrade banner: it explains the control once, for every admin of this configuration. */
export async function dismissPolicyNotice(actor: OwnerActor): Promise<void> {
  assertCanConfigure(actor);
  const config = await currentConfig(actor);
  await db.secretsProviderConfig.update({ where: { id: config.id }, data: { policyNoticePending: false } });
}

/** What removing one entry of the owner's policy breaks (the same computation the settings page shows). */
export async function dependentsOfPolicyEntry(actor: OwnerActor, entryId: number): Promise<PolicyDependent[]> {
  assertCanConfigure(actor);
  const entry = (await getReferencePolicy(actor))?.entries.find((e) => e.id === entryId);
  if (!entry) throw new AppError("NOT_FOUND", "That policy entry no longer exists. Reload the page.");
  return entry.dependents;
}

/** The owner's policy with, per entry, the references that would stop resolving if it were removed. */
export async function getReferencePolicy(actor: OwnerActor): Promise<ReferencePolicyView | null> {
  const config = await db.secretsProviderConfig.findUnique({ where: { currentOwnerKey: ownerKey(ownerOf(actor)) }, select: { id: true } });
  return config ? policyView(config.id, { workspaceId: actor.workspaceId }) : null;
}

/**
 * The policy that applies to a project's connections now (the workspace's or the project's own), read-only
 * for its members: without dependents, which would name connections of other projects.
 */
export async function getActiveReferencePolicy(actor: ProjectActor): Promise<ReferencePolicyView | null> {
  const active = await activeConfigFor(actor.workspaceId, actor.projectId);
  return active ? policyView(active.id, null) : null;
}

async function policyView(configId: number, dependentsIn: { workspaceId: number } | null): Promise<ReferencePolicyView> {
  const [policy, config] = await Promise.all([
    loadPolicyForUse(configId),
    db.secretsProviderConfig.findUniqueOrThrow({
      where: { id: configId },
      select: {
        policyNoticePending: true,
        referencePolicy: { select: { id: true, secretPattern: true, destinations: true }, orderBy: { secretPattern: "asc" } },
      },
    }),
  ]);
  const usages = dependentsIn
    ? await db.secretUsage.findMany({
        where: { workspaceId: dependentsIn.workspaceId, providerConfigId: configId },
        select: {
          fieldName: true,
          secretId: true,
          reference: true,
          connection: { select: { id: true, name: true, type: true, settings: true, projectId: true, project: { select: { name: true } } } },
        },
        orderBy: [{ connection: { name: "asc" } }, { fieldName: "asc" }],
      })
    : [];
  const entries = config.referencePolicy.map((e) => ({ id: e.id, secretPattern: e.secretPattern, destinations: toDestinations(e.destinations) }));
  const others = (id: number) => entries.filter((e) => e.id !== id);
  return {
    configId,
    kind: policy.kind,
    owner: policy.owner,
    approver: policy.approver,
    noticePending: config.policyNoticePending,
    entries: entries.map((entry) => ({ ...entry, dependents: dependentsOf(entry, others(entry.id), policy.kind, usages) })),
  };
}

type Usage = {
  fieldName: string;
  secretId: string;
  reference: string;
  connection: { id: number; name: string; type: string; settings: Prisma.JsonValue; projectId: number; project: { name: string } };
};

/** References this entry allows and no other entry does: removing the entry stops them resolving. */
function dependentsOf(entry: ReferencePolicyEntry, others: ReferencePolicyEntry[], kind: ProviderKind, usages: Usage[]): PolicyDependent[] {
  const out: PolicyDependent[] = [];
  for (const u of usages) {
    const destination = destinationOfConnection(u.connection.type, u.connection.settings as Record<string, unknown>);
    if (!isReferenceAllowed([entry], kind, u.secretId, destination) || isReferenceAllowed(others, kind, u.secretId, destination)) continue;
    out.push({
      connectionId: u.connection.id,
      connectionName: u.connection.name,
      projectId: u.connection.projectId,
      projectName: u.connection.project.name,
      field: u.fieldName,
      reference: u.reference,
      destination: destination ? formatDestination(destination) : "",
    });
  }
  return out;
}

/** A new configuration starts from the AWS guide's name prefix, when one was given (docs/threat-model.md). */
export async function seedPolicyFromPrefix(tx: Tx, configId: number, actor: OwnerActor, prefix: string | undefined): Promise<void> {
  const value = prefix?.trim();
  if (!value) return;
  const secretPattern = `${value}*`;
  await tx.referencePolicyEntry.create({ data: { providerConfigId: configId, secretPattern, destinations: [], createdById: actor.userId } });
  await audit(actor, tx, "secrets.policy.entry_added", configId, { secretPattern, destinations: [], from: "aws_guide_prefix" });
}
