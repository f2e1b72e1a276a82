const KIND: Record<string, string> = {
  completed: "ok",
  faulted: "fail",
  cancelled: "",
  running: "info",
  pending: "",
  skipped: "",
  ok: "ok",
  failed: "fail",
  error: "fail",
  info: "info",
};

/** A run or task status as a badge; the word is always shown (not colour alone). */
export function RunStatus({ status }: { status: string }) {
  return <span className={`badge ${KIND[status] ?? ""}`}>{status}</span>;
}
