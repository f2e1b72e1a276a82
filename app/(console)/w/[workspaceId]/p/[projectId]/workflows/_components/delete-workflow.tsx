"use client";
// Deleting a workflow (docs/workflows.md "Deleting a workflow"): its revisions and runs go with it; the audit log
// keeps each run's end and the secrets it read. Then back to the list.
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { deleteWorkflowAction } from "@/lib/actions/workflows";

export function DeleteWorkflow({ workspaceId, projectId, workflowId, name }: { workspaceId: number; projectId: number; workflowId: number; name: string }) {
  const router = useRouter();
  const done = useCallback(() => router.push(`/w/${workspaceId}/p/${projectId}/workflows`), [router, workspaceId, projectId]);
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="btn danger small">
          Delete workflow
        </button>
      }
      title={`Delete ${name}?`}
      confirmLabel="Delete workflow"
      pendingLabel="Deleting…"
      destructive
      action={deleteWorkflowAction}
      fields={{ workspaceId, projectId, workflowId }}
      onDone={done}
    >
      <p>
        Every revision and every run of {name} is deleted with it (the audit log keeps how each run ended and which secrets it read). The project's workflow
        secrets stay. Queued or running runs must finish or be cancelled first. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
