"use server";
import { revalidatePath } from "next/cache";
import type { OwnerActor } from "@/lib/data/secrets-owner";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { switchSecretsScope } from "@/lib/data/secrets-scope";
import { updateCacheSettings, updateEgressPolicy } from "@/lib/data/workspace-settings";
import { auditCacheClearedBy } from "@/lib/data/cache-events";
import { testProviderConfig } from "@/lib/services/secrets/provider-test";
import { clearWorkspaceCache, forgetConfig } from "@/lib/services/secrets/cache-control";
import { limitCostly } from "@/lib/services/rate-limit";
import { parseProviderForm } from "@/lib/validations/provider-config";
import { impactTokenField } from "@/lib/validations/impact";
import { isAppError } from "@/lib/errors";
import { assertImpactConfirmed } from "@/lib/services/secrets/impact";
import type { ImpactChange } from "@/lib/views/impact";
import { cacheSettingsSchema, egressPolicySchema, providerTestSchema, rotationSettingsSchema, switchScopeSchema } from "@/lib/validations/secrets-settings";
import { updateRotationSettings } from "@/lib/data/rotation-settings";
import { ownerAction, workspaceAction } from "./safe-action";

function settingsPath(actor: OwnerActor): string {
  return "projectId" in actor ? `/w/${actor.workspaceId}/p/${actor.projectId}/settings/secrets` : `/w/${actor.workspaceId}/settings/secrets`;
}

/**
 * The server half of an impact confirmation (docs/scopes.md "Impact before anything breaks"): recompute what the
 * change breaks and refuse when the dialog showed something else. On refusal the page is revalidated, so the
 * still-open dialog re-renders with the current list and its new fingerprint, ready to be confirmed again.
 */
async function confirmImpact(actor: OwnerActor, change: ImpactChange, token: string | undefined, path: string): Promise<void> {
  try {
    await assertImpactConfirmed(actor, change, token);
  } catch (err) {
    if (isAppError(err) && err.code === "CONFLICT") revalidatePath(path);
    throw err;
  }
}

export const switchSecretsScopeAction = workspaceAction("workspace.admin", {
  recentAuth: true,
  input: switchScopeSchema,
  invalidMessage: "The switch request was malformed. Reload the page and try again.",
  run: async ({ actor, input }) => {
    await confirmImpact(actor, { kind: "scope-switch" }, input.impactToken, `/w/${actor.workspaceId}/settings/secrets`);
    const { affectedFields } = await switchSecretsScope(actor, { to: input.to, expectedVersion: input.expectedVersion });
    await clearWorkspaceCache(actor.workspaceId);
    revalidatePath(`/w/${actor.workspaceId}`, "layout");
    return {
      ok: true,
      message: `Secrets management now uses ${input.to === "project" ? "project-specific" : "workspace"} configurations.`,
      data: { affectedFields },
    };
  },
});

export const saveProviderConfigAction = ownerAction({
  recentAuth: true,
  input: (fields) => {
    const parsed = parseProviderForm(fields);
    const token = impactTokenField.safeParse(fields.impactToken || undefined);
    if (!token.success) return { success: false, fieldErrors: { impactToken: token.error.issues.map((i) => i.message) } };
    return parsed.success ? { success: true, data: { ...parsed.data, impactToken: token.data } } : parsed;
  },
  run: async ({ actor, input }) => {
    if (input.confirmReplace) await confirmImpact(actor, { kind: "provider-replace" }, input.impactToken, settingsPath(actor));
    const { id, replaced, previousId } = await saveProviderConfig(actor, input);
    await forgetConfig(id);
    if (previousId !== undefined) await forgetConfig(previousId);
    revalidatePath(settingsPath(actor));
    return {
      ok: true,
      message: replaced ? "Provider replaced. Test it, then re-point the references saved under the old one." : "Saved. Now test it.",
      data: { replaced },
    };
  },
});

export const testProviderConfigAction = ownerAction({
  input: providerTestSchema,
  run: async ({ actor, input }) => {
    limitCostly("test", actor);
    const report = await testProviderConfig(actor, { probe: input.probe });
    revalidatePath(settingsPath(actor));
    return { ok: true, data: report };
  },
});

export const updateCacheSettingsAction = workspaceAction("workspace.admin", {
  input: cacheSettingsSchema,
  run: async ({ actor, input }) => {
    await updateCacheSettings(actor, { cacheTtlMinutes: input.cacheTtlMinutes, outageGraceMinutes: input.outageGraceMinutes });
    revalidatePath(`/w/${actor.workspaceId}/settings`);
    return { ok: true, message: "Cache settings saved. They apply to values fetched from now on." };
  },
});

export const updateRotationSettingsAction = workspaceAction("workspace.admin", {
  input: rotationSettingsSchema,
  run: async ({ actor, input }) => {
    const { workspaceId: _ignored, ...settings } = input;
    await updateRotationSettings(actor, settings);
    revalidatePath(`/w/${actor.workspaceId}/settings`);
    return { ok: true, message: "Rotation settings saved. The next poll uses them." };
  },
});

export const updateEgressAllowListAction = workspaceAction("workspace.admin", {
  input: egressPolicySchema,
  run: async ({ actor, input }) => {
    await updateEgressPolicy(actor, { mode: input.mode, allowList: input.entries });
    revalidatePath(`/w/${actor.workspaceId}/settings`);
    return { ok: true, message: "Egress policy saved." };
  },
});

/** "Clear cache": the console's clear_cache (same rights as the cache settings, docs/roles.md), audited. */
export const clearSecretsCacheAction = workspaceAction("workspace.admin", {
  run: async ({ actor }) => {
    const dropped = await clearWorkspaceCache(actor.workspaceId);
    await auditCacheClearedBy(actor, dropped);
    revalidatePath(`/w/${actor.workspaceId}/settings`);
    return {
      ok: true,
      message: `Cache cleared: ${dropped} cached value${dropped === 1 ? "" : "s"} dropped. Connections fetch current values on next use.`,
    };
  },
});
