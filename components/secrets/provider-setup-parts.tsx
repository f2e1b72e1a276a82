"use client";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/action-result";
import { PROVIDER_KINDS, type ProviderKind } from "@/lib/secrets/types";
import type { ImpactReport } from "@/lib/views/impact";
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
export function ReplaceWarning({ ownerLabel, from, to, impact }: { ownerLabel: string; from: ProviderKind; to: ProviderKind; impact: ImpactReport | null }) {
  const fields = impact?.fields.length ?? 0;
  const secrets = impact?.workflowSecrets.length ?? 0;
  return (
    <Alert kind="warn">
      {ownerLabel[0]!.toUpperCase() + ownerLabel.slice(1)} uses {PROVIDER_LABELS[from]}. Saving {PROVIDER_LABELS[to]} replaces it:{" "}
      {fields + secrets === 0
        ? "nothing resolves through it now."
        : `${plural(fields, "field")} and ${plural(secrets, "workflow secret")} resolving through it will stop resolving until re-pointed.`}
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
