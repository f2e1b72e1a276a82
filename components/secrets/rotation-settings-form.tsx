"use client";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateRotationSettingsAction } from "@/lib/actions/secrets-settings";

export function RotationSettingsForm(props: { workspaceId: number; rotationPollSeconds: number; expiryWarnDays: number; rotationStaleDays: number }) {
  const [state, action] = useActionState(updateRotationSettingsAction, null);
  // Controlled, so a refused value stays on screen next to its message.
  const [poll, setPoll] = useState(String(props.rotationPollSeconds));
  const [warn, setWarn] = useState(String(props.expiryWarnDays));
  const [stale, setStale] = useState(String(props.rotationStaleDays));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="form wide secrets-form" aria-label="Rotation settings" noValidate>
      <input type="hidden" name="workspaceId" value={props.workspaceId} />
      <div className="grid-2">
        <Field
          label="Rotation poll (seconds)"
          name="rotationPollSeconds"
          type="number"
          min={0}
          max={3600}
          required
          value={poll}
          onChange={(e) => setPoll(e.target.value)}
          errors={errors?.rotationPollSeconds}
          hint="How often Keyhold checks the versions of the secrets your connections use (metadata only, no value read). A rotated secret is used within about this long, without a refresh. 0 turns it off."
        />
        <Field
          label="Warn before expiry (days)"
          name="expiryWarnDays"
          type="number"
          min={1}
          max={365}
          required
          value={warn}
          onChange={(e) => setWarn(e.target.value)}
          errors={errors?.expiryWarnDays}
          hint="Secret health flags a secret that expires within this many days."
        />
        <Field
          label="Flag secrets not rotated for (days)"
          name="rotationStaleDays"
          type="number"
          min={1}
          max={3650}
          required
          value={stale}
          onChange={(e) => setStale(e.target.value)}
          errors={errors?.rotationStaleDays}
          hint="Secret health flags a secret whose current version is older than this."
        />
      </div>
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      {state?.ok && <Alert kind="success">{state.message}</Alert>}
      <div className="row">
        <SubmitButton pendingLabel="Saving…">Save rotation settings</SubmitButton>
      </div>
    </form>
  );
}
