"use client";
// The password prompt of sensitive actions wired to a form (docs/threat-model.md, "Re-authentication"): when the
// action answers `reauthRequired`, the prompt opens (components/reauth-dialog.tsx); once the password is
// confirmed, the action runs again with what the form held when it was submitted. (React resets uncontrolled
// fields after an action, so the form itself may be empty by then.) Render `prompt` outside the form: React
// bubbles a portal's submit event to its React parents.
import { type FormEvent, type ReactNode, startTransition, useCallback, useEffect, useRef, useState } from "react";
import { ReauthDialog } from "@/components/reauth-dialog";
import type { ActionResult } from "@/lib/action-result";

export const REAUTH_REASON = "This change needs your password, entered within the last 5 minutes.";

export function useReauthRetry(state: ActionResult<unknown> | null, dispatch: (form: FormData) => void, reason: string = REAUTH_REASON) {
  const submitted = useRef<FormData | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (state && !state.ok && state.reauthRequired) setOpen(true);
  }, [state]);
  const onSubmit = useCallback((event: FormEvent<HTMLFormElement>) => {
    submitted.current = new FormData(event.currentTarget);
  }, []);
  const confirmed = useCallback(() => {
    setOpen(false);
    const form = submitted.current;
    if (form) startTransition(() => dispatch(form));
  }, [dispatch]);
  const cancel = useCallback(() => setOpen(false), []);
  const prompt: ReactNode = open ? <ReauthDialog open reason={reason} onConfirmed={confirmed} onCancel={cancel} /> : null;
  return { onSubmit, prompt };
}
