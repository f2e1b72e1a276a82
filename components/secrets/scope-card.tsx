"use client";
// The workspace's secrets scope, and the switch: one confirmation (Radix AlertDialog) that states from real
// data what stops resolving and which target configurations are ready. A dialog opened before someone else
// switched is refused by the server's version check; the error shows inline.
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/action-result";
import { switchSecretsScopeAction } from "@/lib/actions/secrets-settings";
import type { ImpactReport } from "@/lib/views/impact";
import type { ScopeSwitchPreview } from "@/lib/views/secrets";
import { ImpactList } from "./impact-list";

export function ScopeCard({ workspaceId, preview, impact }: { workspaceId: number; preview: ScopeSwitchPreview; impact: ImpactReport }) {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const action = useCallback(async (prev: ActionResult | null, form: FormData): Promise<ActionResult> => {
    const r = await switchSecretsScopeAction(prev, form);
    const plain: ActionResult = r.ok ? { ok: true, message: r.message } : r;
    setResult(plain);
    return plain;
  }, []);
  const scope = preview.from;
  const toProject = preview.to === "project";
  return (
    <section className="card" aria-labelledby="scope-heading">
      <div className="card-header">
        <h2 id="scope-heading">Scope</h2>
        <ConfirmDialog
          key={`${preview.scopeVersion}:${impact.token}`}
          trigger={
            <button type="button" className="btn">
              {toProject ? "Switch to project scope" : "Switch to workspace scope"}
            </button>
          }
          title={toProject ? "Switch to project-specific secrets?" : "Switch to workspace secrets?"}
          confirmLabel={toProject ? "Use project-specific secrets" : "Use workspace secrets"}
          pendingLabel="Switching…"
          destructive
          action={action}
          fields={{ workspaceId, to: preview.to, expectedVersion: preview.scopeVersion, impactToken: impact.token }}
        >
          <SwitchConsequences preview={preview} impact={impact} />
        </ConfirmDialog>
      </div>
      <p className="scope-statement">
        Scope: <strong>{scope}</strong>
      </p>
      <p className="muted" style={{ margin: 0 }}>
        {scope === "workspace"
          ? "One provider configuration, below, resolves the references of every project. Project configurations can be prepared and tested, but are not used."
          : "Each project resolves its references through its own provider configuration. The workspace configuration is kept, but not used."}
      </p>
      {result?.ok && result.message && (
        <div style={{ marginTop: 12 }}>
          <Alert kind="success">{result.message}</Alert>
        </div>
      )}
      {result && !result.ok && (
        <div style={{ marginTop: 12 }}>
          <Alert kind="warn">
            The scope was not switched: {result.message}{" "}
            <button
              type="button"
              className="btn link"
              onClick={() => {
                setResult(null);
                router.refresh();
              }}
            >
              Reload the current settings
            </button>
          </Alert>
        </div>
      )}
    </section>
  );
}

function SwitchConsequences({ preview, impact }: { preview: ScopeSwitchPreview; impact: ImpactReport }) {
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
