"use client";
import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { createProjectAction } from "@/lib/actions/projects";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function CreateProjectDialog({ workspaceId }: { workspaceId: number }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(createProjectAction, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok && state.data) router.push(`/w/${workspaceId}/p/${state.data.projectId}`);
  }, [state, router, workspaceId]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="New project"
      description="Projects hold connections and, in project scope, their own secrets provider."
      trigger={
        <button type="button" className="btn primary">
          New project
        </button>
      }
    >
      <form action={action} className="form" style={{ marginTop: 12 }}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
        <Field label="Name" name="name" required maxLength={80} errors={errors?.name} />
        <Field label="Description" name="description" maxLength={500} hint="Optional." errors={errors?.description} />
        <div className="actions">
          <DialogClose asChild>
            <button type="button" className="btn">
              Cancel
            </button>
          </DialogClose>
          <SubmitButton pendingLabel="Creating…">Create project</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
