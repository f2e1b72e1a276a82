"use client";
import { useActionState, useState } from "react";
import { SecretShownOnce } from "@/components/secret-shown-once";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createAgentKeyAction } from "@/lib/actions/onprem-groups";

export function CreateKeyDialog({ workspaceId, groupId, groupName }: { workspaceId: number; groupId: number; groupName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={`Create agent key for “${groupName}”`}
      description="One key per machine that runs an agent, so you can revoke them one by one."
      trigger={
        <button type="button" className="btn small" aria-label={`Create agent key for ${groupName}`}>
          Create key
        </button>
      }
    >
      <CreateKeyForm workspaceId={workspaceId} groupId={groupId} />
    </Dialog>
  );
}

function CreateKeyForm({ workspaceId, groupId }: { workspaceId: number; groupId: number }) {
  const [state, action] = useActionState(createAgentKeyAction, null);
  if (state?.ok && state.data) {
    return (
      <SecretShownOnce
        created="Agent key created."
        instructions={
          <>
            Give it to the agent as <code>KEYHOLD_AGENT_KEY</code>. It is shown only once: Keyhold keeps only a hash.
          </>
        }
        value={state.data.key}
        label="New agent key"
        copyLabel="Copy key"
        testId="agent-key"
      />
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="form" style={{ marginTop: 12 }}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="groupId" value={groupId} />
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      <Field label="Name" name="name" required maxLength={80} placeholder="e.g. db-gateway-1" errors={errors?.name} />
      <div className="actions">
        <DialogClose asChild>
          <button type="button" className="btn">
            Cancel
          </button>
        </DialogClose>
        <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
      </div>
    </form>
  );
}
