import type { Metadata } from "next";
import { pageProject } from "@/lib/auth/page-guard";
import { listProjectMembers, getProject } from "@/lib/data/projects";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ workspaceId: string; projectId: string }> }) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const [project, members] = await Promise.all([getProject(actor), listProjectMembers(actor)]);
  return (
    <>
      <section className="card" aria-labelledby="about-heading">
        <h2 id="about-heading">About this project</h2>
        <dl className="grid-2" style={{ margin: 0 }}>
          <div>
            <dt className="label">Project ID</dt>
            <dd className="mono" style={{ margin: 0 }}>
              {project.id}
            </dd>
          </div>
          <div>
            <dt className="label">Created</dt>
            <dd style={{ margin: 0 }}>{project.createdAt.toISOString().slice(0, 10)}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <p className="muted small">Workspace owners and admins can reach every project. Roles are managed in workspace settings.</p>
        {members.length === 0 ? (
          <div className="empty">
            <h3>No project members</h3>
            <p>Workspace admins add members under Settings → Users.</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Email</th>
                  <th>Role</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.userId}>
                    <td>{m.name}</td>
                    <td>{m.email}</td>
                    <td style={{ textTransform: "capitalize" }}>{m.role}</td>
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
