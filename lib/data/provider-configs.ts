import "server-only";
// Secrets provider configurations: non-secret settings as JSON, auth material envelope-encrypted under the
// configuration's own data key. Stored auth material never leaves this module except decrypted, in memory,
// for the resolver (loadProviderForUse).
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptValue, encryptValue, generateDataKey, unwrapDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { getMasterKey } from "@/lib/crypto/keyring";
import { withConnectionType } from "@/lib/secrets/contracts/auth-endpoint";
import { PROVIDER_LABELS, type ProviderConfig, type ProviderKind, type ProviderOwner } from "@/lib/secrets/types";
import { toProviderConfig } from "@/lib/validations/provider-config";
import { assertAuthFollows, bindAuth, unbindAuth } from "./provider-auth-binding";
import { auditBy, recordAudit } from "./audit";
import { assertCanConfigure, isProjectActor, ownerKey, ownerOf, type OwnerActor } from "./secrets-owner";
import type { ProviderConfigView } from "@/lib/views/secrets";
import { assertProviderEnabled } from "@/lib/data/enabled-providers";
import { seedPolicyFromPrefix } from "./reference-policy";

type Tx = Prisma.TransactionClient;

const configSelect = {
  id: true,
  kind: true,
  settings: true,
  revision: true,
  authCiphertext: true,
  onPremGroupId: true,
  lastTestAt: true,
  lastTestOk: true,
  lastTestSummary: true,
  degraded: true,
  updatedAt: true,
} satisfies Prisma.SecretsProviderConfigSelect;

function toView(row: Prisma.SecretsProviderConfigGetPayload<{ select: typeof configSelect }>): ProviderConfigView {
  const { authCiphertext, ...rest } = row;
  return { ...rest, kind: row.kind as ProviderKind, settings: row.settings as Record<string, unknown>, authSet: authCiphertext !== null };
}

export async function getProviderConfig(actor: OwnerActor): Promise<ProviderConfigView | null> {
  const row = await db.secretsProviderConfig.findUnique({ where: { currentOwnerKey: ownerKey(ownerOf(actor)) }, select: configSelect });
  return row ? toView(row) : null;
}

/** Current configurations of the workspace and all its projects (for the scope page). */
export async function listProviderConfigs(actor: OwnerActor): Promise<Array<ProviderConfigView & { projectId: number | null }>> {
  const rows = await db.secretsProviderConfig.findMany({
    where: { workspaceId: actor.workspaceId, currentOwnerKey: { not: null } },
    select: { ...configSelect, projectId: true },
  });
  return rows.map((r) => ({ ...toView(r), projectId: r.projectId }));
}

export interface SaveProviderInput {
  kind: ProviderKind;
  settings: Record<string, unknown>;
  /** New auth material; undefined keeps the stored one (same kind only). */
  auth?: Record<string, string>;
  /** Required to replace a configuration of another kind (references saved under it stop resolving). */
  confirmReplace?: boolean;
  /** The AWS guide's secret name prefix: a new configuration's reference policy starts from it. */
  policyPrefix?: string;
  /** Connection type: an on-prem group of this workspace (Vault only, docs/agent.md); absent or null is Cloud. */
  onPremGroupId?: number | null;
}

const NEEDS_AUTH: Record<ProviderKind, boolean> = { aws: false, azure: true, vault: true, gcp: true };

/** Creates, updates (revision + 1, so cached values drop) or replaces the owner's configuration. */
export async function saveProviderConfig(actor: OwnerActor, input: SaveProviderInput): Promise<{ id: number; replaced: boolean; previousId?: number }> {
  assertCanConfigure(actor);
  assertProviderEnabled(input.kind);
  const owner = ownerOf(actor);
  const key = ownerKey(owner);
  const onPremGroupId = input.onPremGroupId ?? null;
  return db.$transaction(async (tx) => {
    await assertConnectionType(tx, owner.workspaceId, input.kind, onPremGroupId);
    const current = await tx.secretsProviderConfig.findUnique({
      where: { currentOwnerKey: key },
      select: { id: true, kind: true, authCiphertext: true, settings: true, onPremGroupId: true },
    });
    if (current && current.kind === input.kind) {
      if (NEEDS_AUTH[input.kind] && !input.auth && current.authCiphertext === null) throw missingAuth(input.kind);
      if (!input.auth) {
        const before = withConnectionType(current.settings as Record<string, unknown>, current.onPremGroupId);
        assertAuthFollows(input.kind, before, withConnectionType(input.settings, onPremGroupId));
      }
      await tx.secretsProviderConfig.update({
        where: { id: current.id },
        data: {
          settings: input.settings as Prisma.InputJsonValue,
          onPremGroupId,
          revision: { increment: 1 },
          lastTestAt: null,
          lastTestOk: null,
          lastTestSummary: null,
        },
      });
      if (input.auth) await storeAuth(tx, current.id, input.auth);
      await recordAudit(
        {
          ...auditBy(actor),
          projectId: owner.projectId ?? null,
          action: "secrets.provider.updated",
          targetType: "provider_config",
          targetId: current.id,
          detail: { kind: input.kind, authReplaced: Boolean(input.auth), onPremGroup: onPremGroupId },
        },
        tx,
      );
      return { id: current.id, replaced: false };
    }
    if (current && !input.confirmReplace) {
      throw new AppError("CONFLICT", "Another provider is configured here. Confirm the replacement: references saved under it will stop resolving.");
    }
    if (NEEDS_AUTH[input.kind] && !input.auth) throw missingAuth(input.kind);
    if (current) {
      await tx.secretsProviderConfig.update({ where: { id: current.id }, data: { currentOwnerKey: null, retiredAt: new Date() } });
    }
    const created = await tx.secretsProviderConfig.create({
      data: {
        workspaceId: owner.workspaceId,
        projectId: owner.projectId ?? null,
        currentOwnerKey: key,
        kind: input.kind,
        settings: input.settings as Prisma.InputJsonValue,
        onPremGroupId,
      },
      select: { id: true },
    });
    if (input.auth) await storeAuth(tx, created.id, input.auth);
    await seedPolicyFromPrefix(tx, created.id, actor, input.policyPrefix);
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: owner.projectId ?? null,
        action: current ? "secrets.provider.replaced" : "secrets.provider.created",
        targetType: "provider_config",
        targetId: created.id,
        detail: { kind: input.kind, ...(current ? { replacedKind: current.kind, replacedId: current.id } : {}) },
      },
      tx,
    );
    return { id: created.id, replaced: Boolean(current), previousId: current?.id };
  });
}

/**
 * A configuration's on-prem group must be one of its own workspace's, and only Vault goes through one yet: the
 * AWS and Azure SDKs' requests are signed per host and carry the console's platform credentials, which must not
 * pass through an agent (docs/agent.md "Cloud profiles").
 */
async function assertConnectionType(tx: Tx, workspaceId: number, kind: ProviderKind, groupId: number | null): Promise<void> {
  if (groupId === null) return;
  if (kind === "gcp") {
    throw new AppError(
      "VALIDATION",
      `${PROVIDER_LABELS[kind]} cannot be reached through an on-prem group: choose Cloud. AWS Secrets Manager, Azure Key Vault and HashiCorp Vault can.`,
      "onPremGroupId",
    );
  }
  const group = await tx.onPremGroup.findFirst({ where: { id: groupId, workspaceId }, select: { id: true } });
  if (!group) throw new AppError("VALIDATION", "Choose an on-prem group of this workspace.", "onPremGroupId");
}

function missingAuth(kind: ProviderKind): AppError {
  const what = { aws: "", azure: "the client secret", vault: "the AppRole secret ID", gcp: "the service-account key" }[kind];
  return new AppError("VALIDATION", `Enter ${what}.`);
}

/** Encrypts the auth material bound to the endpoint in the row's settings as saved in this transaction. */
async function storeAuth(tx: Tx, configId: number, auth: Record<string, string>): Promise<void> {
  const row = await tx.secretsProviderConfig.findUniqueOrThrow({ where: { id: configId }, select: { kind: true, settings: true, onPremGroupId: true } });
  const bound = bindAuth(row.kind as ProviderKind, withConnectionType(row.settings as Record<string, unknown>, row.onPremGroupId), auth);
  const dataKey = generateDataKey();
  const enc = encryptValue(JSON.stringify(bound), dataKey, `provider-config:${configId}:auth`);
  await tx.secretsProviderConfig.update({
    where: { id: configId },
    data: { authCiphertext: enc.ciphertext, authIv: enc.iv, authTag: enc.tag, wrappedDataKey: wrapDataKey(dataKey, getMasterKey()) },
  });
}

/** A configuration with its auth material decrypted, for resolution and tests only (server memory). */
export async function loadProviderForUse(configId: number): Promise<ProviderConfig & { id: number; revision: number; onPremGroupId: number | null }> {
  const row = await db.secretsProviderConfig.findUnique({
    where: { id: configId },
    select: {
      id: true,
      revision: true,
      kind: true,
      settings: true,
      workspaceId: true,
      projectId: true,
      authCiphertext: true,
      authIv: true,
      authTag: true,
      wrappedDataKey: true,
      onPremGroupId: true,
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "Unknown secrets configuration.");
  const owner: ProviderOwner = row.projectId === null ? { workspaceId: row.workspaceId } : { workspaceId: row.workspaceId, projectId: row.projectId };
  let auth: unknown;
  if (row.authCiphertext && row.authIv && row.authTag && row.wrappedDataKey) {
    const dataKey = unwrapDataKey(row.wrappedDataKey, getMasterKey());
    const stored = JSON.parse(decryptValue({ ciphertext: row.authCiphertext, iv: row.authIv, tag: row.authTag }, dataKey, `provider-config:${row.id}:auth`));
    auth = unbindAuth(row.kind as ProviderKind, withConnectionType(row.settings as Record<string, unknown>, row.onPremGroupId), stored);
  }
  return { ...toProviderConfig(row.kind, owner, row.settings, auth), id: row.id, revision: row.revision, onPremGroupId: row.onPremGroupId };
}

export async function recordProviderTest(actor: OwnerActor, configId: number, result: { ok: boolean; summary: string; code?: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.secretsProviderConfig.updateMany({
      where: { id: configId, workspaceId: actor.workspaceId, ...(isProjectActor(actor) ? { projectId: actor.projectId } : { projectId: null }) },
      data: { lastTestAt: new Date(), lastTestOk: result.ok, lastTestSummary: result.summary.slice(0, 500) },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "Unknown secrets configuration.");
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: isProjectActor(actor) ? actor.projectId : null,
        action: "secrets.provider.tested",
        targetType: "provider_config",
        targetId: configId,
        outcome: result.ok ? "success" : "failure",
        detail: { code: result.code ?? null },
      },
      tx,
    );
  });
}
