// What the Operations page shows (docs/operations.md "Operations page"): charts of one workspace's per-minute
// aggregates, already bucketed and merged across instances on the server.

export type OperationsWindow = "24h" | "30d";

export interface ChartLine {
  /** Shown in the legend and the table, e.g. "cache hit" or "aws p99". */
  label: string;
  /** One value per bucket; null where there is nothing to show (no calls, so no latency). */
  values: Array<number | null>;
}

export interface Chart {
  id: string;
  title: string;
  /** The unit of the y axis, e.g. "per minute", "%", "ms". */
  unit: string;
  lines: ChartLine[];
  /** The audit log, filtered to the events behind this chart. */
  auditHref: string;
  /** Totals over the window, for the table under the chart. */
  totals?: Array<{ label: string; value: number }>;
}

export interface OperationsView {
  window: OperationsWindow;
  /** Each bucket's start, ms since the epoch. */
  buckets: number[];
  bucketMinutes: number;
  charts: Chart[];
}
