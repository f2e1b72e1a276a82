import Link from "next/link";
import { NavLink } from "@/components/nav-link";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { getProject } from "@/lib/data/projects";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string; projectId: string }> }) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const project = await getProject(actor);
  const base = `/w/${actor.workspaceId}/p/${actor.projectId}`;
  return (
    <>
      <div className="breadcrumbs">
        <Link href={`/w/${actor.workspaceId}`}>Workspace</Link> / Projects
      </div>
      <div className="page-header">
        <div>
          <h1>{project.name}</h1>
          {project.description && <p className="subtitle">{project.description}</p>}
        </div>
      </div>
      <nav className="tabs" aria-label="Project">
        <NavLink href={`${base}/connections`}>Connections</NavLink>
        <NavLink href={`${base}/workflows`}>Workflows</NavLink>
        {/* Every member may read what connections may reference (docs/threat-model.md "Reference policy"). */}
        <NavLink href={`${base}/reference-policy`}>Reference policy</NavLink>
        {/* Project admins and workspace admins configure the project's secrets provider. */}
        {hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.admin") && <NavLink href={`${base}/settings/secrets`}>Secrets</NavLink>}
        <NavLink href={`${base}/settings`} exact>
          Settings
        </NavLink>
      </nav>
      {children}
    </>
  );
}
