import type { Metadata } from "next";
import Link from "next/link";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { listConnections } from "@/lib/data/projects";

export const metadata: Metadata = { title: "Connections" };

const TYPE_LABELS: Record<string, string> = { postgres: "PostgreSQL", http: "HTTP API", https_cert: "HTTPS + client certificate" };

export default async function ConnectionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; projectId: string }>;
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const sp = await searchParams;
  const q = (sp.q ?? "").slice(0, 100);
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const list = await listConnections(actor, { q, page });
  const canEdit = hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit");
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const base = `/w/${actor.workspaceId}/p/${actor.projectId}/connections`;
  return (
    <section className="card" aria-labelledby="connections-heading">
      <div className="card-header">
        <h2 id="connections-heading">Connections</h2>
        <form role="search" className="row" action={base}>
          <label htmlFor="q" className="sr-only">Search connections</label>
          <input id="q" name="q" className="input" placeholder="Search by name" defaultValue={q} style={{ width: 220 }} />
          <button className="btn" type="submit">Search</button>
        </form>
      </div>
      {list.total === 0 ? (
        <div className="empty">
          <h3>{q ? `No connections match “${q}”` : "No connections yet"}</h3>
          <p>
            {canEdit
              ? "Connections hold the address of a database or API and its credentials: literals, encrypted here, or references to secrets in your own secrets manager."
              : "Editors and admins of this project add connections here."}
          </p>
        </div>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead><tr><th>Name</th><th>Type</th><th>Last test</th></tr></thead>
              <tbody>
                {list.rows.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>{TYPE_LABELS[c.type] ?? c.type}</td>
                    <td>
                      {c.lastTestAt === null ? <span className="muted">Never tested</span> : c.lastTestOk ? <span className="badge ok">Passed</span> : <span className="badge fail">Failed</span>}
                      {c.degraded && <span className="badge warn" style={{ marginLeft: 6 }}>Degraded</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav className="row" aria-label="Pages" style={{ marginTop: 12 }}>
              {page > 1 && <Link className="btn small" href={`${base}?q=${encodeURIComponent(q)}&page=${page - 1}`}>Previous</Link>}
              <span className="muted small">Page {page} of {pages} · {list.total} connections</span>
              {page < pages && <Link className="btn small" href={`${base}?q=${encodeURIComponent(q)}&page=${page + 1}`}>Next</Link>}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
