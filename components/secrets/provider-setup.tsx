"use client";
// One owner's secrets provider (the workspace's, or a project's): the kind, its form (the AWS guide for AWS),
// Save, then Test. Changing the kind replaces the configuration, after a confirmation that lists the
// references saved under the old one. Stored write-only secrets never come back: they show "Set".
import dynamic from "next/dynamic";
import { Suspense, useActionState, useCallback, useEffect, useRef, useState } from "react";
import { PROVIDER_LABELS } from "@/components/provider-labels";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FieldErrors } from "@/lib/action-result";
import { useReauthRetry } from "@/components/reauth-prompt";
import { saveProviderConfigAction } from "@/lib/actions/secrets-settings";
import { secretsChanged } from "@/lib/queries/invalidate";
import type { ImpactReport } from "@/lib/views/impact";
import { PROVIDER_KINDS, type ProviderKind } from "@/lib/secrets/types";
import { AUTH_FIELD, SETTINGS_FIELDS, type ProviderSummary } from "./provider-summary";
import { KindPicker, ReplaceWarning, SaveNotice } from "./provider-setup-parts";
import { ProviderTestPanel } from "./provider-test-panel";

// One provider's form at a time: each kind's form (the AWS guide with its policies is the largest) is its own
// chunk, so a page carries the form it shows, not all four (docs/accessibility.md "Lighter pages").
const AwsGuide = dynamic(() => import("./aws-guide").then((m) => m.AwsGuide));
const AzureFields = dynamic(() => import("./provider-fields").then((m) => m.AzureFields));
const VaultFields = dynamic(() => import("./provider-fields").then((m) => m.VaultFields));
const GcpFields = dynamic(() => import("./provider-fields").then((m) => m.GcpFields));
const ReplaceProviderDialog = dynamic(() => import("./replace-provider-dialog").then((m) => m.ReplaceProviderDialog));

type Values = Record<ProviderKind, Record<string, string>>;

function initialValues(current: ProviderSummary | null): Values {
  const values: Values = { aws: {}, azure: {}, vault: { approleMount: "approle" }, gcp: {} };
  if (current) values[current.kind] = { ...values[current.kind], ...current.settings };
  return values;
}

// The form's schema (zod) loads when the form is first focused, not with the page (docs/accessibility.md
// "Lighter pages"); a save before it has loaded is checked by the server alone, with the same messages.
let parseProviderForm: typeof import("@/lib/validations/provider-config").parseProviderForm | undefined;
function loadSchema(): Promise<void> {
  if (parseProviderForm) return Promise.resolve();
  return import("@/lib/validations/provider-config").then((m) => {
    parseProviderForm = m.parseProviderForm;
  });
}

function validate(kind: ProviderKind, values: Record<string, string>, authStored: boolean): FieldErrors | null {
  // Untouched fields are empty strings in the submitted form too, so the messages match the server's.
  const blanks = Object.fromEntries(SETTINGS_FIELDS[kind].map((f) => [f, ""]));
  const parsed = parseProviderForm?.({ kind, ...blanks, ...values });
  const errors: FieldErrors = !parsed || parsed.success ? {} : { ...parsed.fieldErrors };
  const auth = AUTH_FIELD[kind];
  if (auth && !authStored && !(values[auth.name] ?? "").trim()) errors[auth.name] = [`Enter the ${auth.label}.`];
  return Object.keys(errors).length ? errors : null;
}

interface ProviderSetupProps {
  owner: { workspaceId: number; projectId?: number };
  /** "this project" or "this workspace" */
  ownerLabel: string;
  externalId: string;
  platformAccountId: string;
  current: ProviderSummary | null;
  /** References saved under the current configuration: what replacing its kind breaks. */
  /** What replacing the current configuration stops resolving (null: nothing configured yet). */
  impact: ImpactReport | null;
  /** The kinds this installation enables (PROVIDERS); the others show but cannot be chosen. */
  enabledKinds?: readonly ProviderKind[];
  /** The workspace's on-prem groups, for the AWS, Azure and Vault connection type (docs/agent.md "Cloud profiles"). */
  onPremGroups?: ReadonlyArray<{ id: number; name: string }>;
}

/** Clears typed write-only secrets of every kind. */
function withoutTypedSecrets(v: Values): Values {
  const next = { ...v };
  for (const k of PROVIDER_KINDS) {
    const auth = AUTH_FIELD[k];
    if (auth) next[k] = { ...next[k], [auth.name]: "" };
  }
  return next;
}

function isDirty(current: ProviderSummary | null, kind: ProviderKind, kindValues: Record<string, string>): boolean {
  if (!current || current.kind !== kind) return true;
  if (SETTINGS_FIELDS[kind].some((f) => (kindValues[f] ?? "") !== (current.settings[f] ?? ""))) return true;
  return Boolean(AUTH_FIELD[kind] && kindValues[AUTH_FIELD[kind]!.name]);
}

/**
 * A saved change (new revision or replacement): forget typed secrets, and let the browser list again.
 * Returns the stamp that keys the per-kind fields and the test panel.
 */
function useSavedRevision(current: ProviderSummary | null, workspaceId: number, setValues: React.Dispatch<React.SetStateAction<Values>>): string {
  const stamp = current ? `${current.id}:${current.revision}` : "none";
  const firstStamp = useRef(stamp);
  useEffect(() => {
    if (stamp === firstStamp.current) return;
    firstStamp.current = stamp;
    setValues(withoutTypedSecrets);
    secretsChanged(workspaceId);
  }, [stamp, workspaceId, setValues]);
  return stamp;
}

/**
 * The replace dialog's action. The notice is set here rather than in ConfirmDialog's onDone: the replacement
 * re-renders the form without the dialog (the kinds match again), which can unmount it before onDone would run.
 */
function useReplaceAction(setReplaced: (r: ActionResult) => void, setNoticeHidden: (hidden: boolean) => void) {
  return useCallback(
    async (_prev: ActionResult | null, form: FormData): Promise<ActionResult> => {
      const result = await saveProviderConfigAction(null, form);
      const plain: ActionResult = result.ok ? { ok: true, message: result.message } : result;
      if (plain.ok) {
        setReplaced(plain);
        setNoticeHidden(false);
      }
      return plain;
    },
    [setReplaced, setNoticeHidden],
  );
}

export function ProviderSetup({
  owner,
  ownerLabel,
  externalId,
  platformAccountId,
  current,
  impact,
  enabledKinds = PROVIDER_KINDS,
  onPremGroups = [],
}: ProviderSetupProps) {
  const [kind, setKind] = useState<ProviderKind>(current?.kind ?? enabledKinds[0] ?? "aws");
  const [values, setValues] = useState<Values>(() => initialValues(current));
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [snapshot, setSnapshot] = useState<Record<string, string>>({});
  const [replaced, setReplaced] = useState<ActionResult | null>(null);
  // "Saved. Now test it." is done with once a test runs.
  const [noticeHidden, setNoticeHidden] = useState(false);
  const [state, formAction] = useActionState(saveProviderConfigAction, null);
  // Changing a provider's auth or endpoint asks for the password again (docs/threat-model.md).
  const reauth = useReauthRetry(state, formAction);
  const formRef = useRef<HTMLFormElement>(null);
  const stamp = useSavedRevision(current, owner.workspaceId, setValues);

  const authStored = current?.kind === kind && current.authSet;
  const needsReplace = current !== null && current.kind !== kind;
  const errors = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined);
  const kindValues = values[kind];
  const dirty = isDirty(current, kind, kindValues);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new action result (state) shows the save notice again.
  useEffect(() => setNoticeHidden(false), [state]);

  const set = useCallback((name: string, value: string) => setValues((v) => ({ ...v, [kind]: { ...v[kind], [name]: value } })), [kind]);
  const replaceProvider = useReplaceAction(setReplaced, setNoticeHidden);
  const pick = (k: ProviderKind) => {
    setKind(k);
    setClientErrors(null);
    setReplaced(null);
  };
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    if (e.target !== e.currentTarget) return; // the replace dialog's own form, portalled from inside this one
    if (needsReplace) return e.preventDefault(); // only the confirmation may replace
    const found = validate(kind, kindValues, authStored);
    setClientErrors(found);
    setReplaced(null);
    setNoticeHidden(true); // until this save answers
    if (found) return e.preventDefault();
    reauth.onSubmit(e);
  };
  const openReplace = (e: React.MouseEvent<HTMLButtonElement>) => {
    // The replacement is confirmed before the server sees the settings, so they are checked here first: a click
    // before the schema has loaded waits for it, then clicks again.
    if (!parseProviderForm) {
      e.preventDefault();
      const button = e.currentTarget;
      void loadSchema().then(
        () => button.click(),
        () => undefined, // a failed load leaves the dialog closed; the next click tries again
      );
      return;
    }
    const found = validate(kind, kindValues, false);
    setClientErrors(found);
    if (found) return e.preventDefault();
    setSnapshot({ ...(Object.fromEntries(new FormData(formRef.current!)) as Record<string, string>), confirmReplace: "true" });
  };

  const fieldProps = { values: kindValues, set, errors, authStored, groups: onPremGroups };
  return (
    <div className="provider-setup">
      <KindPicker
        kind={kind}
        configured={current?.kind}
        radioName={`provider-kind-${owner.projectId ?? "workspace"}`}
        enabledKinds={enabledKinds}
        onPick={pick}
      />
      <form
        ref={formRef}
        action={formAction}
        className="form wide secrets-form"
        noValidate
        aria-label={`${PROVIDER_LABELS[kind]} settings`}
        onSubmit={onSubmit}
        onFocus={() => void loadSchema()}
      >
        <input type="hidden" name="workspaceId" value={owner.workspaceId} />
        <input type="hidden" name="ownerProjectId" value={owner.projectId ?? ""} />
        <input type="hidden" name="kind" value={kind} />
        {/* Its own boundary: while another kind's form loads, the picked radio shows at once and the form says so. */}
        <Suspense fallback={<p className="muted">Loading the {PROVIDER_LABELS[kind]} form…</p>}>
          {kind === "aws" && <AwsGuide externalId={externalId} platformAccountId={platformAccountId} ownerLabel={ownerLabel} {...fieldProps} />}
          {kind === "azure" && <AzureFields key={`azure-${stamp}`} {...fieldProps} />}
          {kind === "vault" && <VaultFields key={`vault-${stamp}`} {...fieldProps} />}
          {kind === "gcp" && <GcpFields key={`gcp-${stamp}`} {...fieldProps} />}
        </Suspense>
        {needsReplace && <ReplaceWarning ownerLabel={ownerLabel} from={current.kind} to={kind} impact={impact} />}
        <SaveNotice notice={noticeHidden ? null : (replaced ?? state)} />
        <div className="row">
          {needsReplace ? (
            <Suspense
              fallback={
                <button type="button" className="btn primary" disabled>
                  Replace provider…
                </button>
              }
            >
              <ReplaceProviderDialog
                from={current.kind}
                to={kind}
                ownerLabel={ownerLabel}
                impact={impact}
                onOpen={openReplace}
                action={replaceProvider}
                fields={snapshot}
              />
            </Suspense>
          ) : (
            <SubmitButton pendingLabel="Saving…">{current ? "Save changes" : "Save"}</SubmitButton>
          )}
          {!dirty && current && <span className="small muted">No unsaved changes.</span>}
        </div>
      </form>
      {reauth.prompt}
      <ProviderTestPanel key={stamp} owner={owner} current={current} dirty={dirty} onTest={() => setNoticeHidden(true)} />
    </div>
  );
}
