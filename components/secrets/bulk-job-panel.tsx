"use client";
// Progress of the workspace's latest bulk job (docs/scopes.md "Progress for long work"): a bar with done /
// failed / remaining in words (not colour alone), Cancel while it runs, and the result table. It polls the job's
// rows, so a reload or another admin's browser shows the same progress. The progress part (and its query
// client) loads after the page: ./bulk-job-progress.tsx.
import dynamic from "next/dynamic";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { startRetestJobAction } from "@/lib/actions/bulk-jobs";
import type { BulkJobView } from "@/lib/views/bulk-jobs";

const BulkJobProgressPanel = dynamic(() => import("./bulk-job-progress").then((m) => m.BulkJobProgressPanel), {
  loading: () => <p className="muted">Loading the job's progress…</p>,
});

export function BulkJobSection({ workspaceId, latest }: { workspaceId: number; latest: BulkJobView | null }) {
  const [state, start] = useActionState(startRetestJobAction, null);
  return (
    <section className="card" aria-labelledby="bulk-jobs-heading">
      <div className="card-header">
        <h2 id="bulk-jobs-heading">Re-test connections</h2>
        <form action={start}>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <SubmitButton pendingLabel="Starting…" className="btn">
            Re-test all connections
          </SubmitButton>
        </form>
      </div>
      <p className="muted">
        After a scope switch or a re-point, test every connection that uses a secret reference. It runs in the background, a few at a time, each within its own
        deadline; you can leave this page and come back.
      </p>
      {state && !state.ok && <Alert kind="error">{state.message}</Alert>}
      {latest && <BulkJobProgressPanel key={latest.id} workspaceId={workspaceId} initial={latest} />}
    </section>
  );
}
