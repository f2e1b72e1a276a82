// The per-minute aggregates this instance has not written yet (docs/operations.md "Operations page"): counts
// keyed by minute, workspace and series, drained by the flusher into the MetricMinute table. Series names are
// built only from the closed label lists (labels.ts), so a row never names a secret either.

/** How a row merges with one already stored for the same minute, instance, workspace and series. */
export type MergeMode = "add" | "max";

export interface MinuteRow {
  /** The minute's start, ms since the epoch. */
  minute: number;
  /** 0 for instance-wide series. */
  workspaceId: number;
  series: string;
  count: number;
  /** Seconds, for latency series; else 0. */
  sum: number;
  mode: MergeMode;
}

export const MINUTE_MS = 60_000;

export class MinuteBuffer {
  private rows = new Map<string, MinuteRow>();
  /** Rows kept before the oldest minutes are dropped, should the database stay away for long. */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxRows = 50_000,
  ) {}

  add(workspaceId: number, series: string, count = 1, sum = 0): void {
    this.merge({ minute: this.minuteNow(), workspaceId, series, count, sum, mode: "add" });
  }

  /** A gauge sample: the minute keeps its highest value. */
  sample(workspaceId: number, series: string, value: number): void {
    this.merge({ minute: this.minuteNow(), workspaceId, series, count: value, sum: 0, mode: "max" });
  }

  /** Everything buffered, emptying the buffer; `restore` puts rows back after a failed write. */
  drain(): MinuteRow[] {
    const rows = [...this.rows.values()];
    this.rows.clear();
    return rows;
  }

  restore(rows: readonly MinuteRow[]): void {
    for (const row of rows) this.merge(row);
  }

  get size(): number {
    return this.rows.size;
  }

  private minuteNow(): number {
    const t = this.now();
    return t - (t % MINUTE_MS);
  }

  private merge(row: MinuteRow): void {
    const key = `${row.minute}|${row.workspaceId}|${row.series}`;
    const old = this.rows.get(key);
    if (old) {
      old.count = row.mode === "max" ? Math.max(old.count, row.count) : old.count + row.count;
      old.sum += row.sum;
      return;
    }
    if (this.rows.size >= this.maxRows) this.dropOldest();
    this.rows.set(key, { ...row });
  }

  private dropOldest(): void {
    const first = this.rows.keys().next();
    if (!first.done) this.rows.delete(first.value);
  }
}
