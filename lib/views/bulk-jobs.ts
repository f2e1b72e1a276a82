// A bulk job as the progress panel shows it (docs/scopes.md "Progress for long work").
export type BulkJobKind = "retest" | "repoint";
export type BulkJobStatus = "running" | "completed" | "cancelled" | "failed";
export type BulkItemStatus = "pending" | "running" | "ok" | "failed" | "cancelled";

export interface BulkJobView {
  id: number;
  kind: BulkJobKind;
  status: BulkJobStatus;
  total: number;
  done: number;
  failed: number;
  /** total − done − failed: still to run, or not run after a cancel. */
  remaining: number;
  cancelRequested: boolean;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  items: Array<{ id: number; label: string; fieldName: string | null; status: BulkItemStatus; summary: string | null; ms: number | null }>;
}

export const BULK_JOB_LABELS: Record<BulkJobKind, string> = { retest: "Re-test connections", repoint: "Re-point references" };
