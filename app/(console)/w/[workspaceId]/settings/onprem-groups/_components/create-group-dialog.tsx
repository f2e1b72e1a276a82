"use client";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogClose, DialogDone } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createOnPremGroupAction } from "@/lib/actions/onprem-groups";

export function CreateGroupDialog({ workspaceId }: { workspaceId: number }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Create on-prem group"
      description="A group is the agents that reach one private network."
      trigger={
        <button type="button" className="btn primary">
          Create group
        </button>
      }
    >
      <CreateGroupForm workspaceId={workspaceId} />
    </Dialog>
  );
}

function CreateGroupForm({ workspaceId }: { workspaceId: number }) {
  const [state, action] = useActionState(createOnPremGroupAction, null);
  if (state?.ok) {
    return (
      <div className="form" style={{ marginTop: 12 }}>
        <Alert kind="success">{state.message}</Alert>
        <div className="actions">
          <DialogDone />
        </div>
      </div>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="form" style={{ marginTop: 12 }}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      <Field label="Name" name="name" required maxLength={80} placeholder="e.g. Frankfurt data center" errors={errors?.name} />
      <div className="actions">
        <DialogClose asChild>
          <button type="button" className="btn">
            Cancel
          </button>
        </DialogClose>
        <SubmitButton pendingLabel="Creating…">Create group</SubmitButton>
      </div>
    </form>
  );
}
