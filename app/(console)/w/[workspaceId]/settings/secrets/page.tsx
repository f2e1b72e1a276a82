import type { Metadata } from "next";
import { BulkJobSection, ReferencePolicySection, ScopeChangedCard } from "@/components/secrets/below-the-fold";
import { ProviderSetup } from "@/components/secrets/provider-setup";
import { toProviderSummary } from "@/components/secrets/provider-summary";
import { ScopeCard } from "@/components/secrets/scope-card";
import { latestBulkJob } from "@/lib/data/bulk-jobs";
import { getReferencePolicy } from "@/lib/data/reference-policy";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { listProjects } from "@/lib/data/projects";
import { listOnPremGroups } from "@/lib/data/onprem-groups";
import { getProviderConfig, listProviderConfigs } from "@/lib/data/provider-configs";
import { listScopeChangedFields } from "@/lib/data/secrets-scope";
import { impactOf, policyEntryImpacts, scopeSwitchImpact } from "@/lib/services/secrets/impact";
import { env } from "@/lib/env";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import { ProjectConfigTable, ProjectScopeSections, WorkspaceScopeSections } from "./_components/scope-sections";

export const metadata: Metadata = { title: "Secrets management" };

export default async function WorkspaceSecretsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const [{ preview, impact: scopeImpact }, workspaceConfig, configs, projects, flagged, policy, latestJob, groups] = await Promise.all([
    scopeSwitchImpact(actor),
    getProviderConfig(actor),
    listProviderConfigs(actor),
    listProjects(actor),
    listScopeChangedFields(actor),
    getReferencePolicy(actor),
    latestBulkJob(actor),
    listOnPremGroups(actor),
  ]);
  const replaceImpact = workspaceConfig ? await impactOf(actor, { kind: "provider-replace" }) : null;
  const policyImpacts = policy ? await policyEntryImpacts(actor, policy) : undefined;
  const scope = preview.from;
  const byProject = new Map(configs.filter((c) => c.projectId !== null).map((c) => [c.projectId!, c]));
  const base = `/w/${actor.workspaceId}`;

  const workspaceProvider = (
    <ProviderSetup
      owner={{ workspaceId: actor.workspaceId }}
      ownerLabel="this workspace"
      externalId={externalIdFor({ workspaceId: actor.workspaceId })}
      platformAccountId={env.PLATFORM_AWS_ACCOUNT_ID}
      enabledKinds={env.PROVIDERS}
      onPremGroups={groups.map(({ id, name }) => ({ id, name }))}
      current={toProviderSummary(workspaceConfig)}
      impact={replaceImpact}
    />
  );

  const sections = {
    workspaceId: actor.workspaceId,
    workspaceKind: workspaceConfig?.kind,
    workspaceProvider,
    projectTable: <ProjectConfigTable base={base} projects={projects} byProject={byProject} />,
    hasProjects: projects.length > 0,
  };
  return (
    <>
      <ScopeCard workspaceId={actor.workspaceId} preview={preview} impact={scopeImpact} />
      <ScopeChangedCard
        workspaceId={actor.workspaceId}
        flagged={flagged.map((f) => ({
          connectionId: f.connectionId,
          connectionName: f.connectionName,
          projectId: f.projectId,
          projectName: f.projectName,
          fieldName: f.fieldName,
          template: f.template,
        }))}
      />
      <BulkJobSection workspaceId={actor.workspaceId} latest={latestJob} />
      {scope === "workspace" ? <WorkspaceScopeSections {...sections} /> : <ProjectScopeSections {...sections} />}
      {policy && <ReferencePolicySection owner={{ workspaceId: actor.workspaceId }} policy={policy} canEdit impacts={policyImpacts} />}
    </>
  );
}
