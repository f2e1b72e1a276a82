import { formatDateTime } from "./format";

/** A configuration's last test, as stored: never tested, passed or failed (with when and what). */
export function LastTest({ at, ok, summary, compact = false }: { at: string | Date | null; ok: boolean | null; summary: string | null; compact?: boolean }) {
  if (!at || ok === null) return <span className="badge">Not tested</span>;
  return (
    <span className="last-test">
      <span className={`badge ${ok ? "ok" : "fail"}`}>{ok ? "Passed" : "Failed"}</span> <span className="small muted">{formatDateTime(at)}</span>
      {!compact && summary && <span className="small last-test-summary">{summary}</span>}
    </span>
  );
}
