"use client";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
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
  // Controlled, so a refused value stays on screen next to its message.
  const [ttl, setTtl] = useState(String(cacheTtlMinutes));
  const [grace, setGrace] = useState(String(outageGraceMinutes));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="form wide secrets-form" aria-label="Cache settings" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="grid-2">
        <Field
          label="Cache TTL (minutes)"
          name="cacheTtlMinutes"
          type="number"
          min={1}
          max={1440}
          required
          value={ttl}
          onChange={(e) => setTtl(e.target.value)}
          errors={errors?.cacheTtlMinutes}
          hint="How long a value fetched from your secrets manager stays in server memory before Keyhold asks again. Shorter: rotations and revocations take effect sooner; longer: fewer provider calls."
        />
        <Field
          label="Outage grace (minutes)"
          name="outageGraceMinutes"
          type="number"
          min={0}
          max={1440}
          required
          value={grace}
          onChange={(e) => setGrace(e.target.value)}
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
