"use client";
import { useActionState, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateEgressAllowListAction } from "@/lib/actions/secrets-settings";

export function EgressForm({ workspaceId, entries }: { workspaceId: number; entries: string[] }) {
  const [state, action] = useActionState(updateEgressAllowListAction, null);
  const [text, setText] = useState(entries.join("\n"));
  const id = useId();
  const errors = state && !state.ok ? state.fieldErrors?.entries : undefined;
  return (
    <form action={action} className="form secrets-form" aria-label="Egress allow-list">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="field">
        <label htmlFor={id}>Allowed addresses</label>
        <textarea
          id={id}
          name="entries"
          className="input mono"
          rows={4}
          spellCheck={false}
          placeholder={"127.0.0.1\n10.0.0.0/8"}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
        />
        <span id={`${id}-hint`} className="hint">One IP address or CIDR range per line (or separated by commas). At most 50.</span>
        {errors?.length ? <span id={`${id}-error`} className="error">{[...new Set(errors)].join(" ")}</span> : null}
      </div>
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      {state?.ok && <Alert kind="success">{state.message}</Alert>}
      <div className="row">
        <SubmitButton pendingLabel="Saving…">Save allow-list</SubmitButton>
      </div>
    </form>
  );
}
