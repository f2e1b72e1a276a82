"use client";
import { useActionState, useState } from "react";
import { SecretShownOnce } from "@/components/secret-shown-once";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useReauthRetry } from "@/components/reauth-prompt";
import { createApiTokenAction } from "@/lib/actions/api-tokens";
import { ProjectChoices, ScopeChoices } from "./scope-choices";
import { EXPIRY_OPTIONS } from "./token-options";

interface Props {
  workspaceId: number;
  /** The workspace's projects, for the optional project limit. */
  projects: Array<{ id: number; name: string }>;
}

export function CreateTokenDialog({ workspaceId, projects }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Create API token"
      description="For scripts and pipelines. Give each token only the scopes it needs, and limit it to projects where you can."
      trigger={
        <button type="button" className="btn primary">
          Create token
        </button>
      }
    >
      <CreateTokenForm workspaceId={workspaceId} projects={projects} />
    </Dialog>
  );
}

function CreateTokenForm({ workspaceId, projects }: Props) {
  const [state, action] = useActionState(createApiTokenAction, null);
  const { onSubmit, prompt } = useReauthRetry(state, action);
  const [name, setName] = useState("");
  if (state?.ok && state.data) {
    return (
      <SecretShownOnce
        created={<>Token “{name}” created.</>}
        instructions="Copy it now and store it where the automation keeps its secrets. It is shown only once: Keyhold keeps only a hash."
        value={state.data.token}
        label="New API token"
        copyLabel="Copy token"
        testId="api-token"
      />
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <>
      <form action={action} onSubmit={onSubmit} className="form" style={{ marginTop: 12 }}>
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
        <ScopeChoices errors={errors?.scopes} />
        <ProjectChoices projects={projects} errors={errors?.projectIds} />
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
      {prompt}
    </>
  );
}
