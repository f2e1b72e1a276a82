"use client";
// The workspace's secrets scope, and the switch: one confirmation (Radix AlertDialog) that states from real
// data what stops resolving and which target configurations are ready. A dialog opened before someone else
// switched is refused by the server's version check; the error shows inline.
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/action-result";
import { switchSecretsScopeAction } from "@/lib/actions/secrets-settings";
import type { ImpactReport } from "@/lib/views/impact";
import type { ScopeSwitchPreview } from "@/lib/views/secrets";

// What the switch breaks is shown only in the opened confirmation: its code loads with it (docs/accessibility.md).
const SwitchConsequences = dynamic(() => import("./scope-switch-consequences").then((m) => m.SwitchConsequences), {
  loading: () => <p className="muted">Loading what the switch changes…</p>,
});

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
