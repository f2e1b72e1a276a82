"use client";
// The Radix dialog behind components/reauth-dialog.tsx: stays open while pending and shows a wrong password inline.
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useActionState, useEffect } from "react";
import { confirmPasswordAction } from "@/lib/actions/auth";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

/** The Radix part of components/reauth-dialog.tsx, loaded when the dialog first opens. */
export function ReauthDialogImpl({
  open,
  reason,
  onConfirmed,
  onCancel,
  returnFocus,
}: {
  open: boolean;
  reason: string;
  onConfirmed: () => void;
  onCancel: () => void;
  returnFocus: (e: Event) => void;
}) {
  const [state, formAction] = useActionState(confirmPasswordAction, null);
  useEffect(() => {
    if (state?.ok) onConfirmed();
  }, [state, onConfirmed]);
  const failed = state && !state.ok ? state : null;
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => !next && onCancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" onCloseAutoFocus={returnFocus}>
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
