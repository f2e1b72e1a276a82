import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { SecretFlags } from "@/components/secrets/secret-flags";
import { Alert } from "@/components/ui/alert";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { readSecretHealth } from "@/lib/data/secret-health";
import { PROVIDER_LABELS, type ProviderKind } from "@/lib/secrets/types";
import type { SecretHealthRow } from "@/lib/views/secret-health";
import { HealthTimeline } from "./_components/timeline";

export const metadata: Metadata = { title: "Secret health" };

const day = (iso?: string) => (iso ? iso.slice(0, 10) : "—");
const STATUS: Record<SecretHealthRow["status"], string> = {
  exists: "Exists",
  missing: "Missing",
  disabled: "Disabled",
  deletion_scheduled: "Scheduled for deletion",
  destroyed: "Deleted",
  unknown: "Not checked yet",
};

// Metadata the rotation poll stored (docs/rotation.md): opening this page makes no provider call.
export default async function SecretHealthPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<{ config?: string }>;
}) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const config = Number((await searchParams).config);
  const view = await readSecretHealth(actor, Number.isInteger(config) && config > 0 ? { configId: config } : {});
  const now = Date.parse(view.generatedAt);
  const base = `/w/${actor.workspaceId}`;
  return (
    <section className="card" aria-labelledby="health-heading">
      <div className="card-header">
        <h2 id="health-heading">Secret health</h2>
        <Link href={`${base}/settings`}>Poll interval and thresholds</Link>
      </div>
      <p className="muted">
        Every secret a connection or workflow references, as your secrets manager describes it (versions and dates only, never values), checked every{" "}
        {view.thresholds.pollSeconds} seconds. Flags: expires within {view.thresholds.expiryWarnDays} days, not rotated for {view.thresholds.rotationStaleDays}{" "}
        days, rotation failing, disabled, deleted or missing.
      </p>
      {view.configs.map((c) => (
        <div key={c.configId} className="row" style={{ flexWrap: "wrap", gap: 8, marginBottom: 8 }}>
          <Link href={`?config=${c.configId}`}>
            {PROVIDER_LABELS[c.kind as ProviderKind] ?? c.kind}
            {c.projectId ? ` (project ${c.projectId})` : " (workspace)"}
          </Link>
          <span className="small muted">{c.lastPolledAt ? `checked ${c.lastPolledAt.slice(0, 19).replace("T", " ")} UTC` : "not checked yet"}</span>
          {c.trackingOff && (
            <Alert kind="error">
              Rotation tracking is off: {c.trackingOff.message} {c.trackingOff.fix} Cached values are kept; rotations are picked up after the cache TTL or a
              refresh until the permission is granted.
            </Alert>
          )}
          {c.kind === "vault" && <span className="small muted">Vault KV v1 secrets keep no versions: a rotation there needs Refresh or the cache TTL.</span>}
        </div>
      ))}
      <Suspense fallback={<p className="small muted">Loading the timeline…</p>}>
        <HealthTimeline rows={view.rows} now={now} />
      </Suspense>
      {view.rows.length === 0 ? (
        <p className="empty">No referenced secret has been checked yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Secret</th>
                <th>Status</th>
                <th>Last changed</th>
                <th>Last rotated</th>
                <th>Next rotation</th>
                <th>Expires</th>
                <th>Flags</th>
                <th>Used by</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={`${r.configId}-${r.reference}`}>
                  <td className="mono small">{r.reference}</td>
                  <td>
                    {STATUS[r.status]}
                    {r.status === "deletion_scheduled" ? ` (${day(r.metadata?.deletionAt)})` : ""}
                  </td>
                  <td>{day(r.metadata?.lastChangedAt)}</td>
                  <td>{day(r.metadata?.lastRotatedAt)}</td>
                  <td>{day(r.metadata?.nextRotationAt)}</td>
                  <td>{day(r.metadata?.expiresAt)}</td>
                  <td>
                    <SecretFlags flags={r.flags.map((f) => ({ ...f, field: "" }))} compact />
                    {r.error && <span className="small muted">Last check: {r.error}</span>}
                  </td>
                  <td>
                    {r.users.map((u) => (
                      <div key={`${u.connectionId}-${u.field}-${u.workflowSecret ?? ""}`} className="small">
                        {u.workflowSecret ? (
                          <Link href={`${base}/p/${u.projectId}/workflows`}>Workflow secret {u.workflowSecret}</Link>
                        ) : (
                          <Link href={`${base}/p/${u.projectId}/connections/${u.connectionId}`}>
                            {u.connectionName} ({u.field})
                          </Link>
                        )}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
