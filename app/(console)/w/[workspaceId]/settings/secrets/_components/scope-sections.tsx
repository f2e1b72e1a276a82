// The workspace secrets page's two layouts: in workspace scope the workspace provider comes first; in project
// scope the project providers do, and the workspace provider waits, folded, for a switch back.
import Link from "next/link";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { SecretBrowser } from "@/components/secret-browser";
import { LastTest } from "@/components/secrets/last-test";
import { Alert } from "@/components/ui/alert";
import type { ProviderKind } from "@/lib/secrets/types";

interface ProjectConfigRow {
  kind: ProviderKind;
  lastTestAt: Date | null;
  lastTestOk: boolean | null;
  lastTestSummary: string | null;
}

export function ProjectConfigTable({
  base,
  projects,
  byProject,
}: {
  base: string;
  projects: ReadonlyArray<{ id: number; name: string }>;
  byProject: ReadonlyMap<number, ProjectConfigRow>;
}) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Project configurations">
        <thead>
          <tr>
            <th>Project</th>
            <th>Provider</th>
            <th>Last test</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => {
            const c = byProject.get(p.id);
            return (
              <tr key={p.id}>
                <td>
                  <Link href={`${base}/p/${p.id}/settings/secrets`}>{p.name}</Link>
                </td>
                <td>{c ? PROVIDER_LABELS[c.kind] : <span className="muted">Not configured</span>}</td>
                <td>{c ? <LastTest at={c.lastTestAt} ok={c.lastTestOk} summary={c.lastTestSummary} /> : <span className="muted">—</span>}</td>
                <td className="cell-end">
                  <Link className="btn small" href={`${base}/p/${p.id}/settings/secrets`}>
                    {c ? "Open" : "Configure"}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface SectionsProps {
  workspaceId: number;
  /** The workspace's own configuration's kind, when it has one. */
  workspaceKind: ProviderKind | undefined;
  workspaceProvider: React.ReactNode;
  projectTable: React.ReactNode;
  hasProjects: boolean;
}

export function WorkspaceScopeSections({ workspaceId, workspaceKind, workspaceProvider, projectTable }: SectionsProps) {
  return (
    <>
      <section className="card" aria-labelledby="workspace-provider-heading">
        <h2 id="workspace-provider-heading">Workspace provider</h2>
        <p className="muted">Every project’s references resolve through this configuration.</p>
        {!workspaceKind && (
          <div style={{ marginBottom: 16 }}>
            <Alert kind="warn">No provider is configured yet: connections can only use literal values until one is saved here.</Alert>
          </div>
        )}
        {workspaceProvider}
      </section>
      {workspaceKind && (
        <section className="card" aria-labelledby="workspace-browser-heading">
          <h2 id="workspace-browser-heading">Secrets in {PROVIDER_LABELS[workspaceKind]}</h2>
          <p className="muted">Names only, from the saved configuration, with the connections that use each one. Values never leave the server.</p>
          <SecretBrowser scope={{ workspaceId, config: "own" }} />
        </section>
      )}
      <section className="card" aria-labelledby="project-configs-heading">
        <h2 id="project-configs-heading">
          Project configurations <span className="badge">Not in use</span>
        </h2>
        <p className="muted">Prepare and test project providers here before switching to project scope.</p>
        {projectTable}
      </section>
    </>
  );
}

export function ProjectScopeSections({ workspaceKind, workspaceProvider, projectTable, hasProjects }: SectionsProps) {
  return (
    <>
      <section className="card" aria-labelledby="project-configs-heading">
        <h2 id="project-configs-heading">Project providers</h2>
        <p className="muted">Each project’s own configuration; project admins manage theirs under the project’s Secrets tab.</p>
        {hasProjects ? (
          projectTable
        ) : (
          <div className="empty">
            <h3>No projects yet</h3>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="workspace-provider-heading">
        <h2 id="workspace-provider-heading">
          Workspace provider <span className="badge">Not in use</span>
        </h2>
        <Alert kind="info">
          Not in use while the workspace is in project scope.{" "}
          {workspaceKind ? `${PROVIDER_LABELS[workspaceKind]} is kept and applies again if you switch back.` : "You can prepare one before switching back."}
        </Alert>
        <details className="disclosure">
          <summary>{workspaceKind ? "Edit the workspace configuration" : "Prepare a workspace configuration"}</summary>
          {workspaceProvider}
        </details>
      </section>
    </>
  );
}
