"use client";
import { useActionState } from "react";
import { changePasswordAction } from "@/lib/actions/auth";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

export function ChangePasswordForm({ oneTime }: { oneTime: boolean }) {
  const [state, action] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="form" noValidate>
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      <Field
        label={oneTime ? "One-time password" : "Current password"}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={errors?.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        errors={errors?.newPassword}
      />
      <Field label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" required errors={errors?.confirmPassword} />
      <SubmitButton pendingLabel="Saving…">{oneTime ? "Set password and continue" : "Change password"}</SubmitButton>
    </form>
  );
}
