"use client";
import { useActionState, useEffect, useState } from "react";
import { useReauthRetry } from "@/components/reauth-prompt";
import { changeUserRolesAction } from "@/lib/actions/users";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { WORKSPACE_ROLE_OPTIONS } from "./role-options";
import { ProjectRoleFields } from "./project-role-fields";
import type { WorkspaceUserRow } from "@/lib/views/users";

export function EditRolesDialog({
  workspaceId,
  user,
  projects,
  canGrantOwner,
}: {
  workspaceId: number;
  user: WorkspaceUserRow;
  projects: Array<{ id: number; name: string }>;
  canGrantOwner: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(changeUserRolesAction, null);
  const { onSubmit, prompt } = useReauthRetry(state, action);
  useEffect(() => {
    if (state?.ok) setOpen(false);
  }, [state]);
  const current = new Map(user.projectRoles.map((r) => [r.projectId, r.role as string]));
  const roleOptions = WORKSPACE_ROLE_OPTIONS.filter((o) => canGrantOwner || o.value !== "owner" || user.workspaceRole === "owner");
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={`Roles of ${user.name}`}
      description={user.email}
      trigger={
        <button type="button" className="btn small">
          Edit roles
        </button>
      }
    >
      <form action={action} onSubmit={onSubmit} className="form" style={{ marginTop: 12 }}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="userId" value={user.id} />
        {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
        <SelectField label="Workspace role" name="workspaceRole" defaultValue={user.workspaceRole} options={roleOptions} />
        <ProjectRoleFields projects={projects} current={current} />
        <div className="actions">
          <DialogClose asChild>
            <button type="button" className="btn">
              Cancel
            </button>
          </DialogClose>
          <SubmitButton pendingLabel="Saving…">Save roles</SubmitButton>
        </div>
      </form>
      {prompt}
    </Dialog>
  );
}
