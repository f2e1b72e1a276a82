import type { Metadata } from "next";
import Link from "next/link";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { formatWhen } from "@/components/connections/labels";
import { CancelRun } from "../../_components/cancel-run";
import { loadRun } from "../../_components/load";
import { RunStatus } from "../../_components/run-status";

export const metadata: Metadata = { title: "Workflow run" };

const TRACE_KINDS = new Set([
  "task.completed",
  "task.faulted",
  "task.skipped",
  "task.retried",
  "log",
  "secret.read",
  "workflow.completed",
  "workflow.faulted",
  "workflow.cancelled",
]);
const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

export default async function RunPage({ params }: { params: Promise<{ workspaceId: string; projectId: string; runId: string }> }) {
  const { workspaceId, projectId, runId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const run = await loadRun(actor, runId);
  const base = `/w/${actor.workspaceId}/p/${actor.projectId}/workflows`;
  const canEdit = hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit");
  const open = run.status === "pending" || run.status === "running";
  const rows = run.trace.filter((e) => TRACE_KINDS.has(e.kind));
  const secrets = Array.isArray(run.secretsRead) ? (run.secretsRead as Array<{ name: string; references: string[] }>) : [];
  return (
    <>
      <div className="breadcrumbs">
        <Link href={base}>Workflows</Link> / <Link href={`${base}/${run.workflowId}`}>{run.workflow}</Link> / run {run.id.slice(0, 8)}
      </div>
      <section className="card" aria-labelledby="run-heading">
        <div className="card-header">
          <h2 id="run-heading">
            Run <span className="mono">{run.id}</span> <RunStatus status={run.status} />
          </h2>
          {open && (
            <Link className="btn" href={`${base}/runs/${run.id}`}>
              Refresh
            </Link>
          )}
        </div>
        <p className="small muted">
          Revision {run.revision} · started by {run.startedBy} · queued {formatWhen(run.createdAt)}
          {run.finishedAt ? ` · finished ${formatWhen(run.finishedAt)}` : ""}
        </p>
        {canEdit && open && <CancelRun workspaceId={actor.workspaceId} projectId={actor.projectId} runId={run.id} />}
        {run.error ? <pre className="alert error mono small">{json(run.error)}</pre> : null}
        {run.status === "completed" && (
          <details open>
            <summary>Output</summary>
            <pre className="mono small">{json(run.output)}</pre>
          </details>
        )}
        <h3>Secrets read</h3>
        <p className="small">{secrets.length ? secrets.map((s) => `${s.name} (${s.references.join(", ") || "not mapped"})`).join("; ") : "None."}</p>
      </section>
      <section className="card" aria-labelledby="trace-heading">
        <h2 id="trace-heading">Trace</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Task</th>
                <th>Event</th>
                <th>Start</th>
                <th>Duration</th>
                <th>Status</th>
                <th>Error / output</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.seq}>
                  <td className="mono small">{e.task}</td>
                  <td className="small">{e.kind}</td>
                  <td className="small muted">{e.at.toISOString().slice(11, 23)}</td>
                  <td className="small">{e.durationMs === null ? "" : `${e.durationMs} ms`}</td>
                  <td>{e.status ? <RunStatus status={e.status} /> : null}</td>
                  <td>
                    <pre className="mono small" style={{ whiteSpace: "pre-wrap", maxWidth: 520, margin: 0 }}>
                      {json(e.error ?? e.output).slice(0, 2000)}
                    </pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
