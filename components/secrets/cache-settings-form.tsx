"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { NumberField } from "@/components/ui/number-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateCacheSettingsAction } from "@/lib/actions/secrets-settings";

export function CacheSettingsForm({
  workspaceId,
  cacheTtlMinutes,
  outageGraceMinutes,
}: {
  workspaceId: number;
  cacheTtlMinutes: number;
  outageGraceMinutes: number;
}) {
  const [state, action] = useActionState(updateCacheSettingsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="form wide secrets-form" aria-label="Cache settings" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="grid-2">
        <NumberField
          label="Cache TTL (minutes)"
          name="cacheTtlMinutes"
          min={1}
          max={1440}
          initial={cacheTtlMinutes}
          errors={errors?.cacheTtlMinutes}
          hint="How long a value fetched from your secrets manager stays in server memory before Keyhold asks again. Shorter: rotations and revocations take effect sooner; longer: fewer provider calls."
        />
        <NumberField
          label="Outage grace (minutes)"
          name="outageGraceMinutes"
          min={0}
          max={1440}
          initial={outageGraceMinutes}
          errors={errors?.outageGraceMinutes}
          hint="If the provider is unavailable (timeout, 5xx, throttling) once a value expired, the last good value may serve this much longer and the connection shows as degraded. Access denied or not found never does. 0 disables it."
        />
      </div>
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      {state?.ok && <Alert kind="success">{state.message}</Alert>}
      <div className="row">
        <SubmitButton pendingLabel="Saving…">Save cache settings</SubmitButton>
      </div>
    </form>
  );
}
