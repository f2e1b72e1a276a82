"use client";
// Replacing the provider kind: the confirmation that lists what stops resolving (connections' fields and
// workflows, lib/services/secrets/impact.ts); the action refuses a stale list (impactToken).
// Rendered only once another kind is picked, so it loads then (docs/accessibility.md "Lighter pages").
import { ConfirmDialog } from "@/components/confirm-dialog";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import type { ActionResult } from "@/lib/action-result";
import type { ProviderKind } from "@/lib/secrets/types";
import type { ImpactReport } from "@/lib/views/impact";
import { ImpactList } from "./impact-list";

export function ReplaceProviderDialog({
  from,
  to,
  ownerLabel,
  impact,
  onOpen,
  action,
  fields,
}: {
  from: ProviderKind;
  to: ProviderKind;
  ownerLabel: string;
  impact: ImpactReport | null;
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
      fields={{ ...fields, impactToken: impact?.token ?? "" }}
    >
      <p>
        <strong>
          References saved under the {PROVIDER_LABELS[from]} configuration of {ownerLabel} will stop working
        </strong>{" "}
        until they are re-pointed to the new provider. The old configuration is retired, not deleted.
      </p>
      {impact && <ImpactList report={impact} nothing="Nothing resolves through it now: no connection or workflow breaks." />}
    </ConfirmDialog>
  );
}
