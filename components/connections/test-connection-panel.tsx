"use client";
// "Test connection": resolves the saved references on the server and connects for real; shows each step.
// Before the first test in this visit it shows the stored last result.
import { useActionState } from "react";
import { testConnectionAction } from "@/lib/actions/connections";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatWhen } from "./labels";
import { TestReport } from "./test-report";

export function TestConnectionPanel({
  workspaceId,
  projectId,
  connectionId,
  canTest,
  lastTest,
}: {
  workspaceId: number;
  projectId: number;
  connectionId: number;
  canTest: boolean;
  lastTest: { at: Date | null; ok: boolean | null; summary: string | null };
}) {
  const [state, action, pending] = useActionState(testConnectionAction, null);
  return (
    <section className="card" aria-labelledby="conn-test-heading">
      <div className="card-header">
        <h2 id="conn-test-heading">Test connection</h2>
        {canTest && (
          <form action={action}>
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="projectId" value={projectId} />
            <input type="hidden" name="connectionId" value={connectionId} />
            <SubmitButton pendingLabel="Testing…">Test connection</SubmitButton>
          </form>
        )}
      </div>
      <p className="muted small">
        Resolves each secret reference through the project’s active secrets configuration (or its cache), then connects to the target with the result. The saved
        configuration is tested; values are never shown.
      </p>
      {pending && (
        <p className="muted small" role="status">
          Resolving references and connecting…
        </p>
      )}
      {!pending && state?.ok && state.data && <TestReport report={state.data} />}
      {!pending && state && !state.ok && <Alert kind="error">{state.message ?? "The test could not run."}</Alert>}
      {!state && !pending && (
        <p className="conn-last-test" data-testid="last-test">
          {lastTest.at === null ? (
            <span className="muted">Not tested yet.</span>
          ) : (
            <>
              Last test {formatWhen(lastTest.at)}: {lastTest.ok ? <span className="badge ok">Passed</span> : <span className="badge fail">Failed</span>}
              {lastTest.summary && <span className="small muted"> {lastTest.summary}</span>}
            </>
          )}
        </p>
      )}
    </section>
  );
}
