interface AgentRow {
  id: string;
  host: string;
  version: string;
  connected: boolean;
  connectedAt: string;
  lastSeenAt: string;
  profiles: Array<{ name: string; kind: string; version: string }>;
}

export function AgentsTable({ agents }: { agents: AgentRow[] }) {
  if (agents.length === 0) return <p className="muted">No agent has connected in the last 24 hours.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>Host</th>
            <th>Status</th>
            <th>Version</th>
            <th>Last seen</th>
            <th>Profiles advertised</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.id}>
              <td>{a.host}</td>
              <td>{a.connected ? <span className="badge ok">Connected</span> : <span className="badge fail">Disconnected</span>}</td>
              <td className="small">{a.version}</td>
              <td className="small">{a.lastSeenAt}</td>
              <td className="small">{a.profiles.length ? a.profiles.map((p) => `${p.name} (${p.kind})`).join(", ") : <span className="muted">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
