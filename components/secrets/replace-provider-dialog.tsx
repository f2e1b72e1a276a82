"use client";
// Replacing the provider kind: the confirmation that lists the references saved under the old configuration.
// Rendered only once another kind is picked, so it loads then (docs/accessibility.md "Lighter pages").
import { ConfirmDialog } from "@/components/confirm-dialog";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import type { ActionResult } from "@/lib/action-result";
import { FIELD_LABELS, type CredentialFieldName } from "@/lib/connections/types";
import type { ConfigReference } from "@/lib/views/secrets";
import type { ProviderKind } from "@/lib/secrets/types";
import { plural } from "./format";

export function ReplaceProviderDialog({
  from,
  to,
  ownerLabel,
  breaking,
  onOpen,
  action,
  fields,
}: {
  from: ProviderKind;
  to: ProviderKind;
  ownerLabel: string;
  breaking: ConfigReference[];
  /** Validates and snapshots the form; calling preventDefault keeps the dialog closed. */
  onOpen: (e: React.MouseEvent<HTMLButtonElement>) => void;
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  fields: Record<string, string>;
}) {
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="btn primary" onClick={onOpen}>
          Replace provider…
        </button>
      }
      title={`Replace ${PROVIDER_LABELS[from]} with ${PROVIDER_LABELS[to]}?`}
      confirmLabel={`Replace with ${PROVIDER_LABELS[to]}`}
      pendingLabel="Replacing…"
      destructive
      action={action}
      fields={fields}
    >
      <BreakingReferences kind={from} ownerLabel={ownerLabel} references={breaking} />
    </ConfirmDialog>
  );
}

function BreakingReferences({ kind, ownerLabel, references }: { kind: ProviderKind; ownerLabel: string; references: ConfigReference[] }) {
  const byConnection = new Map<number, { name: string; projectName: string; fields: string[] }>();
  for (const r of references) {
    const entry = byConnection.get(r.connectionId) ?? { name: r.connectionName, projectName: r.projectName, fields: [] };
    const label = FIELD_LABELS[r.field as CredentialFieldName] ?? r.field;
    if (!entry.fields.includes(label)) entry.fields.push(label);
    byConnection.set(r.connectionId, entry);
  }
  return (
    <>
      <p>
        <strong>
          References saved under the {PROVIDER_LABELS[kind]} configuration of {ownerLabel} will stop working
        </strong>{" "}
        until they are re-pointed to the new provider. The old configuration is retired, not deleted.
      </p>
      {byConnection.size === 0 ? (
        <p className="muted">No connection references it yet.</p>
      ) : (
        <>
          <p>
            {plural(references.length, "reference")} in {plural(byConnection.size, "connection")} will break:
          </p>
          <ul className="affected-list">
            {[...byConnection].map(([id, c]) => (
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
    </>
  );
}
