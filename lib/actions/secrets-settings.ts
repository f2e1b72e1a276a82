"use server";
import { revalidatePath } from "next/cache";
import { failure, type ActionResult } from "@/lib/action-result";
import { requireProject, requireWorkspace } from "@/lib/auth/authorize";
import type { OwnerActor } from "@/lib/data/secrets-owner";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { switchSecretsScope } from "@/lib/data/secrets-scope";
import { updateCacheSettings, updateEgressPolicy } from "@/lib/data/workspace-settings";
import { repointReferences, type RepointReport } from "@/lib/secrets/repoint";
import { testProviderConfig, type ProviderTestReport } from "@/lib/secrets/provider-test";
import { clearWorkspaceCache, forgetConfig } from "@/lib/secrets/cache-control";
import { parseProviderForm } from "@/lib/validations/provider-config";
import { cacheSettingsSchema, egressPolicySchema, switchScopeSchema } from "@/lib/validations/secrets-settings";
import { z } from "zod";

/**
 * The owner the form addresses: a project (project admins and workspace admins) or the workspace (workspace admins).
 * Forms may name it "ownerProjectId" (empty = the workspace), because the Google form's own "projectId" is the
 * Google Cloud project.
 */
async function ownerActor(form: FormData): Promise<OwnerActor> {
  const projectId = form.has("ownerProjectId") ? form.get("ownerProjectId") : form.get("projectId");
  return projectId ? requireProject(form.get("workspaceId"), projectId, "project.admin") : requireWorkspace(form.get("workspaceId"), "workspace.admin");
}

function settingsPath(actor: OwnerActor): string {
  return "projectId" in actor ? `/w/${actor.workspaceId}/p/${actor.projectId}/settings/secrets` : `/w/${actor.workspaceId}/settings/secrets`;
}

export async function switchSecretsScopeAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult<{ affectedFields: number }>> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const parsed = switchScopeSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, message: "The switch request was malformed. Reload the page and try again." };
    const { affectedFields } = await switchSecretsScope(actor, { to: parsed.data.to, expectedVersion: parsed.data.expectedVersion });
    await clearWorkspaceCache(actor.workspaceId);
    revalidatePath(`/w/${actor.workspaceId}`, "layout");
    return { ok: true, message: `Secrets management now uses ${parsed.data.to === "project" ? "project-specific" : "workspace"} configurations.`, data: { affectedFields } };
  } catch (err) {
    return failure(err);
  }
}

export async function saveProviderConfigAction(_prev: ActionResult<{ replaced: boolean }> | null, form: FormData): Promise<ActionResult<{ replaced: boolean }>> {
  try {
    const actor = await ownerActor(form);
    const parsed = parseProviderForm(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.fieldErrors };
    const { id, replaced, previousId } = await saveProviderConfig(actor, parsed.data);
    await forgetConfig(id);
    if (previousId !== undefined) await forgetConfig(previousId);
    revalidatePath(settingsPath(actor));
    return { ok: true, message: replaced ? "Provider replaced. Test it, then re-point the references saved under the old one." : "Saved. Now test it.", data: { replaced } };
  } catch (err) {
    return failure(err);
  }
}

export async function testProviderConfigAction(_prev: ActionResult<ProviderTestReport> | null, form: FormData): Promise<ActionResult<ProviderTestReport>> {
  try {
    const actor = await ownerActor(form);
    const report = await testProviderConfig(actor);
    revalidatePath(settingsPath(actor));
    return { ok: true, data: report };
  } catch (err) {
    return failure(err);
  }
}

export async function repointReferencesAction(_prev: ActionResult<RepointReport> | null, form: FormData): Promise<ActionResult<RepointReport>> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const report = await repointReferences(actor);
    revalidatePath(`/w/${actor.workspaceId}`, "layout");
    return { ok: true, message: `Re-pointed ${report.repointed.length} field${report.repointed.length === 1 ? "" : "s"}; ${report.failed.length} still need attention.`, data: report };
  } catch (err) {
    return failure(err);
  }
}

export async function updateCacheSettingsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const parsed = cacheSettingsSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
    await updateCacheSettings(actor, { cacheTtlMinutes: parsed.data.cacheTtlMinutes, outageGraceMinutes: parsed.data.outageGraceMinutes });
    revalidatePath(`/w/${actor.workspaceId}/settings`);
    return { ok: true, message: "Cache settings saved. They apply to values fetched from now on." };
  } catch (err) {
    return failure(err);
  }
}

export async function updateEgressAllowListAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await requireWorkspace(form.get("workspaceId"), "workspace.admin");
    const parsed = egressPolicySchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
    await updateEgressPolicy(actor, { mode: parsed.data.mode, allowList: parsed.data.entries });
    revalidatePath(`/w/${actor.workspaceId}/settings`);
    return { ok: true, message: "Egress policy saved." };
  } catch (err) {
    return failure(err);
  }
}
