"use client";
// The scope switch's consequences, from real data: which fields stop resolving, in which connections, and which
// target configurations are ready. Shown in the confirmation of components/secrets/scope-card.tsx.
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { Alert } from "@/components/ui/alert";
import { FIELD_LABELS } from "@/lib/connections/types";
import type { ScopeSwitchPreview } from "@/lib/views/secrets";
import { plural } from "./format";

export function SwitchConsequences({ preview }: { preview: ScopeSwitchPreview }) {
  const connections = new Map<number, { name: string; projectName: string; fields: string[] }>();
  for (const f of preview.affected) {
    const c = connections.get(f.connectionId) ?? { name: f.connectionName, projectName: f.projectName, fields: [] };
    c.fields.push(FIELD_LABELS[f.fieldName] ?? f.fieldName);
    connections.set(f.connectionId, c);
  }
  const ready = preview.targets.filter((t) => t.ready).length;
  const toProject = preview.to === "project";
  return (
    <div className="switch-consequences">
      <Alert kind="warn">
        <strong>All previously configured references to external secrets will stop working.</strong> Connections fail with “scope changed” until their
        references are re-pointed to the {toProject ? "project" : "workspace"} configuration
        {toProject ? "s" : ""}.
      </Alert>
      {connections.size === 0 ? (
        <p>No connection references a secret through the current configuration{toProject ? "" : "s"}, so nothing stops resolving now.</p>
      ) : (
        <>
          <p>
            <strong>
              {plural(preview.affected.length, "field")} in {plural(connections.size, "connection")}
            </strong>{" "}
            will stop resolving:
          </p>
          <ul className="affected-list" aria-label="Affected connections">
            {[...connections].map(([id, c]) => (
              <li key={id}>
                <strong>{c.name}</strong>{" "}
                <span className="small muted">
                  {c.projectName} · {c.fields.join(", ")}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.affectedWorkflowSecrets?.length ? (
        <p>
          <strong>{plural(preview.affectedWorkflowSecrets.length, "workflow secret")}</strong> will stop resolving too:{" "}
          {preview.affectedWorkflowSecrets.map((w) => `${w.name} (${w.projectName})`).join(", ")}.
        </p>
      ) : null}
      <h3 style={{ marginTop: 16 }}>
        {toProject ? "Project configurations" : "Workspace configuration"}{" "}
        <span className="small muted" style={{ fontWeight: 400 }}>
          {ready} of {preview.targets.length} ready
        </span>
      </h3>
      <div className="table-wrap">
        <table className="table compact">
          <thead>
            <tr>
              <th>{toProject ? "Project" : "Owner"}</th>
              <th>Provider</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {preview.targets.map((t) => (
              <tr key={t.projectId ?? "workspace"}>
                <td>{t.name}</td>
                <td>{t.kind ? (PROVIDER_LABELS[t.kind] ?? t.kind) : <span className="muted">—</span>}</td>
                <td>
                  {t.ready ? (
                    <span className="badge ok">Ready</span>
                  ) : t.kind ? (
                    <span className="badge warn">Not tested or failing</span>
                  ) : (
                    <span className="badge fail">Not configured</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted" style={{ marginTop: 12 }}>
        Ready means configured and its last test passed. Switching back later restores the current configurations; references are flagged on this page until
        re-pointed.
      </p>
    </div>
  );
}
