import { NavLink } from "@/components/nav-link";
import { pageWorkspace } from "@/lib/auth/page-guard";

export default async function WorkspaceSettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string }> }) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const base = `/w/${actor.workspaceId}/settings`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Workspace settings</h1>
          <p className="subtitle">Only workspace owners and admins see these pages.</p>
        </div>
      </div>
      <nav className="tabs" aria-label="Workspace settings">
        <NavLink href={base} exact>
          General
        </NavLink>
        <NavLink href={`${base}/secrets`}>Secrets management</NavLink>
        <NavLink href={`${base}/users`}>Users</NavLink>
        <NavLink href={`${base}/api-tokens`}>API tokens</NavLink>
        <NavLink href={`${base}/api`}>API reference</NavLink>
        <NavLink href={`${base}/onprem-groups`}>On-prem groups</NavLink>
      </nav>
      {children}
    </>
  );
}
