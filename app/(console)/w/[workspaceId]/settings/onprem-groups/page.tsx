import type { Metadata } from "next";
import { headers } from "next/headers";
import { formatDateTime } from "@/components/secrets/format";
import { agentConfigTemplate } from "@/lib/agent/config-template";
import { pageWorkspace } from "@/lib/auth/page-guard";
import { describeOnPremGroups } from "@/lib/data/onprem-groups";
import { AgentsTable } from "./_components/agents-table";
import { AutoRefresh } from "./_components/auto-refresh";
import { CreateGroupDialog } from "./_components/create-group-dialog";
import { CreateKeyDialog } from "./_components/create-key-dialog";
import { RevokeKeyButton } from "./_components/revoke-key-button";

export const metadata: Metadata = { title: "On-prem groups" };

export default async function OnPremGroupsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const actor = await pageWorkspace((await params).workspaceId, "workspace.admin");
  const groups = await describeOnPremGroups(actor);
  const h = await headers();
  const consoleUrl = `${h.get("x-forwarded-proto") ?? "https"}://${h.get("host") ?? "keyhold.example.com"}`;
  return (
    <section className="card" aria-labelledby="groups-heading">
      <AutoRefresh everyMs={3_000} />
      <div className="card-header">
        <h2 id="groups-heading">On-prem groups</h2>
        <CreateGroupDialog workspaceId={actor.workspaceId} />
      </div>
      <p className="muted">
        An on-prem agent runs inside your network and dials out to Keyhold over HTTPS: open outbound HTTPS to this console, nothing inbound. Connections whose
        connection type is a group are tested by one of its agents (docs/agent.md).
      </p>
      {groups.length === 0 ? (
        <div className="empty">
          <h3>No on-prem groups yet</h3>
          <p>Create one per network Keyhold must reach, then a key for each agent you run there.</p>
        </div>
      ) : (
        groups.map((g) => (
          <section key={g.id} aria-label={`Group ${g.name}`} className="stack">
            <div className="card-header">
              <h3>{g.name}</h3>
              <CreateKeyDialog workspaceId={actor.workspaceId} groupId={g.id} groupName={g.name} />
            </div>
            <AgentsTable agents={g.agents.map((a) => ({ ...a, lastSeenAt: formatDateTime(a.lastSeenAt), connectedAt: formatDateTime(a.connectedAt) }))} />
            <h4>Agent keys</h4>
            {g.keys.length === 0 ? (
              <p className="muted">No keys yet.</p>
            ) : (
              <ul className="list">
                {g.keys.map((k) => (
                  <li key={k.id}>
                    <strong>{k.name}</strong> <code>{k.prefix}_…</code> <span className="small muted">created {formatDateTime(k.createdAt)}</span>{" "}
                    <span className="small muted">last used {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "never"}</span>{" "}
                    {k.revokedAt ? (
                      <span className="badge fail">Revoked</span>
                    ) : (
                      <RevokeKeyButton workspaceId={actor.workspaceId} keyId={k.id} name={k.name} prefix={k.prefix} />
                    )}
                  </li>
                ))}
              </ul>
            )}
            <a
              className="btn small"
              download="keyhold-agent.yml"
              href={`data:text/yaml;charset=utf-8,${encodeURIComponent(agentConfigTemplate(consoleUrl, g.name))}`}
            >
              Download config template
            </a>
          </section>
        ))
      )}
    </section>
  );
}
