import type { Metadata } from "next";
import Link from "next/link";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { listConnections } from "@/lib/data/projects";
import { connectionListQuerySchema } from "@/lib/validations/paging";
import { TYPE_LABELS, type ConnectionType } from "@/lib/connections/types";
import { Alert } from "@/components/ui/alert";
import { ConnectionStatus } from "@/components/connections/connection-status";
import { formatWhen } from "@/components/connections/labels";
import { SecretFlags } from "@/components/secrets/secret-flags";
import { connectionSecretFlags } from "@/lib/data/secret-health";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; projectId: string }>;
  searchParams: Promise<{ q?: string; page?: string; deleted?: string }>;
}) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const sp = await searchParams;
  const { q, page } = connectionListQuerySchema.parse(sp);
  const list = await listConnections(actor, { q, page });
  const flags = await connectionSecretFlags(
    actor,
    list.rows.map((c) => c.id),
  );
  const canEdit = hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit");
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const base = `/w/${actor.workspaceId}/p/${actor.projectId}/connections`;
  const pageHref = (n: number) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <section className="card" aria-labelledby="connections-heading">
      <div className="card-header">
        <h2 id="connections-heading">Connections</h2>
        <div className="row">
          {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is the landmark every browser maps; <search> is newer. */}
          <form role="search" className="row conn-search" action={base}>
            <label htmlFor="connection-search" className="sr-only">
              Search connections
            </label>
            <input id="connection-search" name="q" type="search" className="input" placeholder="Search by name" defaultValue={q} />
            <button className="btn" type="submit">
              Search
            </button>
          </form>
          {canEdit && (
            <Link className="btn primary" href={`${base}/new`}>
              New connection
            </Link>
          )}
        </div>
      </div>
      {sp.deleted === "1" && (
        <div className="conn-flash">
          <Alert kind="success">Connection deleted.</Alert>
        </div>
      )}
      {list.total === 0 ? (
        <div className="empty">
          <h3>{q ? `No connections match “${q}”` : "No connections yet"}</h3>
          <p>
            {canEdit
              ? "Connections hold the address of a database or API and its credentials: literals, encrypted here, or references to secrets in your own secrets manager."
              : "Editors and admins of this project add connections here."}
          </p>
          {q ? (
            <Link href={base}>Show all connections</Link>
          ) : (
            canEdit && (
              <Link className="btn primary" href={`${base}/new`}>
                New connection
              </Link>
            )
          )}
        </div>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Status</th>
                  <th>Last test</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`${base}/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>{TYPE_LABELS[c.type as ConnectionType] ?? c.type}</td>
                    <td>
                      <ConnectionStatus lastTestAt={c.lastTestAt} lastTestOk={c.lastTestOk} degraded={c.degraded} scopeChanged={c.scopeChanged} />
                      <SecretFlags flags={flags.get(c.id)} compact />
                    </td>
                    <td className="small muted">{c.lastTestAt ? formatWhen(c.lastTestAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="row conn-pages" aria-label="Pages">
            <span className="muted small">
              {pages > 1 ? `Page ${page} of ${pages} · ` : ""}
              {list.total} {list.total === 1 ? "connection" : "connections"}
              {q ? ` matching “${q}”` : ""}
            </span>
            {pages > 1 && (
              <span className="row">
                {page > 1 ? (
                  <Link className="btn small" href={pageHref(page - 1)}>
                    Previous
                  </Link>
                ) : (
                  <span className="btn small" aria-disabled="true">
                    Previous
                  </span>
                )}
                {page < pages ? (
                  <Link className="btn small" href={pageHref(page + 1)}>
                    Next
                  </Link>
                ) : (
                  <span className="btn small" aria-disabled="true">
                    Next
                  </span>
                )}
              </span>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
