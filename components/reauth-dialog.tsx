"use client";
// "Confirm your password": opened when a sensitive action answers `reauthRequired` (lib/auth/reauth.ts). On
// success the caller submits its action again; the session then counts as recently authenticated for five
// minutes. Stays open while pending and shows a wrong password inline, like ConfirmDialog.
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useActionState, useEffect } from "react";
import { confirmPasswordAction } from "@/lib/actions/auth";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ReauthDialog({ open, reason, onConfirmed, onCancel }: { open: boolean; reason: string; onConfirmed: () => void; onCancel: () => void }) {
  const [state, formAction] = useActionState(confirmPasswordAction, null);
  useEffect(() => {
    if (state?.ok) onConfirmed();
  }, [state, onConfirmed]);
  const failed = state && !state.ok ? state : null;
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => !next && onCancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title asChild>
            <h2>Confirm your password</h2>
          </AlertDialog.Title>
          <AlertDialog.Description asChild>
            <p>{reason}</p>
          </AlertDialog.Description>
          {failed && !failed.fieldErrors?.password && failed.message && <Alert kind="error">{failed.message}</Alert>}
          <form action={formAction}>
            <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={failed?.fieldErrors?.password} />
            <div className="actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="btn">
                  Cancel
                </button>
              </AlertDialog.Cancel>
              <SubmitButton pendingLabel="Checking…">Confirm</SubmitButton>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
