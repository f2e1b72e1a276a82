"use client";
import { useActionState } from "react";
import { completeSetupAction } from "@/lib/actions/setup";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SetupForm() {
  const [state, action] = useActionState(completeSetupAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="form" noValidate>
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      <Field label="Setup token" name="token" autoComplete="off" spellCheck={false} required autoFocus errors={errors?.token} />
      <Field label="Your name" name="name" autoComplete="name" required maxLength={100} errors={errors?.name} />
      <Field label="Email" name="email" type="email" autoComplete="username" required errors={errors?.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        errors={errors?.password}
      />
      <Field label="Confirm password" name="confirmPassword" type="password" autoComplete="new-password" required errors={errors?.confirmPassword} />
      <Field label="Workspace name" name="workspaceName" required maxLength={80} hint="You can create more workspaces later." errors={errors?.workspaceName} />
      <SubmitButton pendingLabel="Setting up…">Create owner and workspace</SubmitButton>
    </form>
  );
}
