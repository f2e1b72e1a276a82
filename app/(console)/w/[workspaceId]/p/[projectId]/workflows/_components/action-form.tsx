"use client";
// One form shell for the workflow pages: posts to a project action, shows its message and field errors (each
// problem of a definition on its own line, with line and column), and optionally navigates on success.
import { useActionState, useEffect, useId } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import type { FormAction } from "@/lib/actions/safe-action";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

interface Props<R> {
  action: FormAction<R>;
  hidden: Record<string, string | number>;
  submit: string;
  pendingLabel?: string;
  /** Where to go after success, from the result's data. */
  next?: (data: R | undefined) => string | null;
  children: React.ReactNode | ((state: ActionResult<R> | null) => React.ReactNode);
}

export function ActionForm<R>({ action, hidden, submit, pendingLabel, next, children }: Props<R>) {
  const [state, dispatch] = useActionState(action, null);
  const router = useRouter();
  const errorsId = useId();
  useEffect(() => {
    if (state?.ok && next) {
      const href = next(state.data);
      if (href) router.push(href);
    }
  }, [state, next, router]);
  const problems = state && !state.ok ? Object.entries(state.fieldErrors ?? {}) : [];
  const warnings = state?.ok && state.data && typeof state.data === "object" && "warnings" in state.data ? (state.data.warnings as string[]) : [];
  return (
    <form action={dispatch} className="form" aria-describedby={problems.length ? errorsId : undefined}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {state?.message && <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert>}
      {problems.length > 0 && (
        <ul id={errorsId} className="error small" aria-label="Problems">
          {problems.flatMap(([field, messages]) => (messages ?? []).map((m) => <li key={`${field}-${m}`}>{m}</li>))}
        </ul>
      )}
      {warnings.length > 0 && (
        <Alert kind="warn">
          <ul className="small">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
      )}
      {typeof children === "function" ? children(state) : children}
      <div className="actions">
        <SubmitButton pendingLabel={pendingLabel}>{submit}</SubmitButton>
      </div>
    </form>
  );
}
