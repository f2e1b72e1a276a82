"use client";
import dynamic from "next/dynamic";
import { secretsChanged } from "@/lib/queries/invalidate";
import { useActionState, useEffect, useId } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { testProviderConfigAction } from "@/lib/actions/secrets-settings";
import { PROBE_FORMS } from "@/lib/secrets/contracts/test-probe";
import { LastTest } from "./last-test";
import type { ProviderSummary } from "./provider-summary";

// The report shows only after a test ran: its code loads then, not with the page (docs/accessibility.md).
const TestResult = dynamic(() => import("./test-result").then((m) => m.TestResult));

/** "Test" runs on the server through the same code path as real use, against the saved configuration. */
export function ProviderTestPanel({
  owner,
  current,
  dirty,
  onTest,
}: {
  owner: { workspaceId: number; projectId?: number };
  current: ProviderSummary | null;
  dirty: boolean;
  onTest?: () => void;
}) {
  const [state, action] = useActionState(testProviderConfigAction, null);
  const formId = useId();
  // A test that lists again is also the browser's cue to list again (e.g. after a fixed trust policy).
  useEffect(() => {
    if (state?.ok) secretsChanged(owner.workspaceId);
  }, [state, owner.workspaceId]);
  return (
    <section className="provider-test" aria-labelledby="provider-test-heading">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "flex-start" }}>
        <div>
          <h3 id="provider-test-heading" style={{ marginBottom: 4 }}>
            Test
          </h3>
          {current ? (
            <div className="small">
              Last test: <LastTest at={current.lastTestAt} ok={current.lastTestOk} summary={null} compact />
            </div>
          ) : (
            <p className="muted small" style={{ margin: 0 }}>
              Save a configuration first, then test it here.
            </p>
          )}
        </div>
        {current && (
          <form id={formId} action={action} onSubmit={onTest}>
            <input type="hidden" name="workspaceId" value={owner.workspaceId} />
            <input type="hidden" name="ownerProjectId" value={owner.projectId ?? ""} />
            <SubmitButton className="btn" pendingLabel="Testing…">
              Test configuration
            </SubmitButton>
          </form>
        )}
      </div>
      {current && <ProbeField formId={formId} form={PROBE_FORMS[current.kind]} errors={state && !state.ok ? state.fieldErrors?.probe : undefined} />}
      {current && dirty && (
        <p className="small muted" style={{ margin: "8px 0 0" }}>
          Test uses the saved configuration: save your changes first.
        </p>
      )}
      {state && (
        <div style={{ marginTop: 12 }}>
          {state.ok && state.data ? <TestResult report={state.data} /> : <Alert kind="error">{state.message ?? "The test could not run."}</Alert>}
        </div>
      )}
      {!state && current && current.lastTestOk === false && current.lastTestSummary && (
        <p className="small muted" style={{ margin: "8px 0 0" }}>
          Last failure: {current.lastTestSummary}
        </p>
      )}
    </section>
  );
}

/** One secret to read when no connection references this configuration yet (its value stays on the server). */
function ProbeField({ formId, form, errors }: { formId: string; form: string; errors?: string[] }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field" style={{ marginTop: 8 }}>
      <label htmlFor={id}>Secret to read (optional)</label>
      <input
        id={id}
        form={formId}
        name="probe"
        className="input mono"
        placeholder={form}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={hintId}
        aria-invalid={errors?.length ? true : undefined}
      />
      <span id={hintId} className="hint">
        Test reads up to 3 secrets your connections reference. When none do yet, name one here ({form}) to prove Keyhold can read it; the value stays on the
        server.
      </span>
      {errors?.map((e) => (
        <span key={e} className="error" role="alert">
          {e}
        </span>
      ))}
    </div>
  );
}
