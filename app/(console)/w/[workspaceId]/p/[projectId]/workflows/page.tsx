import type { Metadata } from "next";
import Link from "next/link";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { listWorkflows } from "@/lib/data/workflows";
import { listRunsPage } from "@/lib/data/workflow-run-views";
import { formatWhen } from "@/components/connections/labels";
import { RunStatus } from "./_components/run-status";

export const metadata: Metadata = { title: "Workflows" };

const STATUSES = ["pending", "running", "completed", "faulted", "cancelled"] as const;

export default async function WorkflowsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; projectId: string }>;
  searchParams: Promise<{ status?: string; before?: string }>;
}) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const sp = await searchParams;
  const status = STATUSES.find((s) => s === sp.status);
  // A cursor that is not a run id of this project is ignored (first page), not an error page.
  const before = typeof sp.before === "string" && /^[0-9a-f-]{36}$/.test(sp.before) ? sp.before : undefined;
  const [workflows, page] = await Promise.all([
    listWorkflows(actor),
    listRunsPage(actor, { status, take: 50, before }).catch(() => listRunsPage(actor, { status, take: 50 })),
  ]);
  const runs = page.runs;
  const canEdit = hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit");
  const base = `/w/${actor.workspaceId}/p/${actor.projectId}/workflows`;
  return (
    <>
      <section className="card" aria-labelledby="workflows-heading">
        <div className="card-header">
          <h2 id="workflows-heading">Workflows</h2>
          <div className="row">
            <Link className="btn" href={`${base}/secrets`}>
              Workflow secrets
            </Link>
            {canEdit && (
              <Link className="btn primary" href={`${base}/new`}>
                New workflow
              </Link>
            )}
          </div>
        </div>
        {workflows.length === 0 ? (
          <div className="empty">
            <h3>No workflows yet</h3>
            <p>Workflows (Serverless Workflow DSL 1.0.0) call APIs with this project's secrets, read by name from its workflow secrets.</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Namespace / name</th>
                  <th>Version</th>
                  <th>Revision</th>
                  <th>Saved</th>
                </tr>
              </thead>
              <tbody>
                {workflows.map((w) => (
                  <tr key={w.id}>
                    <td>
                      <Link href={`${base}/${w.id}`}>
                        {w.namespace}/{w.name}
                      </Link>
                    </td>
                    <td className="mono">{w.version}</td>
                    <td>{w.revision}</td>
                    <td className="small muted">{formatWhen(w.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="runs-heading">
        <div className="card-header">
          <h2 id="runs-heading">Runs</h2>
          <nav className="row small" aria-label="Filter runs by status">
            <Link href={base} aria-current={status ? undefined : "page"}>
              All
            </Link>
            {STATUSES.map((s) => (
              <Link key={s} href={`${base}?status=${s}`} aria-current={status === s ? "page" : undefined}>
                {s}
              </Link>
            ))}
          </nav>
        </div>
        {runs.length === 0 ? (
          <p className="muted">No runs{status ? ` with status ${status}` : ""}.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Workflow</th>
                  <th>Status</th>
                  <th>Started by</th>
                  <th>Queued</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td className="mono small">
                      <Link href={`${base}/runs/${r.id}`}>{r.id.slice(0, 8)}</Link>
                    </td>
                    <td>
                      {r.workflow} <span className="muted small">rev {r.revision}</span>
                    </td>
                    <td>
                      <RunStatus status={r.status} />
                    </td>
                    <td className="small">{r.startedBy}</td>
                    <td className="small muted">{formatWhen(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {(page.nextBefore || before) && (
          <nav className="row small" aria-label="Pages of runs">
            {before && <Link href={status ? `${base}?status=${status}` : base}>Newest runs</Link>}
            {page.nextBefore && <Link href={`${base}?${new URLSearchParams({ ...(status ? { status } : {}), before: page.nextBefore })}`}>Older runs</Link>}
          </nav>
        )}
      </section>
    </>
  );
}
