"use client";
// The named parts of ProviderSetup: the kind picker, the replace confirmation with the references it breaks,
// and the notices under the form. State stays in ProviderSetup; these only show it and report changes.
import { ConfirmDialog } from "@/components/confirm-dialog";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/action-result";
import { FIELD_LABELS, type CredentialFieldName } from "@/lib/connections/types";
import type { ConfigReference } from "@/lib/views/secrets";
import { PROVIDER_KINDS, type ProviderKind } from "@/lib/secrets/types";
import { plural } from "./format";

const KIND_HINTS: Record<ProviderKind, string> = {
  aws: "Keyhold assumes an IAM role in your account, with an External ID.",
  azure: "An Entra ID app with a client secret reads one vault.",
  vault: "AppRole sign-in; KV version 1 and 2 engines.",
  gcp: "A service-account key reads one project's secrets.",
};

export function KindPicker({
  kind,
  configured,
  radioName,
  enabledKinds,
  onPick,
}: {
  kind: ProviderKind;
  configured: ProviderKind | undefined;
  radioName: string;
  /** Kinds this installation offers (PROVIDERS); the others show, switched off. */
  enabledKinds: readonly ProviderKind[];
  onPick: (kind: ProviderKind) => void;
}) {
  return (
    <fieldset className="kind-picker">
      <legend className="label">Provider</legend>
      <div className="kind-options">
        {PROVIDER_KINDS.map((k) => (
          <label key={k} className="kind-option" data-checked={k === kind || undefined} data-disabled={!enabledKinds.includes(k) || undefined}>
            <input
              type="radio"
              name={radioName}
              value={k}
              checked={k === kind}
              disabled={!enabledKinds.includes(k)}
              aria-label={PROVIDER_LABELS[k]}
              onChange={() => onPick(k)}
            />
            <span className="kind-option-text">
              <span className="kind-option-name">{PROVIDER_LABELS[k]}</span>
              <span className="small muted">{enabledKinds.includes(k) ? KIND_HINTS[k] : "Switched off on this installation (PROVIDERS)."}</span>
              {configured === k && <span className="badge info">Configured</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The warning above the buttons while the picked kind differs from the saved one. */
export function ReplaceWarning({ ownerLabel, from, to, breakingCount }: { ownerLabel: string; from: ProviderKind; to: ProviderKind; breakingCount: number }) {
  return (
    <Alert kind="warn">
      {ownerLabel[0]!.toUpperCase() + ownerLabel.slice(1)} uses {PROVIDER_LABELS[from]}. Saving {PROVIDER_LABELS[to]} replaces it:{" "}
      {breakingCount === 0 ? "no connection references it yet." : `${plural(breakingCount, "reference")} saved under it will stop resolving until re-pointed.`}
    </Alert>
  );
}

export function SaveNotice({ notice }: { notice: ActionResult<unknown> | null }) {
  return (
    <>
      {notice && !notice.ok && notice.message && <Alert kind="error">{notice.message}</Alert>}
      {notice?.ok && notice.message && <Alert kind="success">{notice.message}</Alert>}
    </>
  );
}

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
