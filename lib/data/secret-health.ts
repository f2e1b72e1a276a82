import "server-only";
// Secret health reads (docs/rotation.md "Secret health"): the rows the rotation poll keeps, with their flags and
// the connections and workflows using each secret. Nothing here calls a provider, so opening the page or the
// API costs no provider call. Workspace admins (or a workspace token) see every configuration; project
// members see the flags of their own project's connections only.
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { healthFlags, type HealthFlag } from "@/lib/secrets/health";
import { statusOf, type ConfigPollView, type SecretHealthRow, type SecretHealthUser, type SecretHealthView } from "@/lib/views/secret-health";
import { rowOf } from "./rotation-polls";

/** A workspace admin actor, or a workspace API token's identity: both name exactly one workspace. */
type WorkspaceReader = Pick<WorkspaceActor, "workspaceId"> & ({ workspaceRole: WorkspaceActor["workspaceRole"] } | { tokenId: number });

async function thresholdsOf(workspaceId: number) {
  const ws = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { expiryWarnDays: true, rotationStaleDays: true, rotationPollSeconds: true },
  });
  return { expiryWarnDays: ws.expiryWarnDays, rotationStaleDays: ws.rotationStaleDays, pollSeconds: ws.rotationPollSeconds };
}

/** Every referenced secret of the workspace's current configurations (or one of them), with flags and users. */
export async function readSecretHealth(who: WorkspaceReader, options: { configId?: number; now?: number } = {}): Promise<SecretHealthView> {
  // Defence in depth: pages and routes authorize first, but a member's actor must never get the whole workspace.
  if ("workspaceRole" in who && !isWorkspaceAdmin(who.workspaceRole)) throw new AppError("FORBIDDEN", "Only workspace admins can see secret health.");
  const now = options.now ?? Date.now();
  const thresholds = await thresholdsOf(who.workspaceId);
  const configs = await db.secretsProviderConfig.findMany({
    where: { workspaceId: who.workspaceId, currentOwnerKey: { not: null }, ...(options.configId ? { id: options.configId } : {}) },
    select: { id: true, kind: true, projectId: true, rotationPoll: true },
    orderBy: { id: "asc" },
  });
  const ids = configs.map((c) => c.id);
  const [rows, usages, workflowUsages] = await Promise.all([
    db.secretHealth.findMany({ where: { workspaceId: who.workspaceId, providerConfigId: { in: ids } }, orderBy: { reference: "asc" } }),
    db.secretUsage.findMany({
      where: { workspaceId: who.workspaceId, providerConfigId: { in: ids } },
      select: { providerConfigId: true, reference: true, fieldName: true, projectId: true, connection: { select: { id: true, name: true } } },
    }),
    db.workflowSecretUsage.findMany({
      where: { workspaceId: who.workspaceId, providerConfigId: { in: ids } },
      select: { providerConfigId: true, reference: true, secretName: true, projectId: true },
    }),
  ]);
  const users = new Map<string, SecretHealthUser[]>();
  const add = (configId: number, reference: string, user: SecretHealthUser) => {
    const key = `${configId}|${reference}`;
    users.set(key, [...(users.get(key) ?? []), user]);
  };
  for (const u of usages)
    add(u.providerConfigId, u.reference, { projectId: u.projectId, connectionId: u.connection.id, connectionName: u.connection.name, field: u.fieldName });
  for (const u of workflowUsages) {
    add(u.providerConfigId, u.reference, {
      projectId: u.projectId,
      connectionId: 0,
      connectionName: `Workflows: ${u.secretName}`,
      field: "workflow secret",
      workflowSecret: u.secretName,
    });
  }
  const configViews: ConfigPollView[] = configs.map((c) => configView(c));
  const kindOf = new Map(configs.map((c) => [c.id, c.kind]));
  const trackingOf = new Map(configViews.map((c) => [c.configId, c.trackingOff?.permission ?? (c.trackingOff ? "metadata permission" : undefined)]));
  const out: SecretHealthRow[] = rows.map((r) => {
    const row = rowOf(r);
    const flags = healthFlags(row.metadata, { now, thresholds, pendingSince: row.pendingSince, trackingDenied: trackingOf.get(r.providerConfigId) });
    return {
      configId: r.providerConfigId,
      kind: kindOf.get(r.providerConfigId) ?? "",
      secretId: r.secretId,
      reference: r.reference,
      status: statusOf(row.metadata),
      ...(row.metadata ? { metadata: row.metadata } : {}),
      flags,
      ...(row.error ? { error: row.error } : {}),
      checkedAt: r.updatedAt.toISOString(),
      users: users.get(`${r.providerConfigId}|${r.reference}`) ?? [],
    };
  });
  return { generatedAt: new Date(now).toISOString(), thresholds, configs: configViews, rows: out };
}

function configView(c: {
  id: number;
  kind: string;
  projectId: number | null;
  rotationPoll: { lastPolledAt: Date | null; trackingError: string | null; strategy: string | null; lastCalls: string | null } | null;
}): ConfigPollView {
  const p = c.rotationPoll;
  return {
    configId: c.id,
    kind: c.kind,
    projectId: c.projectId,
    ...(p?.lastPolledAt ? { lastPolledAt: p.lastPolledAt.toISOString() } : {}),
    ...(p?.trackingError ? { trackingOff: JSON.parse(p.trackingError) as ConfigPollView["trackingOff"] } : {}),
    ...(p?.strategy ? { strategy: p.strategy } : {}),
    ...(p?.lastCalls ? { calls: JSON.parse(p.lastCalls) as Record<string, number> } : {}),
  };
}

/** Flags per connection of one project, e.g. "password: the secret expires in 3 days", for lists and pages. */
export async function connectionSecretFlags(actor: ProjectActor, connectionIds?: number[]): Promise<Map<number, Array<HealthFlag & { field: string }>>> {
  const usages = await db.secretUsage.findMany({
    where: { workspaceId: actor.workspaceId, projectId: actor.projectId, ...(connectionIds ? { connectionId: { in: connectionIds } } : {}) },
    select: { connectionId: true, fieldName: true, providerConfigId: true, reference: true },
  });
  const out = new Map<number, Array<HealthFlag & { field: string }>>();
  if (usages.length === 0) return out;
  const thresholds = await thresholdsOf(actor.workspaceId);
  const rows = await db.secretHealth.findMany({
    where: {
      workspaceId: actor.workspaceId,
      providerConfigId: { in: [...new Set(usages.map((u) => u.providerConfigId))] },
      reference: { in: [...new Set(usages.map((u) => u.reference))] },
    },
  });
  const byRef = new Map(rows.map((r) => [`${r.providerConfigId}|${r.reference}`, rowOf(r)]));
  const now = Date.now();
  for (const u of usages) {
    const row = byRef.get(`${u.providerConfigId}|${u.reference}`);
    if (!row) continue;
    const flags = healthFlags(row.metadata, { now, thresholds, pendingSince: row.pendingSince }).filter((f) => f.severity !== "info");
    if (flags.length) out.set(u.connectionId, [...(out.get(u.connectionId) ?? []), ...flags.map((f) => ({ ...f, field: u.fieldName }))]);
  }
  return out;
}
