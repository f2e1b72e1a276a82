"use server";
import { revalidatePath } from "next/cache";
import type { OwnerActor } from "@/lib/data/secrets-owner";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { switchSecretsScope } from "@/lib/data/secrets-scope";
import { updateCacheSettings, updateEgressPolicy } from "@/lib/data/workspace-settings";
import { auditCacheClearedBy } from "@/lib/data/cache-events";
import { repointReferences } from "@/lib/services/secrets/repoint";
import { testProviderConfig } from "@/lib/services/secrets/provider-test";
import { clearWorkspaceCache, forgetConfig } from "@/lib/services/secrets/cache-control";
import { limitCostly } from "@/lib/services/rate-limit";
import { parseProviderForm } from "@/lib/validations/provider-config";
import { cacheSettingsSchema, egressPolicySchema, providerTestSchema, rotationSettingsSchema, switchScopeSchema } from "@/lib/validations/secrets-settings";
import { updateRotationSettings } from "@/lib/data/rotation-settings";
import { ownerAction, workspaceAction } from "./safe-action";

function settingsPath(actor: OwnerActor): string {
  return "projectId" in actor ? `/w/${actor.workspaceId}/p/${actor.projectId}/settings/secrets` : `/w/${actor.workspaceId}/settings/secrets`;
}

export const switchSecretsScopeAction = workspaceAction("workspace.admin", {
  recentAuth: true,
  input: switchScopeSchema,
  invalidMessage: "The switch request was malformed. Reload the page and try again.",
  run: async ({ actor, input }) => {
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
  input: parseProviderForm,
  run: async ({ actor, input }) => {
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

export const repointReferencesAction = workspaceAction("workspace.admin", {
  run: async ({ actor }) => {
    const report = await repointReferences(actor);
    revalidatePath(`/w/${actor.workspaceId}`, "layout");
    return {
      ok: true,
      message: `Re-pointed ${report.repointed.length} field${report.repointed.length === 1 ? "" : "s"}; ${report.failed.length} still need attention.`,
      data: report,
    };
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
