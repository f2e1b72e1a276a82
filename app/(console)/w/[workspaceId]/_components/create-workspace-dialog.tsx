"use client";
import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { createWorkspaceAction } from "@/lib/actions/workspaces";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Shown to owners only; the server checks the role again (createWorkspaceAction). */
export function CreateWorkspaceDialog({ workspaceId }: { workspaceId: number }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(createWorkspaceAction, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok && state.data) router.push(`/w/${state.data.workspaceId}`);
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="New workspace"
      description="A separate set of projects, users and secrets settings. You become its owner."
      trigger={
        <button type="button" className="sidebar-action">
          <span aria-hidden>+ </span>New workspace
        </button>
      }
    >
      <form action={action} className="form" style={{ marginTop: 12 }}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
        <Field label="Name" name="name" required maxLength={80} errors={errors?.name} />
        <div className="actions">
          <DialogClose asChild>
            <button type="button" className="btn">
              Cancel
            </button>
          </DialogClose>
          <SubmitButton pendingLabel="Creating…">Create workspace</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
