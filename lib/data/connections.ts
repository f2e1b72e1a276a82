import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError, fromPrismaError } from "@/lib/errors";
import { decryptValue, generateDataKey, unwrapDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { getMasterKey } from "@/lib/crypto/keyring";
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import { hasProjectCapability, isWorkspaceAdmin } from "@/lib/auth/roles";
import type { RecentAuth } from "@/lib/auth/recent-auth";
import { bindingKey, destinationKeyOf } from "@/lib/connections/destination";
import { applyDestinationMove } from "./destination-binding";
import type { ConnectionType, CredentialFieldName } from "@/lib/connections/types";
import { egressPolicyOf, type EgressPolicy } from "@/lib/connections/egress/modes";
import { auditBy, recordAudit } from "./audit";
import { fieldAad, fullTemplate, saveCredentialFields } from "./credential-fields";
import { activeConfigFor } from "./active-config";
import { assertConnectionWithinPolicy, loadPolicyForUse, type PolicyForUse } from "./reference-policy-check";
import type { CredentialChange } from "@/lib/views/connections";

export interface SaveConnectionInput {
  name: string;
  type: ConnectionType;
  /** Address settings, already validated for the type. */
  settings: Record<string, unknown>;
  credentials: Partial<Record<CredentialFieldName, CredentialChange>>;
}

function assertCanEdit(actor: ProjectActor): void {
  if (!hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit")) {
    throw new AppError("FORBIDDEN", "Only project editors and admins can change connections.");
  }
}

export async function createConnection(actor: ProjectActor, input: SaveConnectionInput): Promise<number> {
  assertCanEdit(actor);
  try {
    return await db.$transaction(async (tx) => {
      const connection = await tx.connection.create({
        data: {
          workspaceId: actor.workspaceId,
          projectId: actor.projectId,
          name: input.name,
          type: input.type,
          settings: input.settings as Prisma.InputJsonValue,
          wrappedDataKey: wrapDataKey(generateDataKey(), getMasterKey()),
        },
        select: { id: true, workspaceId: true, projectId: true, wrappedDataKey: true },
      });
      const fields = await saveCredentialFields(tx, connection, input.credentials);
      await assertWithinPolicy(tx, actor, { id: connection.id, type: input.type, settings: input.settings });
      await recordAudit(
        {
          ...auditBy(actor),
          projectId: actor.projectId,
          action: "connection.created",
          targetType: "connection",
          targetId: connection.id,
          detail: { name: input.name, type: input.type, fields },
        },
        tx,
      );
      return connection.id;
    });
  } catch (err) {
    fromPrismaError(err, { conflict: "A connection with this name already exists in the project." });
  }
}

export interface UpdateConnectionOptions {
  /** A project admin's recent password entry: lets stored credentials follow a changed destination. */
  confirmedMove?: RecentAuth;
}

export async function updateConnection(
  actor: ProjectActor,
  connectionId: number,
  input: SaveConnectionInput,
  options: UpdateConnectionOptions = {},
): Promise<void> {
  assertCanEdit(actor);
  try {
    await db.$transaction(async (tx) => {
      const existing = await tx.connection.findFirst({
        where: { id: connectionId, projectId: actor.projectId, workspaceId: actor.workspaceId },
        select: { id: true, workspaceId: true, projectId: true, wrappedDataKey: true, type: true, settings: true },
      });
      if (!existing) throw new AppError("NOT_FOUND", "Unknown connection.");
      if (existing.type !== input.type) throw new AppError("VALIDATION", "The type of a connection cannot change: create a new connection.");
      const type = input.type;
      const to = destinationKeyOf(type, input.settings);
      const from = destinationKeyOf(type, existing.settings as Record<string, unknown>);
      const moved = await applyDestinationMove(tx, actor, { id: connectionId, type, from, to }, input.credentials, options.confirmedMove);
      await tx.connection.update({ where: { id: connectionId }, data: { name: input.name, settings: input.settings as Prisma.InputJsonValue } });
      const fields = await saveCredentialFields(tx, existing, input.credentials);
      await assertWithinPolicy(tx, actor, { id: connectionId, type: input.type, settings: input.settings });
      await recordAudit(
        {
          ...auditBy(actor),
          projectId: actor.projectId,
          action: "connection.updated",
          targetType: "connection",
          targetId: connectionId,
          detail: { name: input.name, fields },
        },
        tx,
      );
      if (moved) {
        await recordAudit(
          {
            ...auditBy(actor),
            projectId: actor.projectId,
            action: "connection.destination_changed",
            targetType: "connection",
            targetId: connectionId,
            detail: { ...moved },
          },
          tx,
        );
      }
    });
  } catch (err) {
    fromPrismaError(err, { conflict: "A connection with this name already exists in the project." });
  }
}

/** The reference policy of the configuration active now, over the fields this save stores (new and kept). */
async function assertWithinPolicy(
  tx: Prisma.TransactionClient,
  actor: ProjectActor,
  connection: { id: number; type: string; settings: Record<string, unknown> },
) {
  const active = await activeConfigFor(actor.workspaceId, actor.projectId, tx);
  await assertConnectionWithinPolicy(tx, actor, connection, active?.id ?? null);
}

export async function deleteConnection(actor: ProjectActor, connectionId: number): Promise<void> {
  assertCanEdit(actor);
  await db.$transaction(async (tx) => {
    const existing = await tx.connection.findFirst({
      where: { id: connectionId, projectId: actor.projectId, workspaceId: actor.workspaceId },
      select: { name: true },
    });
    if (!existing) throw new AppError("NOT_FOUND", "Unknown connection.");
    await tx.connection.delete({ where: { id: connectionId } });
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: actor.projectId,
        action: "connection.deleted",
        targetType: "connection",
        targetId: connectionId,
        detail: { name: existing.name },
      },
      tx,
    );
  });
}

export interface ConnectionFieldView {
  name: CredentialFieldName;
  mode: "literal" | "template";
  /**
   * A template with its literal parts masked ("••••{{workato:sm:…}}"): references are not secret and come back
   * to the form, the text around them is a literal. Literals only say that they are set.
   */
  template: string | null;
  /** True when the template was saved under a configuration that is no longer active. */
  scopeChanged: boolean;
}

export interface ConnectionView {
  id: number;
  name: string;
  type: ConnectionType;
  settings: Record<string, unknown>;
  fields: ConnectionFieldView[];
  lastTestAt: Date | null;
  lastTestOk: boolean | null;
  lastTestSummary: string | null;
  degraded: boolean;
}

export async function getConnection(actor: ProjectActor, connectionId: number): Promise<ConnectionView> {
  const row = await db.connection.findFirst({
    where: { id: connectionId, projectId: actor.projectId, workspaceId: actor.workspaceId },
    select: {
      id: true,
      name: true,
      type: true,
      settings: true,
      lastTestAt: true,
      lastTestOk: true,
      lastTestSummary: true,
      degraded: true,
      fields: { select: { name: true, mode: true, template: true, providerConfigId: true }, orderBy: { name: "asc" } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "Unknown connection.");
  const active = await activeConfigFor(actor.workspaceId, actor.projectId);
  return {
    ...row,
    type: row.type as ConnectionType,
    settings: row.settings as Record<string, unknown>,
    fields: row.fields.map((f) => ({
      name: f.name as CredentialFieldName,
      mode: f.mode as "literal" | "template",
      template: f.mode === "template" ? f.template : null,
      scopeChanged: f.mode === "template" && f.providerConfigId !== (active?.id ?? null),
    })),
  };
}

export interface ConnectionForUse {
  id: number;
  workspaceId: number;
  projectId: number;
  name: string;
  type: ConnectionType;
  settings: Record<string, unknown>;
  cachePolicy: { ttlMs: number; graceMs: number };
  /** The workspace's egress policy, which every test of this connection goes through. */
  egress: EgressPolicy;
  active: { id: number; kind: string; revision: number } | null;
  /** The active configuration's reference policy, which the resolver checks before any provider call. */
  policy: PolicyForUse | null;
  fields: Array<
    | { name: CredentialFieldName; mode: "literal"; value: string; destination: string }
    | { name: CredentialFieldName; mode: "template"; template: string; providerConfigId: number | null; destination: string }
  >;
}

/** Everything a test needs, literals decrypted: server memory only, never returned to a client. */
export async function loadConnectionForUse(actor: ProjectActor, connectionId: number): Promise<ConnectionForUse> {
  const row = await db.connection.findFirst({
    where: { id: connectionId, projectId: actor.projectId, workspaceId: actor.workspaceId },
    select: {
      id: true,
      workspaceId: true,
      projectId: true,
      name: true,
      type: true,
      settings: true,
      wrappedDataKey: true,
      fields: { select: { name: true, mode: true, template: true, providerConfigId: true, ciphertext: true, iv: true, tag: true, destination: true } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "Unknown connection.");
  const [ws, active] = await Promise.all([
    db.workspace.findUniqueOrThrow({
      where: { id: row.workspaceId },
      select: { cacheTtlMinutes: true, outageGraceMinutes: true, egressAllowList: true, egressMode: true },
    }),
    activeConfigFor(row.workspaceId, row.projectId),
  ]);
  let dataKey: Buffer | undefined;
  const key = () => (dataKey ??= unwrapDataKey(row.wrappedDataKey, getMasterKey()));
  const fields = row.fields.map((f) => {
    const name = f.name as CredentialFieldName;
    const destination = bindingKey(f.destination);
    if (f.mode === "template")
      return { name, mode: "template" as const, template: fullTemplate(f, row.id, name, key), providerConfigId: f.providerConfigId, destination };
    return {
      name,
      mode: "literal" as const,
      destination,
      value: decryptValue({ ciphertext: f.ciphertext!, iv: f.iv!, tag: f.tag! }, key(), fieldAad(row.id, name)),
    };
  });
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    projectId: row.projectId,
    name: row.name,
    type: row.type as ConnectionType,
    settings: row.settings as Record<string, unknown>,
    cachePolicy: { ttlMs: ws.cacheTtlMinutes * 60_000, graceMs: ws.outageGraceMinutes * 60_000 },
    egress: egressPolicyOf(ws),
    active,
    policy: active ? await loadPolicyForUse(active.id) : null,
    fields,
  };
}

/** Stores the last test and audits it; a change of the degraded state is audited once, not on each use. */
export async function recordConnectionTest(
  actor: ProjectActor,
  connectionId: number,
  result: { ok: boolean; degraded: boolean; summary: string; detail: Prisma.InputJsonValue },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.connection.findFirst({
      where: { id: connectionId, projectId: actor.projectId, workspaceId: actor.workspaceId },
      select: { degraded: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "Unknown connection.");
    await tx.connection.update({
      where: { id: connectionId },
      data: { lastTestAt: new Date(), lastTestOk: result.ok, lastTestSummary: result.summary.slice(0, 500), degraded: result.degraded },
    });
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: actor.projectId,
        action: "connection.tested",
        targetType: "connection",
        targetId: connectionId,
        outcome: result.ok ? "success" : "failure",
        detail: result.detail,
      },
      tx,
    );
    if (before.degraded !== result.degraded) {
      await recordAudit(
        {
          ...auditBy(actor),
          projectId: actor.projectId,
          action: result.degraded ? "connection.degraded" : "connection.recovered",
          targetType: "connection",
          targetId: connectionId,
          outcome: result.degraded ? "failure" : "success",
        },
        tx,
      );
    }
  });
}

/** Re-saves a template field under the configuration active now (after the caller checked it resolves). */
export async function repointCredentialField(actor: WorkspaceActor, connectionId: number, fieldName: CredentialFieldName): Promise<void> {
  if (!isWorkspaceAdmin(actor.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace owners and admins can re-point references.");
  await db.$transaction(async (tx) => {
    const connection = await tx.connection.findFirst({
      where: { id: connectionId, workspaceId: actor.workspaceId },
      select: {
        id: true,
        workspaceId: true,
        projectId: true,
        wrappedDataKey: true,
        type: true,
        settings: true,
        fields: {
          where: { name: fieldName, mode: "template" },
          select: { template: true, providerConfigId: true, destination: true, ciphertext: true, iv: true, tag: true },
        },
      },
    });
    const field = connection?.fields[0];
    if (!connection || !field?.template) throw new AppError("NOT_FOUND", "Unknown connection field.");
    const template = fullTemplate(field, connection.id, fieldName, () => unwrapDataKey(connection.wrappedDataKey, getMasterKey()));
    // The field keeps the destination it was bound to: re-pointing changes where it resolves, not where it goes.
    await saveCredentialFields(tx, connection, { [fieldName]: { mode: "set", value: template } }, bindingKey(field.destination));
    // The active configuration's reference policy applies to re-pointed references too (docs/threat-model.md).
    const active = await activeConfigFor(connection.workspaceId, connection.projectId, tx);
    const settings = connection.settings as Record<string, unknown>;
    await assertConnectionWithinPolicy(
      tx,
      { workspaceRole: actor.workspaceRole, projectRole: null },
      { id: connectionId, type: connection.type, settings },
      active?.id ?? null,
    );
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: connection.projectId,
        action: "connection.repointed",
        targetType: "connection",
        targetId: connectionId,
        detail: { field: fieldName, fromConfig: field.providerConfigId },
      },
      tx,
    );
  });
}

/** The project of a connection in this workspace, or null: API callers' only way to a connection. */
export async function findConnectionProject(workspaceId: number, connectionId: number): Promise<number | null> {
  const row = await db.connection.findFirst({ where: { id: connectionId, workspaceId }, select: { projectId: true } });
  return row?.projectId ?? null;
}
