import type { Metadata } from "next";
import Link from "next/link";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { listProjects } from "@/lib/data/projects";
import { getWorkspace, getWorkspaceOverview } from "@/lib/data/workspaces";
import { Alert } from "@/components/ui/alert";
import { CreateProjectDialog } from "./_components/create-project-dialog";
import { PROVIDER_LABELS } from "@/components/provider-labels";

export const metadata: Metadata = { title: "Overview" };

export default async function WorkspaceOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await pageWorkspace((await params).workspaceId);
  const { passwordChanged } = await searchParams;
  const [workspace, overview, projects] = await Promise.all([getWorkspace(actor), getWorkspaceOverview(actor), listProjects(actor)]);
  const admin = isWorkspaceAdmin(actor.workspaceRole);
  const base = `/w/${actor.workspaceId}`;
  return (
    <>
      {passwordChanged && <Alert kind="success">Your password was changed.</Alert>}
      <div className="page-header">
        <div>
          <h1>{workspace.name}</h1>
          <p className="subtitle">
            Secrets management scope: <span className="badge info">{workspace.secretsScope === "project" ? "Project" : "Workspace"}</span>
          </p>
        </div>
        {admin && <CreateProjectDialog workspaceId={actor.workspaceId} />}
      </div>
      <div className="stats">
        <div className="stat">
          <div className="label">Projects</div>
          <div className="value">{overview.projectCount}</div>
        </div>
        <div className="stat">
          <div className="label">Connections</div>
          <div className="value">{overview.connectionCount}</div>
        </div>
        <div className="stat">
          <div className="label">Failing connections</div>
          <div className="value">{overview.failingConnections}</div>
        </div>
        <div className="stat">
          <div className="label">Active users</div>
          <div className="value">{overview.userCount}</div>
        </div>
      </div>
      <section className="card" aria-labelledby="projects-heading">
        <div className="card-header">
          <h2 id="projects-heading">Projects</h2>
        </div>
        {projects.length === 0 ? (
          <div className="empty">
            <h3>No projects yet</h3>
            <p>{admin ? "Create a project to hold your connections." : "Ask a workspace admin to add you to a project."}</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Connections</th>
                  <th>Secrets provider</th>
                  <th>Your role</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link href={`${base}/p/${p.id}`}>{p.name}</Link>
                      {p.description && <div className="small muted">{p.description}</div>}
                    </td>
                    <td>
                      {p.connectionCount}
                      {p.failingCount > 0 && (
                        <span className="badge fail" style={{ marginLeft: 8 }}>
                          {p.failingCount} failing
                        </span>
                      )}
                    </td>
                    <td>{p.provider ? (PROVIDER_LABELS[p.provider.kind] ?? p.provider.kind) : <span className="muted">Not configured</span>}</td>
                    <td style={{ textTransform: "capitalize" }}>{p.myRole ?? (admin ? `Workspace ${actor.workspaceRole}` : "—")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
