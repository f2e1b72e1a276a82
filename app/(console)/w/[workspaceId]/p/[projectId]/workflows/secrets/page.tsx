import type { Metadata } from "next";
import Link from "next/link";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { activeConfigFor } from "@/lib/data/active-config";
import { listWorkflowSecrets } from "@/lib/data/workflow-secrets";
import { SecretForm } from "../_components/secret-form";

export const metadata: Metadata = { title: "Workflow secrets" };

const KIND_LABELS: Record<string, string> = { reference: "Reference", "json-reference": "Whole JSON secret", literal: "Encrypted literal" };

export default async function WorkflowSecretsPage({ params }: { params: Promise<{ workspaceId: string; projectId: string }> }) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const [secrets, active] = await Promise.all([listWorkflowSecrets(actor), activeConfigFor(actor.workspaceId, actor.projectId)]);
  const canEdit = hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit");
  return (
    <>
      <div className="breadcrumbs">
        <Link href={`/w/${actor.workspaceId}/p/${actor.projectId}/workflows`}>Workflows</Link> / Workflow secrets
      </div>
      <section className="card" aria-labelledby="wf-secrets-heading">
        <h2 id="wf-secrets-heading">Workflow secrets</h2>
        <p className="small muted">
          Each name a definition reads (use.secrets) maps to a secret of the active provider, a whole JSON secret, or an encrypted literal. Values are never
          shown.
        </p>
        {secrets.length === 0 ? (
          <p className="muted">No workflow secrets yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Kind</th>
                  <th>Reference</th>
                </tr>
              </thead>
              <tbody>
                {secrets.map((s) => (
                  <tr key={s.name}>
                    <td className="mono">{s.name}</td>
                    <td>{KIND_LABELS[s.kind] ?? s.kind}</td>
                    <td className="mono small">
                      {s.template ?? "••••••"}
                      {!s.current && <span className="badge warn">scope changed: map again</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {canEdit && (
        <section className="card" aria-labelledby="wf-secret-form-heading">
          <h2 id="wf-secret-form-heading">Map a secret</h2>
          <SecretForm workspaceId={actor.workspaceId} projectId={actor.projectId} hasProvider={active !== null} />
        </section>
      )}
    </>
  );
}
