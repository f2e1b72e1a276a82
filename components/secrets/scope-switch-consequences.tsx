"use client";
// The scope switch's consequences, from real data: which fields, connections and workflows stop resolving
// (lib/services/secrets/impact.ts), and which target configurations are ready. Shown in the confirmation of
// components/secrets/scope-card.tsx, and loaded with it.
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { Alert } from "@/components/ui/alert";
import type { ImpactReport } from "@/lib/views/impact";
import type { ScopeSwitchPreview } from "@/lib/views/secrets";
import { ImpactList } from "./impact-list";

export function SwitchConsequences({ preview, impact }: { preview: ScopeSwitchPreview; impact: ImpactReport }) {
  const ready = preview.targets.filter((t) => t.ready).length;
  const toProject = preview.to === "project";
  return (
    <div className="switch-consequences">
      <Alert kind="warn">
        <strong>All previously configured references to external secrets will stop working.</strong> Connections fail with “scope changed” until their
        references are re-pointed to the {toProject ? "project" : "workspace"} configuration
        {toProject ? "s" : ""}; workflow secrets until they are mapped again.
      </Alert>
      <ImpactList
        report={impact}
        nothing={`No connection references a secret through the current configuration${toProject ? "" : "s"}, and no workflow secret does, so nothing stops resolving now.`}
      />
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
