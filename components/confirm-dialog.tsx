"use client";
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { useReauthRetry } from "@/components/reauth-prompt";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/**
 * The one confirmation for destructive or scope-changing actions (docs/style.md rule 11): it stays open while the
 * action runs, shows the action's error inline, and closes only on success. A sensitive action that answers
 * `reauthRequired` gets the password prompt, then runs again.
 */
export function ConfirmDialog({
  trigger,
  title,
  children,
  confirmLabel,
  pendingLabel,
  action,
  fields,
  destructive = false,
  onDone,
}: {
  trigger: React.ReactNode;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  action: Action;
  fields: Record<string, string | number>;
  destructive?: boolean;
  onDone?: (result: ActionResult) => void;
}) {
  const [open, setOpen] = useState(false);
  const [state, formAction] = useActionState(action, null);
  const { onSubmit, prompt } = useReauthRetry(state, formAction);
  useEffect(() => {
    if (state?.ok) {
      setOpen(false);
      onDone?.(state);
    }
  }, [state, onDone]);
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
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
