import "server-only";
// Bulk "Re-point references": after a scope switch or provider replacement, each template saved under the old
// configuration is re-saved under the active one, but only once every reference in it resolves there.
// The others are reported with the reason, so nothing silently points at a secret that does not exist.
import type { WorkspaceActor } from "@/lib/auth/actor";
import { activeConfigFor } from "@/lib/data/active-config";
import { repointCredentialField } from "@/lib/data/connections";
import { listScopeChangedFields } from "@/lib/data/secrets-scope";
import { getWorkspaceSecretsSettings } from "@/lib/data/workspace-settings";
import { isAppError } from "@/lib/errors";
import { parseTemplate, ReferenceParseError } from "@/lib/secrets/references";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import { selectValue } from "@/lib/secrets/select-value";
import { isSecretsError } from "@/lib/secrets/errors";
import { providerHandle, resolveThroughCache } from "./runtime";
import type { ProviderKind } from "@/lib/secrets/types";
import type { RepointReport } from "@/lib/views/secrets";
import type { CredentialFieldName } from "@/lib/connections/types";

export async function repointReferences(actor: WorkspaceActor): Promise<RepointReport> {
  const stale = await listScopeChangedFields(actor);
  const policy = await cachePolicyOf(actor);
  const report: RepointReport = { repointed: [], failed: [] };
  for (const field of stale) {
    const reason = await repointOne(actor, field, policy);
    if (reason) report.failed.push({ ...field, reason });
    else report.repointed.push(field);
  }
  return report;
}

type StaleField = { connectionId: number; projectId: number; fieldName: CredentialFieldName; template: string };

async function cachePolicyOf(actor: WorkspaceActor): Promise<{ ttlMs: number; graceMs: number }> {
  const settings = await getWorkspaceSecretsSettings(actor);
  return { ttlMs: settings.cacheTtlMinutes * 60_000, graceMs: 0 };
}

/** One field: re-saved under the active configuration if all its references resolve there; else the reason. */
async function repointOne(actor: WorkspaceActor, field: StaleField, policy: { ttlMs: number; graceMs: number }): Promise<string | null> {
  const reason = await whyNotResolvable(actor.workspaceId, field.projectId, field.template, policy);
  if (reason) return reason;
  try {
    await repointCredentialField(actor, field.connectionId, field.fieldName);
    return null;
  } catch (err) {
    if (!isAppError(err)) throw err;
    return err.message;
  }
}

/** The bulk job's unit (lib/services/jobs): a field that is no longer flagged counts as done. */
export async function repointFieldForJob(
  actor: WorkspaceActor,
  connectionId: number,
  fieldName: CredentialFieldName,
): Promise<{ ok: boolean; summary: string }> {
  const field = (await listScopeChangedFields(actor, { connectionId, fieldName }))[0];
  if (!field) return { ok: true, summary: "Already resolves through the active configuration." };
  const reason = await repointOne(actor, field, await cachePolicyOf(actor));
  return reason ? { ok: false, summary: reason } : { ok: true, summary: "Re-pointed." };
}

async function whyNotResolvable(workspaceId: number, projectId: number, template: string, policy: { ttlMs: number; graceMs: number }): Promise<string | null> {
  const active = await activeConfigFor(workspaceId, projectId);
  if (!active) return "No secrets provider is configured for this project in the active scope.";
  let refs: ReturnType<typeof parseTemplate>["refs"];
  try {
    refs = parseTemplate(template, active.kind as ProviderKind).refs;
  } catch (err) {
    if (err instanceof ReferenceParseError) return `Not a reference the active provider understands: ${err.message}`;
    throw err;
  }
  const handle = await providerHandle(active.id, active.revision);
  const outcomes = await resolveThroughCache(handle, refs, policy, { priority: "interactive" });
  for (const ref of refs) {
    const outcome = outcomes.get(secretVersionKey(ref));
    if (!outcome) continue;
    if (!outcome.ok) return outcome.error.message;
    try {
      selectValue(ref, outcome.payload); // the key must exist too; the value is discarded at once
    } catch (err) {
      if (isSecretsError(err)) return err.message;
      throw err;
    }
  }
  return null;
}
