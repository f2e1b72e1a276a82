"use client";
// One owner's secrets provider (the workspace's, or a project's): the kind, its form (the AWS guide for AWS),
// Save, then Test. Changing the kind replaces the configuration, after a confirmation that lists the
// references saved under the old one. Stored write-only secrets never come back: they show "Set".
import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useCallback, useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FieldErrors } from "@/lib/action-result";
import { saveProviderConfigAction } from "@/lib/actions/secrets-settings";
import { FIELD_LABELS, type CredentialFieldName } from "@/lib/connections/types";
import type { ConfigReference } from "@/lib/data/secret-usage";
import { PROVIDER_KINDS, type ProviderKind } from "@/lib/secrets/types";
import { parseProviderForm } from "@/lib/validations/provider-config";
import { AwsGuide } from "./aws-guide";
import { plural } from "./format";
import { AzureFields, GcpFields, VaultFields } from "./provider-fields";
import { AUTH_FIELD, SETTINGS_FIELDS, type ProviderSummary } from "./provider-summary";
import { ProviderTestPanel } from "./provider-test-panel";

const KIND_HINTS: Record<ProviderKind, string> = {
  aws: "Keyhold assumes an IAM role in your account, with an External ID.",
  azure: "An Entra ID app with a client secret reads one vault.",
  vault: "AppRole sign-in; KV version 1 and 2 engines.",
  gcp: "A service-account key reads one project's secrets.",
};

type Values = Record<ProviderKind, Record<string, string>>;

function initialValues(current: ProviderSummary | null): Values {
  const values: Values = { aws: {}, azure: {}, vault: { approleMount: "approle" }, gcp: {} };
  if (current) values[current.kind] = { ...values[current.kind], ...current.settings };
  return values;
}

function validate(kind: ProviderKind, values: Record<string, string>, authStored: boolean): FieldErrors | null {
  // Untouched fields are empty strings in the submitted form too, so the messages match the server's.
  const blanks = Object.fromEntries(SETTINGS_FIELDS[kind].map((f) => [f, ""]));
  const parsed = parseProviderForm({ kind, ...blanks, ...values });
  const errors: FieldErrors = parsed.success ? {} : { ...parsed.fieldErrors };
  const auth = AUTH_FIELD[kind];
  if (auth && !authStored && !(values[auth.name] ?? "").trim()) errors[auth.name] = [`Enter the ${auth.label}.`];
  return Object.keys(errors).length ? errors : null;
}

export interface ProviderSetupProps {
  owner: { workspaceId: number; projectId?: number };
  /** "this project" or "this workspace" */
  ownerLabel: string;
  externalId: string;
  platformAccountId: string;
  current: ProviderSummary | null;
  /** References saved under the current configuration: what replacing its kind breaks. */
  breaking: ConfigReference[];
  /** The kinds this installation enables (PROVIDERS); the others show but cannot be chosen. */
  enabledKinds?: readonly ProviderKind[];
}

export function ProviderSetup({ owner, ownerLabel, externalId, platformAccountId, current, breaking, enabledKinds = PROVIDER_KINDS }: ProviderSetupProps) {
  const [kind, setKind] = useState<ProviderKind>(current?.kind ?? enabledKinds[0] ?? "aws");
  const [values, setValues] = useState<Values>(() => initialValues(current));
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [snapshot, setSnapshot] = useState<Record<string, string>>({});
  const [replaced, setReplaced] = useState<ActionResult | null>(null);
  // "Saved. Now test it." is done with once a test runs.
  const [noticeHidden, setNoticeHidden] = useState(false);
  const [state, formAction] = useActionState(saveProviderConfigAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();

  const authStored = current?.kind === kind && current.authSet;
  const needsReplace = current !== null && current.kind !== kind;
  const errors = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined);
  const kindValues = values[kind];
  const dirty = !current || current.kind !== kind || SETTINGS_FIELDS[kind].some((f) => (kindValues[f] ?? "") !== (current.settings[f] ?? "")) || Boolean(AUTH_FIELD[kind] && kindValues[AUTH_FIELD[kind]!.name]);

  // A saved change (new revision or replacement): forget typed secrets, and let the browser list again.
  const stamp = current ? `${current.id}:${current.revision}` : "none";
  const firstStamp = useRef(stamp);
  useEffect(() => {
    if (stamp === firstStamp.current) return;
    firstStamp.current = stamp;
    setValues((v) => {
      const next = { ...v };
      for (const k of PROVIDER_KINDS) {
        const auth = AUTH_FIELD[k];
        if (auth) next[k] = { ...next[k], [auth.name]: "" };
      }
      return next;
    });
    void queryClient.invalidateQueries({ queryKey: ["secrets", owner.workspaceId] });
  }, [stamp, owner.workspaceId, queryClient]);

  useEffect(() => setNoticeHidden(false), [state]);

  const set = useCallback((name: string, value: string) => setValues((v) => ({ ...v, [kind]: { ...v[kind], [name]: value } })), [kind]);
  // The notice is set here rather than in ConfirmDialog's onDone: the replacement re-renders this form
  // without the dialog (the kinds match again), which can unmount it before onDone would run.
  const replaceProvider = useCallback(async (_prev: ActionResult | null, form: FormData): Promise<ActionResult> => {
    const result = await saveProviderConfigAction(null, form);
    const plain: ActionResult = result.ok ? { ok: true, message: result.message } : result;
    if (plain.ok) {
      setReplaced(plain);
      setNoticeHidden(false);
    }
    return plain;
  }, []);

  const notice = noticeHidden ? null : (replaced ?? state);
  const fieldProps = { values: kindValues, set, errors, authStored };
  return (
    <div className="provider-setup">
      <fieldset className="kind-picker">
        <legend className="label">Provider</legend>
        <div className="kind-options">
          {PROVIDER_KINDS.map((k) => (
            <label key={k} className="kind-option" data-checked={k === kind || undefined} data-disabled={!enabledKinds.includes(k) || undefined}>
              <input
                type="radio"
                name={`provider-kind-${owner.projectId ?? "workspace"}`}
                value={k}
                checked={k === kind}
                disabled={!enabledKinds.includes(k)}
                aria-label={PROVIDER_LABELS[k]}
                onChange={() => {
                  setKind(k);
                  setClientErrors(null);
                  setReplaced(null);
                }}
              />
              <span className="kind-option-text">
                <span className="kind-option-name">{PROVIDER_LABELS[k]}</span>
                <span className="small muted">{enabledKinds.includes(k) ? KIND_HINTS[k] : "Switched off on this installation (PROVIDERS)."}</span>
                {current?.kind === k && <span className="badge info">Configured</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <form
        ref={formRef}
        action={formAction}
        className="form wide secrets-form"
        noValidate
        aria-label={`${PROVIDER_LABELS[kind]} settings`}
        onSubmit={(e) => {
          if (e.target !== e.currentTarget) return; // the replace dialog's own form, portalled from inside this one
          if (needsReplace) return e.preventDefault(); // only the confirmation may replace
          const found = validate(kind, kindValues, authStored);
          setClientErrors(found);
          setReplaced(null);
          setNoticeHidden(true); // until this save answers
          if (found) e.preventDefault();
        }}
      >
        <input type="hidden" name="workspaceId" value={owner.workspaceId} />
        <input type="hidden" name="ownerProjectId" value={owner.projectId ?? ""} />
        <input type="hidden" name="kind" value={kind} />
        {kind === "aws" && <AwsGuide externalId={externalId} platformAccountId={platformAccountId} ownerLabel={ownerLabel} values={kindValues} set={set} errors={errors} />}
        {kind === "azure" && <AzureFields key={`azure-${stamp}`} {...fieldProps} />}
        {kind === "vault" && <VaultFields key={`vault-${stamp}`} {...fieldProps} />}
        {kind === "gcp" && <GcpFields key={`gcp-${stamp}`} {...fieldProps} />}

        {needsReplace && (
          <Alert kind="warn">
            {ownerLabel[0]!.toUpperCase() + ownerLabel.slice(1)} uses {PROVIDER_LABELS[current.kind]}. Saving {PROVIDER_LABELS[kind]} replaces it:{" "}
            {breaking.length === 0 ? "no connection references it yet." : `${plural(breaking.length, "reference")} saved under it will stop resolving until re-pointed.`}
          </Alert>
        )}
        {notice && !notice.ok && notice.message && <Alert kind="error">{notice.message}</Alert>}
        {notice?.ok && notice.message && <Alert kind="success">{notice.message}</Alert>}

        <div className="row">
          {needsReplace ? (
            <ConfirmDialog
              trigger={
                <button
                  type="button"
                  className="btn primary"
                  onClick={(e) => {
                    const found = validate(kind, kindValues, false);
                    setClientErrors(found);
                    if (found) return e.preventDefault();
                    setSnapshot({ ...(Object.fromEntries(new FormData(formRef.current!)) as Record<string, string>), confirmReplace: "true" });
                  }}
                >
                  Replace provider…
                </button>
              }
              title={`Replace ${PROVIDER_LABELS[current.kind]} with ${PROVIDER_LABELS[kind]}?`}
              confirmLabel={`Replace with ${PROVIDER_LABELS[kind]}`}
              pendingLabel="Replacing…"
              destructive
              action={replaceProvider}
              fields={snapshot}
            >
              <BreakingReferences kind={current.kind} ownerLabel={ownerLabel} references={breaking} />
            </ConfirmDialog>
          ) : (
            <SubmitButton pendingLabel="Saving…">{current ? "Save changes" : "Save"}</SubmitButton>
          )}
          {!dirty && current && <span className="small muted">No unsaved changes.</span>}
        </div>
      </form>

      <ProviderTestPanel key={stamp} owner={owner} current={current} dirty={dirty} onTest={() => setNoticeHidden(true)} />
    </div>
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
        <strong>References saved under the {PROVIDER_LABELS[kind]} configuration of {ownerLabel} will stop working</strong> until they
        are re-pointed to the new provider. The old configuration is retired, not deleted.
      </p>
      {byConnection.size === 0 ? (
        <p className="muted">No connection references it yet.</p>
      ) : (
        <>
          <p>{plural(references.length, "reference")} in {plural(byConnection.size, "connection")} will break:</p>
          <ul className="affected-list">
            {[...byConnection].map(([id, c]) => (
              <li key={id}>
                <strong>{c.name}</strong> <span className="small muted">{c.projectName} · {c.fields.join(", ")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
