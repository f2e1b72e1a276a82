"use client";
import { useActionState, useState } from "react";
import { useReauthRetry } from "@/components/reauth-prompt";
import { addUserAction } from "@/lib/actions/users";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field, SelectField } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { WORKSPACE_ROLE_OPTIONS } from "./role-options";
import { ProjectRoleFields } from "./project-role-fields";

export function AddUserDialog({
  workspaceId,
  projects,
  canAddOwner,
}: {
  workspaceId: number;
  projects: Array<{ id: number; name: string }>;
  canAddOwner: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Add user"
      description="The new user signs in with a one-time password and must then choose their own."
      trigger={
        <button type="button" className="btn primary">
          Add user
        </button>
      }
    >
      <AddUserForm workspaceId={workspaceId} projects={projects} canAddOwner={canAddOwner} />
    </Dialog>
  );
}

function AddUserForm({ workspaceId, projects, canAddOwner }: { workspaceId: number; projects: Array<{ id: number; name: string }>; canAddOwner: boolean }) {
  const [state, action] = useActionState(addUserAction, null);
  const { onSubmit, prompt } = useReauthRetry(state, action);
  if (state?.ok && state.data) {
    return (
      <div className="form" style={{ marginTop: 12 }}>
        <Alert kind="success">{state.message}</Alert>
        <p>Give them this one-time password through a channel you trust. It is shown only once.</p>
        <output className="secret-once" aria-label="One-time password" data-testid="one-time-password">
          {state.data.oneTimePassword}
        </output>
        <div className="actions">
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
  const roleOptions = WORKSPACE_ROLE_OPTIONS.filter((o) => canAddOwner || o.value !== "owner");
  return (
    <>
      <form action={action} onSubmit={onSubmit} className="form" style={{ marginTop: 12 }}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
        <Field label="Email" name="email" type="email" required errors={errors?.email} />
        <Field label="Name" name="name" required maxLength={100} errors={errors?.name} />
        <SelectField label="Workspace role" name="workspaceRole" defaultValue="member" options={roleOptions} errors={errors?.workspaceRole} />
        <ProjectRoleFields projects={projects} />
        <div className="actions">
          <DialogClose asChild>
            <button type="button" className="btn">
              Cancel
            </button>
          </DialogClose>
          <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
        </div>
      </form>
      {prompt}
    </>
  );
}
