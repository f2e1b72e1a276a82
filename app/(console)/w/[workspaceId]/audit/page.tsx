import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { AuditEventDetail } from "@/components/audit/event-detail";
import { VerifyChainForm } from "@/components/audit/verify-chain-form";
import { isWorkspaceAdmin } from "@/lib/auth/roles";
import { auditableProjectIds, listAuditActions, listAuditEvents } from "@/lib/data/audit";
import { lastAuditVerification, type LastVerification } from "@/lib/data/audit-chain";
import { listProjects } from "@/lib/data/projects";
import { auditFiltersSchema } from "@/lib/validations/audit";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await pageWorkspace((await params).workspaceId);
  const allowed = await auditableProjectIds(actor);
  if (allowed !== "all" && allowed.length === 0) forbidden();
  const raw = await searchParams;
  const filters = auditFiltersSchema.parse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "")));
  const [{ events, nextBefore }, actions, projects, verified] = await Promise.all([
    listAuditEvents(actor, filters),
    listAuditActions(actor),
    listProjects(actor),
    lastAuditVerification(actor.workspaceId),
  ]);
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const visibleProjects = allowed === "all" ? projects : projects.filter((p) => allowed.includes(p.id));
  const base = `/w/${actor.workspaceId}/audit`;
  const filterQuery = new URLSearchParams(
    Object.entries({ ...filters, before: undefined })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const exportBase = `/api/workspaces/${actor.workspaceId}/audit/export?${filterQuery}${filterQuery.size ? "&" : ""}format=`;
  const nextQuery = new URLSearchParams(
    Object.entries({ ...filters, before: nextBefore ?? undefined })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="subtitle">Every configuration change, scope switch, test, refresh, token and user change. Never a secret value.</p>
          <p className="small" data-testid="audit-verified">
            <VerificationLine verified={verified} />
          </p>
        </div>
        {isWorkspaceAdmin(actor.workspaceRole) && <VerifyChainForm workspaceId={actor.workspaceId} />}
      </div>
      <form className="filters card" action={base} style={{ padding: 14 }}>
        <div className="field">
          <label htmlFor="f-action">Action</label>
          <select id="f-action" name="action" className="input" defaultValue={filters.action ?? ""}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-outcome">Outcome</label>
          <select id="f-outcome" name="outcome" className="input" defaultValue={filters.outcome ?? ""}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-project">Project</label>
          <select id="f-project" name="projectId" className="input" defaultValue={filters.projectId ?? ""}>
            <option value="">{allowed === "all" ? "All (and workspace)" : "All my projects"}</option>
            {visibleProjects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-actor">Who</label>
          <input id="f-actor" name="actor" className="input" placeholder="email contains" defaultValue={filters.actor ?? ""} />
        </div>
        <button className="btn" type="submit">
          Filter
        </button>
        <Link className="btn link" href={base}>
          Clear
        </Link>
      </form>
      <p className="small" data-testid="audit-export">
        Export the filtered log:{" "}
        <a href={`${exportBase}csv`} download>
          CSV
        </a>{" "}
        ·{" "}
        <a href={`${exportBase}json`} download>
          JSON
        </a>
      </p>
      {events.length === 0 ? (
        <div className="card empty">
          <h3>No events match</h3>
          <p>Changes, tests and sign-in administration appear here as they happen.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>When (UTC)</th>
                <th>Who</th>
                <th>Action</th>
                <th>Project</th>
                <th>Outcome</th>
                <th>What happened</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="small mono">{e.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="small">{e.actorLabel}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td className="small">{e.projectId ? (projectName.get(e.projectId) ?? `#${e.projectId}`) : <span className="muted">Workspace</span>}</td>
                  <td>{e.outcome === "success" ? <span className="badge ok">Success</span> : <span className="badge fail">Failure</span>}</td>
                  <td className="small" style={{ maxWidth: 420, wordBreak: "break-word" }}>
                    <AuditEventDetail event={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Audit pages" style={{ marginTop: 12, display: "flex", gap: 8 }}>
        {filters.before && (
          <Link className="btn small" href={`${base}?${filterQuery}`}>
            Newest events
          </Link>
        )}
        {nextBefore && (
          <Link className="btn small" href={`${base}?${nextQuery}`}>
            Older events
          </Link>
        )}
      </nav>
    </>
  );
}

/** When the hash chain (docs/threat-model.md) was last checked, by `npm run audit:verify` or "Verify now". */
function VerificationLine({ verified }: { verified: LastVerification | null }) {
  if (!verified) return <span className="muted">Hash chain not verified yet.</span>;
  const at = `${verified.at.toISOString().replace("T", " ").slice(0, 19)} UTC`;
  if (verified.ok) return <span>{`Hash chain verified ${at}: ${verified.events} events intact.`}</span>;
  return <span className="badge fail">{`Hash chain BROKEN at the check of ${at}: ${verified.message ?? "unknown"}`}</span>;
}
