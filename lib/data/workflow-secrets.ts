import "server-only";
// A project's workflow secrets (docs/workflows.md): each name maps to a template of secret references of the
// active configuration (same grammar and scope rules as connection credential fields), to a whole JSON secret
// (one lone reference, for `use: <secret>` authentication), or to an envelope-encrypted literal. References are
// indexed in WorkflowSecretUsage so "used by" and the scope-switch dialog count workflows.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptValue, encryptValue, generateDataKey, unwrapDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { getMasterKey } from "@/lib/crypto/keyring";
import type { ProjectActor } from "@/lib/auth/actor";
import { formatReference, isLoneReference, maskTemplate, parseTemplate, ReferenceParseError, TEMPLATE_MASK } from "@/lib/secrets/references";
import { isInsidePolicy } from "@/lib/secrets/reference-policy";
import { secretIdentity } from "@/lib/secrets/secret-key";
import type { ProviderKind } from "@/lib/secrets/types";
import { activeConfigFor, type ActiveConfig } from "./active-config";
import { auditBy, recordAudit } from "./audit";
import { loadPolicyForUse } from "./reference-policy-check";
import { bindEnteredSecret } from "./workflow-secret-bindings";
import { assertCanEditWorkflows } from "./workflows";

export const WORKFLOW_SECRET_NAME = /^[A-Za-z0-9_-]{1,100}$/;
export type WorkflowSecretKind = "reference" | "json-reference" | "literal";

export interface WorkflowSecretView {
  name: string;
  kind: WorkflowSecretKind;
  /** The template for references; null for literals (never shown). */
  template: string | null;
  /** False when the template was saved under a configuration that is no longer active (scope switched). */
  current: boolean;
}

/** What the runtime needs to resolve a project's workflow secrets. Literal values stay in server memory. */
export type WorkflowSecretForUse =
  | { name: string; kind: "literal"; value: string }
  | { name: string; kind: "reference" | "json-reference"; template: string; providerConfigId: number | null };

export const literalContext = (projectId: number, name: string) => `workflow-secret:${projectId}:${name}`;

export async function saveWorkflowSecret(actor: ProjectActor, input: { name: string; kind: WorkflowSecretKind; value: string }): Promise<void> {
  assertCanEditWorkflows(actor);
  if (!WORKFLOW_SECRET_NAME.test(input.name)) throw new AppError("VALIDATION", "A secret name is letters, digits, - and _.", "name");
  await db.$transaction(async (tx) => {
    const where = { projectId_name: { projectId: actor.projectId, name: input.name } };
    const base = { workspaceId: actor.workspaceId, projectId: actor.projectId, name: input.name, kind: input.kind };
    let refs: ReturnType<typeof parseTemplate>["refs"] = [];
    let active: ActiveConfig | null = null;
    let data: Record<string, unknown>;
    if (input.kind === "literal") {
      const dataKey = generateDataKey();
      const enc = encryptValue(input.value, dataKey, literalContext(actor.projectId, input.name));
      data = { ...base, template: null, providerConfigId: null, wrappedDataKey: wrapDataKey(dataKey, getMasterKey()), ...enc };
    } else {
      active = await activeConfigFor(actor.workspaceId, actor.projectId, tx);
      if (!active) throw new AppError("VALIDATION", "No secrets provider is active for this project: configure one under Secrets management.", "value");
      if (input.kind === "json-reference" && !isLoneReference(input.value.trim())) {
        throw new AppError("VALIDATION", "A whole JSON secret is one reference and nothing else.", "value");
      }
      refs = parseOrFieldError(input.value.trim(), active.kind as ProviderKind);
      if (refs.length === 0) throw new AppError("VALIDATION", "Pick a secret reference, or store the value as an encrypted literal.", "value");
      await assertInsidePolicy(tx, active.id, refs);
      data = { ...base, ...sealWorkflowTemplate(input.value.trim(), literalContext(actor.projectId, input.name)), providerConfigId: active.id };
    }
    const row = await tx.workflowSecret.upsert({ where, create: data as never, update: data as never, select: { id: true } });
    await tx.workflowSecretUsage.deleteMany({ where: { workflowSecretId: row.id } });
    await bindEnteredSecret(tx, actor.projectId, { id: row.id, name: input.name });
    if (active) {
      await tx.workflowSecretUsage.createMany({
        data: refs.map((ref) => ({
          workspaceId: actor.workspaceId,
          projectId: actor.projectId,
          workflowSecretId: row.id,
          secretName: input.name,
          providerConfigId: active.id,
          secretId: secretIdentity(ref),
          reference: formatReference(ref),
        })),
      });
    }
    await recordAudit(
      {
        ...auditBy(actor),
        projectId: actor.projectId,
        action: "workflow.secret.mapped",
        targetType: "workflow-secret",
        targetId: row.id,
        detail: { name: input.name, kind: input.kind, references: refs.map(formatReference) },
      },
      tx,
    );
  });
}

export async function deleteWorkflowSecret(actor: ProjectActor, name: string): Promise<void> {
  assertCanEditWorkflows(actor);
  await db.$transaction(async (tx) => {
    const row = await tx.workflowSecret.findUnique({
      where: { projectId_name: { projectId: actor.projectId, name } },
      select: { id: true, workspaceId: true },
    });
    if (!row || row.workspaceId !== actor.workspaceId) throw new AppError("NOT_FOUND", "No such workflow secret.");
    await tx.workflowSecret.delete({ where: { id: row.id } });
    await recordAudit(
      { ...auditBy(actor), projectId: actor.projectId, action: "workflow.secret.deleted", targetType: "workflow-secret", targetId: row.id, detail: { name } },
      tx,
    );
  });
}

export async function listWorkflowSecrets(actor: ProjectActor): Promise<WorkflowSecretView[]> {
  const active = await activeConfigFor(actor.workspaceId, actor.projectId);
  const rows = await db.workflowSecret.findMany({
    where: { projectId: actor.projectId, workspaceId: actor.workspaceId },
    orderBy: { name: "asc" },
    select: { name: true, kind: true, template: true, providerConfigId: true },
  });
  return rows.map((r) => ({
    name: r.name,
    kind: r.kind as WorkflowSecretKind,
    template: r.kind === "literal" ? null : r.template,
    current: r.kind === "literal" || (active !== null && r.providerConfigId === active.id),
  }));
}

/**
 * The named secrets of a project, literals decrypted, for one run. Unknown names are simply absent. The scope
 * comes from a run the queue claimed (lib/data/workflow-runs.ts), which an authorized actor created.
 */
export async function loadWorkflowSecretsForRun(
  scope: { workspaceId: number; projectId: number },
  names: readonly string[],
): Promise<{ secrets: WorkflowSecretForUse[]; active: ActiveConfig | null; cachePolicy: { ttlMs: number; graceMs: number } }> {
  const rows = await db.workflowSecret.findMany({ where: { projectId: scope.projectId, workspaceId: scope.workspaceId, name: { in: [...names] } } });
  const secrets: WorkflowSecretForUse[] = rows.map((r) => {
    if (r.kind === "literal") {
      const key = unwrapDataKey(r.wrappedDataKey!, getMasterKey());
      return {
        name: r.name,
        kind: "literal",
        value: decryptValue({ ciphertext: r.ciphertext!, iv: r.iv!, tag: r.tag! }, key, literalContext(r.projectId, r.name)),
      };
    }
    // Text around the references is encrypted like a literal; the column holds it masked (sealWorkflowTemplate).
    const template =
      r.ciphertext && r.iv && r.tag && r.wrappedDataKey
        ? decryptValue({ ciphertext: r.ciphertext, iv: r.iv, tag: r.tag }, unwrapDataKey(r.wrappedDataKey, getMasterKey()), literalContext(r.projectId, r.name))
        : (r.template ?? "");
    return { name: r.name, kind: r.kind as "reference" | "json-reference", template, providerConfigId: r.providerConfigId };
  });
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId }, select: { cacheTtlMinutes: true, outageGraceMinutes: true } });
  const cachePolicy = { ttlMs: ws.cacheTtlMinutes * 60_000, graceMs: ws.outageGraceMinutes * 60_000 };
  return { secrets, active: await activeConfigFor(scope.workspaceId, scope.projectId), cachePolicy };
}

/**
 * A reference template as stored: the references with the text around them masked, and, when there is such
 * text, the whole template encrypted under a data key of its own (docs/threat-model.md "Text around a reference").
 */
export function sealWorkflowTemplate(template: string, context: string) {
  if (template.includes(TEMPLATE_MASK))
    throw new AppError("VALIDATION", `${TEMPLATE_MASK} stands for text that is stored encrypted: re-enter the whole value.`, "value");
  const masked = maskTemplate(template);
  if (masked === template) return { template, wrappedDataKey: null, ciphertext: null, iv: null, tag: null };
  const dataKey = generateDataKey();
  return { template: masked, wrappedDataKey: wrapDataKey(dataKey, getMasterKey()), ...encryptValue(template, dataKey, context) };
}

/** Like a connection field, a reference outside the configuration's reference policy cannot be mapped. */
async function assertInsidePolicy(tx: Parameters<typeof loadPolicyForUse>[1], configId: number, refs: ReturnType<typeof parseTemplate>["refs"]) {
  const policy = await loadPolicyForUse(configId, tx);
  const outside = refs.find((ref) => !isInsidePolicy(policy.entries, policy.kind, secretIdentity(ref)));
  if (!outside) return;
  throw new AppError(
    "VALIDATION",
    `${formatReference(outside)} is outside the reference policy of ${policy.owner}: ask ${policy.approver} to add it under Secrets management › Reference policy.`,
    "value",
  );
}

function parseOrFieldError(value: string, kind: ProviderKind) {
  try {
    return parseTemplate(value, kind).refs;
  } catch (err) {
    if (err instanceof ReferenceParseError) throw new AppError("VALIDATION", err.message, "value");
    throw err;
  }
}

/** Workflow secrets resolving now through the given per-project configurations (what a scope switch breaks). */
export async function workflowSecretsResolvingThrough(
  workspaceId: number,
  byProject: Map<number, number | null>,
): Promise<Array<{ projectId: number; projectName: string; name: string }>> {
  const ids = [...new Set([...byProject.values()].filter((id): id is number => id !== null))];
  const rows = await db.workflowSecret.findMany({
    where: { workspaceId, kind: { not: "literal" }, providerConfigId: { in: ids } },
    select: { name: true, projectId: true, providerConfigId: true, project: { select: { name: true } } },
    orderBy: [{ projectId: "asc" }, { name: "asc" }],
  });
  return rows
    .filter((r) => byProject.get(r.projectId) === r.providerConfigId)
    .map((r) => ({ projectId: r.projectId, projectName: r.project.name, name: r.name }));
}
