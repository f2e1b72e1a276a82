"use client";
import { useActionState, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createApiTokenAction } from "@/lib/actions/api-tokens";
import { EXPIRY_OPTIONS, SCOPE_LABELS } from "./token-options";

export function CreateTokenDialog({ workspaceId }: { workspaceId: number }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Create API token"
      description="For scripts and pipelines that clear the secrets cache or refresh connections."
      trigger={
        <button type="button" className="btn primary">
          Create token
        </button>
      }
    >
      <CreateTokenForm workspaceId={workspaceId} />
    </Dialog>
  );
}

function CreateTokenForm({ workspaceId }: { workspaceId: number }) {
  const [state, action] = useActionState(createApiTokenAction, null);
  const [name, setName] = useState("");
  if (state?.ok && state.data) {
    return (
      <div className="form" style={{ marginTop: 12 }}>
        <Alert kind="success">Token “{name}” created.</Alert>
        <p style={{ margin: 0 }}>Copy it now and store it where the automation keeps its secrets. It is shown only once: Keyhold keeps only a hash.</p>
        <output className="secret-once wrap-anywhere" aria-label="New API token" data-testid="api-token">
          {state.data.token}
        </output>
        <div className="actions">
          <CopyButton value={state.data.token} label="Copy token" className="btn" />
          <DialogClose asChild>
            <button type="button" className="btn primary">
              Done
            </button>
          </DialogClose>
        </div>
      </div>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="form" style={{ marginTop: 12 }}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      <Field
        label="Name"
        name="name"
        required
        maxLength={80}
        placeholder="e.g. Deploy pipeline"
        value={name}
        onChange={(e) => setName(e.target.value)}
        errors={errors?.name}
        hint="Name it after what uses it."
      />
      <fieldset className="radio-group">
        <legend className="label">May call</legend>
        {(Object.keys(SCOPE_LABELS) as Array<keyof typeof SCOPE_LABELS>).map((value) => (
          <label key={value} className="radio-option">
            <input type="radio" name="scope" value={value} defaultChecked={value === "cache"} />
            <span>
              {SCOPE_LABELS[value]}
              <span className="small muted">
                {" "}
                —{" "}
                {value === "cache"
                  ? "clear_cache and connection refresh; nothing else"
                  : value === "workflows"
                    ? "start workflow runs and read them; nothing else"
                    : "every API a token may use, now and later"}
              </span>
            </span>
          </label>
        ))}
        {errors?.scope?.length ? <span className="error">{errors.scope.join(" ")}</span> : null}
      </fieldset>
      <SelectField label="Expires after" name="expiresInDays" options={EXPIRY_OPTIONS} defaultValue="90" errors={errors?.expiresInDays} />
      <div className="actions">
        <DialogClose asChild>
          <button type="button" className="btn">
            Cancel
          </button>
        </DialogClose>
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </div>
    </form>
  );
}
