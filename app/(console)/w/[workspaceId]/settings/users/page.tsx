import type { Metadata } from "next";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { listProjects } from "@/lib/data/projects";
import { listWorkspaceUsers } from "@/lib/data/users";
import { AddUserDialog } from "./_components/add-user-dialog";
import { EditRolesDialog } from "./_components/edit-roles-dialog";
import { ActivationButton } from "./_components/activation-button";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const [users, projects] = await Promise.all([listWorkspaceUsers(actor), listProjects(actor)]);
  const projectOptions = projects.map((p) => ({ id: p.id, name: p.name }));
  return (
    <section className="card" aria-labelledby="users-heading">
      <div className="card-header">
        <h2 id="users-heading">Users</h2>
        <AddUserDialog workspaceId={actor.workspaceId} projects={projectOptions} canAddOwner={actor.workspaceRole === "owner"} />
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>User</th>
              <th>Workspace role</th>
              <th>Project roles</th>
              <th>Status</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <div>{u.name}</div>
                  <div className="small muted">{u.email}</div>
                </td>
                <td style={{ textTransform: "capitalize" }}>{u.workspaceRole}</td>
                <td className="small">
                  {u.projectRoles.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    u.projectRoles.map((r) => (
                      <div key={r.projectId}>
                        {r.projectName}: {r.role}
                      </div>
                    ))
                  )}
                </td>
                <td>
                  {!u.active ? (
                    <span className="badge fail">Deactivated</span>
                  ) : u.mustChangePassword ? (
                    <span className="badge warn">Invited</span>
                  ) : (
                    <span className="badge ok">Active</span>
                  )}
                </td>
                <td>
                  <div className="row end">
                    <EditRolesDialog workspaceId={actor.workspaceId} user={u} projects={projectOptions} canGrantOwner={actor.workspaceRole === "owner"} />
                    {u.id !== actor.userId && <ActivationButton workspaceId={actor.workspaceId} userId={u.id} email={u.email} active={u.active} />}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
