import type { Metadata } from "next";
import { formatDateTime } from "@/components/secrets/format";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { listApiTokens } from "@/lib/data/api-tokens";
import { listProjects } from "@/lib/data/projects";
import { CreateTokenDialog } from "./_components/create-token-dialog";
import { RevokeTokenButton } from "./_components/revoke-token-button";
import { TokenGrantCell } from "./_components/token-grant";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const [tokens, projects] = await Promise.all([listApiTokens(actor), listProjects(actor)]);
  const projectNames = new Map(projects.map((p) => [p.id, p.name]));
  const now = new Date();
  return (
    <section className="card" aria-labelledby="tokens-heading">
      <div className="card-header">
        <h2 id="tokens-heading">API tokens</h2>
        <CreateTokenDialog workspaceId={actor.workspaceId} projects={projects.map((p) => ({ id: p.id, name: p.name }))} />
      </div>
      <p className="muted">
        Automation calls the APIs its token&apos;s scopes allow (for example <code>POST /api/secrets_management/clear_cache</code> with <code>cache:clear</code>
        ) with <code className="nowrap">Authorization: Bearer &lt;token&gt;</code>. Keyhold stores only a hash: a token is shown once, when it is created.
      </p>
      {tokens.length === 0 ? (
        <div className="empty">
          <h3>No API tokens yet</h3>
          <p>Create one for each script or pipeline, so you can revoke them one by one.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Token</th>
                <th>Scopes</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Expires</th>
                <th>Status</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => {
                const expired = t.expiresAt !== null && t.expiresAt <= now;
                return (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>
                      <code>{t.prefix}_…</code>
                    </td>
                    <td className="small">
                      <TokenGrantCell scopes={t.scopes} projects={t.projectIds?.map((id) => projectNames.get(id) ?? `project ${id} (deleted)`) ?? null} />
                    </td>
                    <td className="small">{formatDateTime(t.createdAt)}</td>
                    <td className="small">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="muted">Never</span>}</td>
                    <td className="small">{t.expiresAt ? formatDateTime(t.expiresAt) : <span className="muted">Never</span>}</td>
                    <td>
                      {t.revokedAt ? (
                        <span className="badge fail">Revoked</span>
                      ) : expired ? (
                        <span className="badge warn">Expired</span>
                      ) : (
                        <span className="badge ok">Active</span>
                      )}
                    </td>
                    <td className="cell-end">
                      {!t.revokedAt && !expired && <RevokeTokenButton workspaceId={actor.workspaceId} tokenId={t.id} name={t.name} prefix={t.prefix} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
