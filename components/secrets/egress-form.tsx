"use client";
import { useActionState, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateEgressAllowListAction } from "@/lib/actions/secrets-settings";
import { EGRESS_MODE_LABELS, EGRESS_MODES, type EgressMode } from "@/lib/connections/egress/modes";

export function EgressForm({ workspaceId, mode, entries }: { workspaceId: number; mode: EgressMode; entries: readonly string[] }) {
  const [state, action] = useActionState(updateEgressAllowListAction, null);
  const [text, setText] = useState(entries.join("\n"));
  const [chosen, setChosen] = useState<EgressMode>(mode);
  const id = useId();
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const errors = fieldErrors?.entries;
  return (
    <form action={action} className="form secrets-form" aria-label="Egress policy">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <fieldset className="radio-group" aria-describedby={fieldErrors?.mode?.length ? `${id}-mode-error` : undefined}>
        <legend className="label">Connections may reach</legend>
        {EGRESS_MODES.map((value) => (
          <label key={value} className="radio-option">
            <input type="radio" name="mode" value={value} checked={chosen === value} onChange={() => setChosen(value)} />
            <span>
              {EGRESS_MODE_LABELS[value].label}
              <span className="small muted"> — {EGRESS_MODE_LABELS[value].help}</span>
            </span>
          </label>
        ))}
        {fieldErrors?.mode?.length ? (
          <span id={`${id}-mode-error`} className="error">
            {fieldErrors.mode.join(" ")}
          </span>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={id}>Allowed addresses</label>
        <textarea
          id={id}
          name="entries"
          className="input mono"
          rows={4}
          spellCheck={false}
          placeholder={"127.0.0.1\n10.0.0.0/8\nvault.internal:8200"}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
        />
        <span id={`${id}-hint`} className="hint">
          One entry per line (or separated by commas), at most 50: an IP address, a CIDR range, or a host name, each optionally with :port (without a port,
          every port). Host names are resolved when used. Loopback, link-local and cloud metadata addresses are reachable only when listed here, in either mode;
          a metadata address must be listed by itself, not through a range.
        </span>
        {errors?.length ? (
          <span id={`${id}-error`} className="error">
            {[...new Set(errors)].join(" ")}
          </span>
        ) : null}
      </div>
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      {state?.ok && <Alert kind="success">{state.message}</Alert>}
      <div className="row">
        <SubmitButton pendingLabel="Saving…">Save egress policy</SubmitButton>
      </div>
    </form>
  );
}
