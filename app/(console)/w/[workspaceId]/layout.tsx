import Link from "next/link";
import { NavLink } from "@/components/nav-link";
import { signOutAction } from "@/lib/actions/auth";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { hasWorkspaceCapability, isWorkspaceAdmin } from "@/lib/auth/roles";
import { getWorkspace, listMyWorkspaces } from "@/lib/data/workspaces";
import { listProjects } from "@/lib/data/projects";
import { CreateWorkspaceDialog } from "./_components/create-workspace-dialog";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const actor = await pageWorkspace(workspaceId);
  const [workspace, projects, workspaces] = await Promise.all([getWorkspace(actor), listProjects(actor), listMyWorkspaces(actor)]);
  const base = `/w/${actor.workspaceId}`;
  const admin = isWorkspaceAdmin(actor.workspaceRole);
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Console">
        <Link href={base} className="brand">
          <span className="brand-mark" aria-hidden>
            K
          </span>{" "}
          Keyhold
        </Link>
        <div className="section">Workspace</div>
        <NavLink href={base} exact>
          {workspace.name}
        </NavLink>
        {admin && <NavLink href={`${base}/settings`}>Settings</NavLink>}
        {admin && <NavLink href={`${base}/operations`}>Operations</NavLink>}
        {(admin || projects.some((p) => p.myRole === "admin")) && <NavLink href={`${base}/audit`}>Audit log</NavLink>}
        <div className="section">Projects</div>
        {projects.length === 0 && (
          <span className="small" style={{ padding: "4px 10px" }}>
            No projects yet
          </span>
        )}
        {projects.map((p) => (
          <NavLink key={p.id} href={`${base}/p/${p.id}`}>
            {p.name}
          </NavLink>
        ))}
        {workspaces.length > 1 && (
          <>
            <div className="section">Switch workspace</div>
            {workspaces
              .filter((w) => w.id !== actor.workspaceId)
              .map((w) => (
                <Link key={w.id} href={`/w/${w.id}`}>
                  {w.name}
                </Link>
              ))}
          </>
        )}
        {hasWorkspaceCapability(actor.workspaceRole, "workspace.create") && <CreateWorkspaceDialog workspaceId={actor.workspaceId} />}
        <div className="spacer" />
        <div className="who">
          <div className="email" title={actor.email}>
            {actor.email}
          </div>
          <div className="small" style={{ textTransform: "capitalize" }}>
            {actor.workspaceRole}
          </div>
          <div className="row" style={{ marginTop: 8 }}>
            <Link href="/account/password" className="small" style={{ padding: 0, color: "#98a2b3" }}>
              Password
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="small">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </nav>
      <main className="main" id="main">
        {children}
      </main>
    </div>
  );
}
