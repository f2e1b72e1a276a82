import type { Metadata } from "next";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { getWorkspace } from "@/lib/data/workspaces";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceGeneralSettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const ws = await getWorkspace(actor);
  return (
    <section className="card" aria-labelledby="general-heading">
      <h2 id="general-heading">General</h2>
      <dl className="grid-2" style={{ margin: 0, rowGap: 16 }}>
        <div><dt className="label">Workspace ID</dt><dd className="mono" style={{ margin: 0 }}>{ws.id}</dd></div>
        <div><dt className="label">Name</dt><dd style={{ margin: 0 }}>{ws.name}</dd></div>
        <div>
          <dt className="label">Secrets management scope</dt>
          <dd style={{ margin: 0 }}>{ws.secretsScope === "project" ? "Project: each project has its own provider" : "Workspace: one provider for all projects"}</dd>
        </div>
        <div>
          <dt className="label">Secrets cache</dt>
          <dd style={{ margin: 0 }}>
            Values kept in server memory for {ws.cacheTtlMinutes} min; during a provider outage the last good value may serve for{" "}
            {ws.outageGraceMinutes === 0 ? "no extra time" : `${ws.outageGraceMinutes} more min`}.
          </dd>
        </div>
      </dl>
    </section>
  );
}
