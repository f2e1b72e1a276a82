"use client";
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { useReauthRetry } from "@/components/reauth-prompt";

export type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** The Radix part of components/confirm-dialog.tsx, loaded when the confirmation first opens. */
export function ConfirmDialogImpl({
  open,
  setOpen,
  returnFocus,
  title,
  children,
  confirmLabel,
  pendingLabel,
  action,
  fields,
  destructive = false,
  onDone,
}: {
  open: boolean;
  setOpen: (open: boolean) => void;
  returnFocus: (e: Event) => void;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  action: Action;
  fields: Record<string, string | number>;
  destructive?: boolean;
  onDone?: (result: ActionResult) => void;
}) {
  const [state, formAction] = useActionState(action, null);
  // A sensitive action that answers `reauthRequired` gets the password prompt, then runs again.
  const { onSubmit, prompt } = useReauthRetry(state, formAction);
  useEffect(() => {
    if (state?.ok) {
      setOpen(false);
      onDone?.(state);
    }
  }, [state, onDone, setOpen]);
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" onCloseAutoFocus={returnFocus}>
          <AlertDialog.Title asChild>
            <h2>{title}</h2>
          </AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div>{children}</div>
          </AlertDialog.Description>
          {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
          <form action={formAction} onSubmit={onSubmit}>
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <div className="actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="btn">
                  Cancel
                </button>
              </AlertDialog.Cancel>
              <SubmitButton className={destructive ? "btn danger" : "btn primary"} pendingLabel={pendingLabel}>
                {confirmLabel}
              </SubmitButton>
            </div>
          </form>
          {prompt}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
