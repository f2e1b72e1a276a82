"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { NumberField } from "@/components/ui/number-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateRotationSettingsAction } from "@/lib/actions/secrets-settings";

export function RotationSettingsForm(props: { workspaceId: number; rotationPollSeconds: number; expiryWarnDays: number; rotationStaleDays: number }) {
  const [state, action] = useActionState(updateRotationSettingsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="form wide secrets-form" aria-label="Rotation settings" noValidate>
      <input type="hidden" name="workspaceId" value={props.workspaceId} />
      <div className="grid-2">
        <NumberField
          label="Rotation poll (seconds)"
          name="rotationPollSeconds"
          min={0}
          max={3600}
          initial={props.rotationPollSeconds}
          errors={errors?.rotationPollSeconds}
          hint="How often Keyhold checks the versions of the secrets your connections use (metadata only, no value read). A rotated secret is used within about this long, without a refresh. 0 turns it off."
        />
        <NumberField
          label="Warn before expiry (days)"
          name="expiryWarnDays"
          min={1}
          max={365}
          initial={props.expiryWarnDays}
          errors={errors?.expiryWarnDays}
          hint="Secret health flags a secret that expires within this many days."
        />
        <NumberField
          label="Flag secrets not rotated for (days)"
          name="rotationStaleDays"
          min={1}
          max={3650}
          initial={props.rotationStaleDays}
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
