"use client";
// "Test connection" and "Refresh": both resolve the saved references on the server and connect for real, and
// show each step. Refresh first drops this connection's cached secrets (as the refresh API does), for after a
// rotation. A failed test that used cached values says so and offers Refresh. Before the first run in this
// visit it shows the stored last result.
import { useActionState, useState } from "react";
import { refreshConnectionAction, testConnectionAction } from "@/lib/actions/connections";
import type { ConnectionTestReport } from "@/lib/views/connections";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatWhen } from "./labels";
import { TestReport } from "./test-report";

interface Ids {
  workspaceId: number;
  projectId: number;
  connectionId: number;
}

export function TestConnectionPanel({
  canTest,
  lastTest,
  ...ids
}: Ids & {
  canTest: boolean;
  lastTest: { at: Date | null; ok: boolean | null; summary: string | null };
}) {
  const [testState, testAction, testPending] = useActionState(testConnectionAction, null);
  const [refreshState, refreshAction, refreshPending] = useActionState(refreshConnectionAction, null);
  const [latest, setLatest] = useState<"test" | "refresh">("test");
  const pending = testPending || refreshPending;
  const state = latest === "refresh" ? refreshState : testState;
  const report = state?.ok ? state.data : undefined;
  return (
    <section className="card" aria-labelledby="conn-test-heading">
      <div className="card-header">
        <h2 id="conn-test-heading">Test connection</h2>
        {canTest && (
          <div className="row">
            <RunForm ids={ids} action={refreshAction} onRun={() => setLatest("refresh")} pendingLabel="Refreshing…" label="Refresh" className="btn" />
            <RunForm ids={ids} action={testAction} onRun={() => setLatest("test")} pendingLabel="Testing…" label="Test connection" />
          </div>
        )}
      </div>
      <p className="muted small">
        Resolves each secret reference through the project’s active secrets configuration (or its cache), then connects to the target with the result. The saved
        configuration is tested; values are never shown. Refresh drops this connection’s cached secrets first, so a rotated secret is fetched again.
      </p>
      {pending && (
        <p className="muted small" role="status">
          {refreshPending ? "Dropping cached secrets, resolving references and connecting…" : "Resolving references and connecting…"}
        </p>
      )}
      {!pending && latest === "refresh" && refreshState?.ok && refreshState.message && <Alert kind="info">{refreshState.message}</Alert>}
      {!pending && report && <TestReport report={report} />}
      {!pending && report && canTest && usedCachedValues(report) && (
        <div className="alert warn" role="note" aria-label="Cached values used">
          This test used cached secret values. If a secret was rotated since it was cached, Keyhold still holds the old value until the cache expires.
          <RunForm ids={ids} action={refreshAction} onRun={() => setLatest("refresh")} pendingLabel="Refreshing…" label="Refresh and test again" />
        </div>
      )}
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

/** A failed test whose references resolved from memory: the target may have refused a value rotated since. */
function usedCachedValues(report: ConnectionTestReport): boolean {
  return !report.ok && report.references.some((r) => r.ok && (r.source === "cache" || r.source === "stale"));
}

function RunForm({
  ids,
  action,
  onRun,
  label,
  pendingLabel,
  className,
}: {
  ids: Ids;
  action: (form: FormData) => void;
  onRun: () => void;
  label: string;
  pendingLabel: string;
  className?: string;
}) {
  return (
    <form action={action} onSubmit={onRun}>
      <input type="hidden" name="workspaceId" value={ids.workspaceId} />
      <input type="hidden" name="projectId" value={ids.projectId} />
      <input type="hidden" name="connectionId" value={ids.connectionId} />
      <SubmitButton pendingLabel={pendingLabel} className={className}>
        {label}
      </SubmitButton>
    </form>
  );
}
