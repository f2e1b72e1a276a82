"use client";
// Fields saved under a configuration that is no longer active for their project (after a switch or a provider
// replacement), and the bulk re-point: a background job (the progress panel below) saves each one again under
// the active configuration only once all of its references resolve there; its result table names the others.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { repointReferencesAction } from "@/lib/actions/bulk-jobs";
import { FIELD_LABELS, type CredentialFieldName } from "@/lib/connections/types";
import { plural } from "./format";

interface FlaggedField {
  connectionId: number;
  connectionName: string;
  projectId: number;
  projectName: string;
  fieldName: CredentialFieldName;
  template: string;
}

export function ScopeChangedCard({ workspaceId, flagged }: { workspaceId: number; flagged: FlaggedField[] }) {
  const [state, action] = useActionState(repointReferencesAction, null);
  if (flagged.length === 0 && !state) return null;
  return (
    <section className="card" aria-labelledby="scope-changed-heading">
      <div className="card-header">
        <h2 id="scope-changed-heading">Scope changed {flagged.length > 0 && <span className="badge warn">{plural(flagged.length, "field")}</span>}</h2>
        {flagged.length > 0 && (
          <form action={action}>
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <SubmitButton pendingLabel="Checking references…">Re-point references</SubmitButton>
          </form>
        )}
      </div>
      {flagged.length > 0 ? (
        <>
          <p className="muted">
            These fields were saved under a configuration that no longer resolves their project’s references, so they fail with “scope changed”. Re-pointing
            saves each one again under the active configuration, after checking that every reference in it resolves there; the others stay flagged.
          </p>
          <div className="table-wrap">
            <table className="table" aria-label="Fields to re-point">
              <thead>
                <tr>
                  <th>Connection</th>
                  <th>Project</th>
                  <th>Field</th>
                  <th>Reference</th>
                </tr>
              </thead>
              <tbody>
                {flagged.map((f) => (
                  <tr key={`${f.connectionId}:${f.fieldName}`}>
                    <td>{f.connectionName}</td>
                    <td>{f.projectName}</td>
                    <td>{FIELD_LABELS[f.fieldName] ?? f.fieldName}</td>
                    <td>
                      <code className="small wrap-anywhere">{f.template}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          Every reference now points at the active configuration.
        </p>
      )}
      {state && (
        <div style={{ marginTop: 12 }}>
          <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert>
        </div>
      )}
    </section>
  );
}
