"use client";
// The running part of the bulk-job panel (./bulk-job-panel.tsx): it polls the job through TanStack Query with the
// browser's own query client, and loads after the page, so the page's first-load JavaScript stays in budget
// (docs/accessibility.md "Lighter pages").
import { QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { cancelBulkJobAction } from "@/lib/actions/bulk-jobs";
import { FIELD_LABELS, type CredentialFieldName } from "@/lib/connections/types";
import { bulkJobQueryOptions } from "@/lib/queries/bulk-jobs";
import { browserQueryClient } from "@/lib/queries/client";
import { BULK_JOB_LABELS, type BulkItemStatus, type BulkJobView } from "@/lib/views/bulk-jobs";

const STATUS_BADGE: Record<BulkItemStatus, [string, string]> = {
  pending: ["badge", "Waiting"],
  running: ["badge info", "Running"],
  ok: ["badge ok", "Done"],
  failed: ["badge fail", "Failed"],
  cancelled: ["badge", "Not run"],
};

export function BulkJobProgressPanel(props: { workspaceId: number; initial: BulkJobView }) {
  return (
    <QueryClientProvider client={browserQueryClient()}>
      <BulkJobProgress {...props} />
    </QueryClientProvider>
  );
}

function BulkJobProgress({ workspaceId, initial }: { workspaceId: number; initial: BulkJobView }) {
  const router = useRouter();
  const { data: job, error } = useQuery(bulkJobQueryOptions(workspaceId, initial));
  const [cancelState, cancel] = useActionState(cancelBulkJobAction, null);
  // A finished re-point changes which fields are flagged: the server-rendered parts of the page refresh once.
  const wasRunning = useRef(initial.status === "running");
  useEffect(() => {
    if (wasRunning.current && job.status !== "running") router.refresh();
    wasRunning.current = job.status === "running";
  }, [job.status, router]);
  const finished = job.done + job.failed;
  const pct = (n: number) => `${job.total ? (100 * n) / job.total : 0}%`;
  return (
    <section className="bulk-job" aria-label={`${BULK_JOB_LABELS[job.kind]} job`}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h3 style={{ margin: 0 }}>
          {BULK_JOB_LABELS[job.kind]} <JobStatus job={job} />
        </h3>
        {job.status === "running" && !job.cancelRequested && (
          <form action={cancel}>
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="jobId" value={job.id} />
            <SubmitButton pendingLabel="Cancelling…" className="btn small danger">
              Cancel
            </SubmitButton>
          </form>
        )}
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Progress"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${job.total} finished`}
      >
        <span className="progress-done" style={{ width: pct(job.done) }} />
        <span className="progress-failed" style={{ width: pct(job.failed) }} />
      </div>
      <p className="small" data-testid="job-counts">
        <strong>{job.done}</strong> done · <strong>{job.failed}</strong> failed · <strong>{job.remaining}</strong>{" "}
        {job.status === "running" ? "remaining" : "not run"} <span className="muted">of {job.total}</span>
      </p>
      {job.error && <Alert kind="error">{job.error}</Alert>}
      {error && <Alert kind="warn">{error.message}</Alert>}
      {cancelState && !cancelState.ok && <Alert kind="error">{cancelState.message}</Alert>}
      <ResultTable job={job} />
    </section>
  );
}

function JobStatus({ job }: { job: BulkJobView }) {
  if (job.status === "running") return <span className="badge info">{job.cancelRequested ? "Cancelling" : "Running"}</span>;
  if (job.status === "completed") return <span className={job.failed ? "badge warn" : "badge ok"}>Finished</span>;
  if (job.status === "cancelled") return <span className="badge">Cancelled</span>;
  return <span className="badge fail">Stopped</span>;
}

function ResultTable({ job }: { job: BulkJobView }) {
  return (
    <div className="table-wrap" style={{ maxHeight: 320, overflow: "auto" }}>
      <table className="table compact" aria-label="Job results">
        <thead>
          <tr>
            <th>Connection</th>
            {job.kind === "repoint" && <th>Field</th>}
            <th>Status</th>
            <th>Detail</th>
            <th>Time</th>
          </tr>
        </thead>
        <tbody>
          {job.items.map((item) => {
            const [cls, label] = STATUS_BADGE[item.status];
            return (
              <tr key={item.id}>
                <td>{item.label}</td>
                {job.kind === "repoint" && <td>{item.fieldName ? (FIELD_LABELS[item.fieldName as CredentialFieldName] ?? item.fieldName) : ""}</td>}
                <td>
                  <span className={cls}>{label}</span>
                </td>
                <td className="small wrap-anywhere">{item.summary ?? ""}</td>
                <td className="small muted">{item.ms === null ? "" : `${item.ms} ms`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
