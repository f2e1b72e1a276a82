"use client";
// The reference policy of one provider configuration (docs/threat-model.md "Reference policy"): which secrets
// connections may reference, and where each may be sent. Its admins add and remove entries; a removal is
// confirmed with the connections that would stop resolving. Everyone else sees it read-only.
import { useActionState, useCallback } from "react";
import type { ActionResult } from "@/lib/action-result";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useReauthRetry } from "@/components/reauth-prompt";
import { addReferencePolicyEntryAction, dismissPolicyNoticeAction, removeReferencePolicyEntryAction } from "@/lib/actions/reference-policy";
import { FIELD_LABELS, type CredentialFieldName } from "@/lib/connections/types";
import { secretPatternHint } from "@/lib/secrets/reference-policy";
import { secretsChanged } from "@/lib/queries/invalidate";
import type { ImpactReport } from "@/lib/views/impact";
import type { ReferencePolicyView } from "@/lib/views/secrets";
import { ImpactList } from "./impact-list";
import { plural } from "./format";

type Owner = { workspaceId: number; projectId?: number };
type Entry = ReferencePolicyView["entries"][number];

function OwnerFields({ owner }: { owner: Owner }) {
  return (
    <>
      <input type="hidden" name="workspaceId" value={owner.workspaceId} />
      <input type="hidden" name="ownerProjectId" value={owner.projectId ?? ""} />
    </>
  );
}

/** Shown to admins of configurations that existed before the policy, until it is edited or dismissed. */
function UpgradeNotice({ owner }: { owner: Owner }) {
  const [, dismiss] = useActionState(dismissPolicyNoticeAction, null);
  return (
    <Alert kind="info">
      <strong>New: the reference policy.</strong> Connections may now reference only the secrets listed below, and send each one only to the destinations listed
      with it, so an editor can no longer send any secret this provider can read to a host of their choosing. It was filled with exactly what your connections
      use today; add entries here before anyone references another secret.
      <form action={dismiss} style={{ display: "inline", marginLeft: 8 }}>
        <OwnerFields owner={owner} />
        <SubmitButton className="btn small">Got it</SubmitButton>
      </form>
    </Alert>
  );
}

type FormAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/**
 * The secret browser on the same page marks secrets against the policy, so it refetches after every change. Done
 * in the action itself, not in an effect: a removal re-renders the table without the row (and its dialog).
 */
function usePolicyAction(action: FormAction, workspaceId: number): FormAction {
  return useCallback(
    async (prev: ActionResult | null, form: FormData) => {
      const result = await action(prev, form);
      if (result.ok) secretsChanged(workspaceId);
      return result;
    },
    [action, workspaceId],
  );
}

function RemoveEntry({ owner, entry, impact }: { owner: Owner; entry: Entry; impact?: ImpactReport }) {
  const remove = usePolicyAction(removeReferencePolicyEntryAction, owner.workspaceId);
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="btn small danger" aria-label={`Remove ${entry.secretPattern}`}>
          Remove
        </button>
      }
      title={`Remove ${entry.secretPattern} from the reference policy?`}
      confirmLabel="Remove entry"
      pendingLabel="Removing…"
      destructive
      action={remove}
      fields={{ workspaceId: owner.workspaceId, ownerProjectId: owner.projectId ?? "", entryId: entry.id, impactToken: impact?.token ?? "" }}
    >
      {impact ? (
        <>
          <ImpactList report={impact} nothing="No reference that resolves now depends on this entry alone: nothing stops resolving." />
          {impact.fields.length > 0 && <p className="small muted">They are refused before any provider call until an entry allows them again.</p>}
        </>
      ) : entry.dependents.length === 0 ? (
        <p>No saved reference depends on this entry alone: nothing stops resolving.</p>
      ) : (
        <>
          <p>
            {plural(entry.dependents.length, "reference")} will stop resolving (refused before any provider call) until an entry allows{" "}
            {entry.dependents.length === 1 ? "it" : "them"} again:
          </p>
          <ul>
            {entry.dependents.map((d) => (
              <li key={`${d.connectionId}:${d.field}:${d.reference}`}>
                {d.connectionName} ({d.projectName}) · {FIELD_LABELS[d.field as CredentialFieldName] ?? d.field} → {d.destination}
              </li>
            ))}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}

type Impacts = Record<number, ImpactReport>;

function EntriesTable({ owner, policy, canEdit, impacts }: { owner: Owner; policy: ReferencePolicyView; canEdit: boolean; impacts?: Impacts }) {
  if (policy.entries.length === 0) return <p className="muted">No entries: connections cannot reference any secret of this configuration yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Reference policy">
        <thead>
          <tr>
            <th>Secrets</th>
            <th>May be sent to</th>
            {canEdit && (
              <th>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {policy.entries.map((e) => (
            <tr key={e.id}>
              <td className="mono">{e.secretPattern}</td>
              <td className="mono">{e.destinations.length ? e.destinations.join(", ") : <span className="muted">nowhere yet: add a destination</span>}</td>
              {canEdit && (
                <td className="cell-end">
                  <RemoveEntry owner={owner} entry={e} impact={impacts?.[e.id]} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddEntryForm({ owner, policy }: { owner: Owner; policy: ReferencePolicyView }) {
  const [state, add] = useActionState(usePolicyAction(addReferencePolicyEntryAction, owner.workspaceId), null);
  const { onSubmit, prompt } = useReauthRetry(state, add);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <>
      <form action={add} onSubmit={onSubmit} className="form wide" aria-label="Add a reference policy entry" noValidate>
        <OwnerFields owner={owner} />
        <input type="hidden" name="kind" value={policy.kind} />
        <div className="grid-2">
          <Field
            label="Secrets"
            name="secretPattern"
            className="input mono"
            spellCheck={false}
            autoComplete="off"
            hint={`${secretPatternHint(policy.kind)}; * matches any characters.`}
            errors={errors?.secretPattern}
          />
          <Field
            label="Destinations"
            name="destinations"
            className="input mono"
            spellCheck={false}
            autoComplete="off"
            hint="host, host:port or *.example.com, comma-separated; without a port, any port."
            errors={errors?.destinations}
          />
        </div>
        {state?.ok && <Alert kind="success">{state.message}</Alert>}
        {state && !state.ok && !errors && state.message && <Alert kind="error">{state.message}</Alert>}
        <div className="row">
          <SubmitButton pendingLabel="Adding…">Add entry</SubmitButton>
          <span className="small muted">Adding destinations to a pattern that is already listed extends its entry.</span>
        </div>
      </form>
      {prompt}
    </>
  );
}

export function ReferencePolicySection({
  owner,
  policy,
  canEdit,
  impacts,
}: {
  owner: Owner;
  policy: ReferencePolicyView;
  canEdit: boolean;
  /** Per entry, what removing it stops resolving (admins' pages). */
  impacts?: Impacts;
}) {
  return (
    <section className="card" aria-labelledby="reference-policy-heading">
      <h2 id="reference-policy-heading">Reference policy</h2>
      <p className="muted">
        Which secrets of {policy.owner} connections may reference, and where each may be sent. Anything else is refused when a connection is saved and again
        before any secret is fetched. {canEdit ? "" : `Only ${policy.approver} can change it.`}
      </p>
      {canEdit && policy.noticePending && <UpgradeNotice owner={owner} />}
      <EntriesTable owner={owner} policy={policy} canEdit={canEdit} impacts={impacts} />
      {canEdit && <AddEntryForm owner={owner} policy={policy} />}
    </section>
  );
}
