"use client";
import { ConfirmDialog } from "@/components/confirm-dialog";
import type { ActionResult } from "@/lib/action-result";

/** `action` deletes and then redirects to the list (the page it sits on is gone afterwards). */
export function DeleteConnectionButton({
  workspaceId,
  projectId,
  connectionId,
  name,
  action,
}: {
  workspaceId: number;
  projectId: number;
  connectionId: number;
  name: string;
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
}) {
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="btn danger">
          Delete…
        </button>
      }
      title={`Delete “${name}”?`}
      confirmLabel="Delete connection"
      pendingLabel="Deleting…"
      destructive
      action={action}
      fields={{ workspaceId, projectId, connectionId }}
    >
      <p>
        The connection, its encrypted literal credentials and its secret references are deleted. The secrets in your secrets manager are not changed. This
        cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
