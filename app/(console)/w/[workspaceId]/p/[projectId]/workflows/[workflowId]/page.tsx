import type { Metadata } from "next";
import Link from "next/link";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { listHostProposals } from "@/lib/data/workflow-hosts";
import { listRuns } from "@/lib/data/workflow-run-views";
import { workflowGraph } from "@/lib/services/workflows/graph";
import { formatWhen } from "@/components/connections/labels";
import { DefinitionForm } from "../_components/definition-form";
import { DeleteWorkflow } from "../_components/delete-workflow";
import { ProposalDecision, ProposeHostForm } from "../_components/host-proposals";
import { HostsForm } from "../_components/hosts-form";
import { loadWorkflow } from "../_components/load";
import { RunForm } from "../_components/run-form";
import { RunStatus } from "../_components/run-status";
import { WorkflowGraph } from "../_components/workflow-graph";

export const metadata: Metadata = { title: "Workflow" };

export default async function WorkflowPage({ params }: { params: Promise<{ workspaceId: string; projectId: string; workflowId: string }> }) {
  const { workspaceId, projectId, workflowId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const wf = await loadWorkflow(actor, workflowId);
  const [runs, proposals] = await Promise.all([listRuns(actor, { workflowId: wf.id, take: 20 }), listHostProposals(actor, wf.id)]);
  const canEdit = hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit");
  const isAdmin = hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.admin");
  const base = `/w/${actor.workspaceId}/p/${actor.projectId}/workflows`;
  const ids = { workspaceId: actor.workspaceId, projectId: actor.projectId };
  return (
    <>
      <div className="breadcrumbs">
        <Link href={base}>Workflows</Link> / {wf.namespace}/{wf.name}
      </div>
      <section className="card" aria-labelledby="wf-heading">
        <div className="card-header">
          <h2 id="wf-heading">
            {wf.namespace}/{wf.name}
          </h2>
          <span className="muted small">
            Revision {wf.revision} · version {wf.version} · secrets: {wf.secretsRead.length ? wf.secretsRead.join(", ") : "none"}
          </span>
          {canEdit && <DeleteWorkflow {...ids} workflowId={wf.id} name={`${wf.namespace}/${wf.name}`} />}
        </div>
        {canEdit ? (
          <DefinitionForm {...ids} source={wf.source} />
        ) : (
          <pre className="mono small" style={{ whiteSpace: "pre-wrap" }}>
            {wf.source}
          </pre>
        )}
      </section>
      <section className="card" aria-labelledby="graph-heading">
        <h2 id="graph-heading">Graph</h2>
        <WorkflowGraph nodes={workflowGraph(wf.source)} />
      </section>
      {canEdit && (
        <section className="card" aria-labelledby="run-heading">
          <h2 id="run-heading">Run</h2>
          <RunForm {...ids} workflowId={wf.id} />
        </section>
      )}
      <section className="card" aria-labelledby="hosts-heading">
        <h2 id="hosts-heading">Allowed hosts</h2>
        <p className="small muted">
          Whoever can edit this workflow can make it send its secrets to these hosts. Requests that carry a secret go nowhere else; project admins set the list.
        </p>
        {isAdmin ? (
          <HostsForm {...ids} workflowId={wf.id} hosts={wf.allowedHosts} />
        ) : (
          <p className="mono small">{wf.allowedHosts.length ? wf.allowedHosts.join(", ") : "None: requests carrying a secret are refused."}</p>
        )}
        {proposals.length > 0 && (
          <>
            <h3>Proposed hosts</h3>
            <ul className="small">
              {proposals.map((p) => (
                <li key={p.id}>
                  <span className="mono">{p.pattern}</span> by {p.proposedBy}
                  {p.reason ? ` (“${p.reason}”)` : ""} · {formatWhen(p.createdAt)}
                  {isAdmin && <ProposalDecision {...ids} proposal={{ id: p.id, pattern: p.pattern }} />}
                </li>
              ))}
            </ul>
          </>
        )}
        {canEdit && !isAdmin && <ProposeHostForm {...ids} workflowId={wf.id} />}
      </section>
      <section className="card" aria-labelledby="wf-runs-heading">
        <h2 id="wf-runs-heading">Recent runs</h2>
        {runs.length === 0 ? (
          <p className="muted">No runs yet.</p>
        ) : (
          <ul className="small">
            {runs.map((r) => (
              <li key={r.id}>
                <Link href={`${base}/runs/${r.id}`} className="mono">
                  {r.id.slice(0, 8)}
                </Link>{" "}
                <RunStatus status={r.status} /> rev {r.revision} · {r.startedBy} · {formatWhen(r.createdAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
