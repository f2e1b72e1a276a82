"use client";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { setUserActiveAction } from "@/lib/actions/users";

export function ActivationButton({ workspaceId, userId, email, active }: { workspaceId: number; userId: number; email: string; active: boolean }) {
  return active ? (
    <ConfirmDialog
      trigger={
        <button type="button" className="btn small">
          Deactivate
        </button>
      }
      title={`Deactivate ${email}?`}
      confirmLabel="Deactivate"
      pendingLabel="Deactivating…"
      destructive
      action={setUserActiveAction}
      fields={{ workspaceId, userId, active: "false" }}
    >
      <p>They are signed out everywhere at once and cannot sign in until reactivated. Their audit history stays.</p>
    </ConfirmDialog>
  ) : (
    <ConfirmDialog
      trigger={
        <button type="button" className="btn small">
          Reactivate
        </button>
      }
      title={`Reactivate ${email}?`}
      confirmLabel="Reactivate"
      action={setUserActiveAction}
      fields={{ workspaceId, userId, active: "true" }}
    >
      <p>They can sign in again with their existing password.</p>
    </ConfirmDialog>
  );
}
