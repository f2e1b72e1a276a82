import type { Metadata } from "next";
import Link from "next/link";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { SecretBrowser } from "@/components/secret-browser";
import { LastTest } from "@/components/secrets/last-test";
import { ProviderSetup } from "@/components/secrets/provider-setup";
import { toProviderSummary } from "@/components/secrets/provider-summary";
import { ScopeCard } from "@/components/secrets/scope-card";
import { ScopeChangedCard } from "@/components/secrets/scope-changed-card";
import { Alert } from "@/components/ui/alert";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { listProjects } from "@/lib/data/projects";
import { getProviderConfig, listProviderConfigs } from "@/lib/data/provider-configs";
import { listReferencesOfConfig } from "@/lib/data/secret-usage";
import { listScopeChangedFields, previewScopeSwitch } from "@/lib/data/secrets-scope";
import { env } from "@/lib/env";
import { externalIdFor } from "@/lib/secrets/aws-policies";

export const metadata: Metadata = { title: "Secrets management" };

export default async function WorkspaceSecretsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const [preview, workspaceConfig, configs, projects, flagged] = await Promise.all([
    previewScopeSwitch(actor),
    getProviderConfig(actor),
    listProviderConfigs(actor),
    listProjects(actor),
    listScopeChangedFields(actor),
  ]);
  const breaking = workspaceConfig ? await listReferencesOfConfig(actor, workspaceConfig.id) : [];
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
      current={toProviderSummary(workspaceConfig)}
      breaking={breaking}
    />
  );

  const projectTable = (
    <div className="table-wrap">
      <table className="table" aria-label="Project configurations">
        <thead>
          <tr><th>Project</th><th>Provider</th><th>Last test</th><th><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {projects.map((p) => {
            const c = byProject.get(p.id);
            return (
              <tr key={p.id}>
                <td><Link href={`${base}/p/${p.id}/settings/secrets`}>{p.name}</Link></td>
                <td>{c ? PROVIDER_LABELS[c.kind] : <span className="muted">Not configured</span>}</td>
                <td>{c ? <LastTest at={c.lastTestAt} ok={c.lastTestOk} summary={c.lastTestSummary} /> : <span className="muted">—</span>}</td>
                <td className="cell-end"><Link className="btn small" href={`${base}/p/${p.id}/settings/secrets`}>{c ? "Open" : "Configure"}</Link></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );

  return (
    <>
      <ScopeCard workspaceId={actor.workspaceId} preview={preview} />
      <ScopeChangedCard
        workspaceId={actor.workspaceId}
        flagged={flagged.map((f) => ({ connectionId: f.connectionId, connectionName: f.connectionName, projectId: f.projectId, projectName: f.projectName, fieldName: f.fieldName, template: f.template }))}
      />
      {scope === "workspace" ? (
        <>
          <section className="card" aria-labelledby="workspace-provider-heading">
            <h2 id="workspace-provider-heading">Workspace provider</h2>
            <p className="muted">Every project’s references resolve through this configuration.</p>
            {!workspaceConfig && (
              <div style={{ marginBottom: 16 }}>
                <Alert kind="warn">No provider is configured yet: connections can only use literal values until one is saved here.</Alert>
              </div>
            )}
            {workspaceProvider}
          </section>
          {workspaceConfig && (
            <section className="card" aria-labelledby="workspace-browser-heading">
              <h2 id="workspace-browser-heading">Secrets in {PROVIDER_LABELS[workspaceConfig.kind]}</h2>
              <p className="muted">Names only, from the saved configuration, with the connections that use each one. Values never leave the server.</p>
              <SecretBrowser scope={{ workspaceId: actor.workspaceId, config: "own" }} />
            </section>
          )}
          <section className="card" aria-labelledby="project-configs-heading">
            <h2 id="project-configs-heading">Project configurations <span className="badge">Not in use</span></h2>
            <p className="muted">Prepare and test project providers here before switching to project scope.</p>
            {projectTable}
          </section>
        </>
      ) : (
        <>
          <section className="card" aria-labelledby="project-configs-heading">
            <h2 id="project-configs-heading">Project providers</h2>
            <p className="muted">Each project’s own configuration; project admins manage theirs under the project’s Secrets tab.</p>
            {projects.length === 0 ? <div className="empty"><h3>No projects yet</h3></div> : projectTable}
          </section>
          <section className="card" aria-labelledby="workspace-provider-heading">
            <h2 id="workspace-provider-heading">Workspace provider <span className="badge">Not in use</span></h2>
            <Alert kind="info">
              Not in use while the workspace is in project scope.{" "}
              {workspaceConfig ? `${PROVIDER_LABELS[workspaceConfig.kind]} is kept and applies again if you switch back.` : "You can prepare one before switching back."}
            </Alert>
            <details className="disclosure">
              <summary>{workspaceConfig ? "Edit the workspace configuration" : "Prepare a workspace configuration"}</summary>
              {workspaceProvider}
            </details>
          </section>
        </>
      )}
    </>
  );
}
