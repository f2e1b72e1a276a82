"use client";
import { useActionState } from "react";
import { signInAction } from "@/lib/actions/auth";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignInForm() {
  const [state, action] = useActionState(signInAction, null);
  return (
    <form action={action} className="form" noValidate>
      {state && !state.ok && state.message && <Alert kind="error">{state.message}</Alert>}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        errors={state && !state.ok ? state.fieldErrors?.email : undefined}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state && !state.ok ? state.fieldErrors?.password : undefined}
      />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
