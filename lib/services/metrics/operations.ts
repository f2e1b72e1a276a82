import "server-only";
// The Operations page's charts from the per-minute aggregates (docs/operations.md "Operations page"): 24 hours
// in 10-minute buckets or 30 days in 6-hour buckets, summed across instances, counts shown per minute.
import type { WorkspaceActor } from "@/lib/auth/actor";
import { readWorkspaceSeries, type SeriesPoint } from "@/lib/data/metric-minutes";
import { CHECK_KINDS, CHECK_OUTCOMES, PROVIDER_OUTCOMES, PROVIDERS, RESOLUTION_OUTCOMES, RUN_OUTCOMES } from "@/lib/metrics/labels";
import { quantileFromBuckets, SERIES } from "@/lib/metrics/series";
import type { Chart, ChartLine, OperationsView, OperationsWindow } from "@/lib/views/operations";

const WINDOWS: Record<OperationsWindow, { minutes: number; bucketMinutes: number }> = {
  "24h": { minutes: 24 * 60, bucketMinutes: 10 },
  "30d": { minutes: 30 * 24 * 60, bucketMinutes: 6 * 60 },
};
const MINUTE = 60_000;

export async function operationsView(actor: WorkspaceActor, window: OperationsWindow, now = Date.now()): Promise<OperationsView> {
  const { minutes, bucketMinutes } = WINDOWS[window];
  const size = bucketMinutes * MINUTE;
  const end = Math.floor(now / size) * size + size;
  const start = end - minutes * MINUTE;
  const points = await readWorkspaceSeries(actor, new Date(start));
  const count = minutes / bucketMinutes;
  return {
    window,
    buckets: Array.from({ length: count }, (_, i) => start + i * size),
    bucketMinutes,
    charts: buildCharts(points, { start, size, count }, actor.workspaceId),
  };
}

/** The points of each series, bucketed. */
class Grid {
  private bySeries = new Map<string, number[]>();
  readonly perMinute: number;

  constructor(
    points: readonly SeriesPoint[],
    private readonly g: { start: number; size: number; count: number },
  ) {
    this.perMinute = g.size / MINUTE;
    for (const p of points) {
      const i = Math.floor((p.minute.getTime() - g.start) / g.size);
      if (i < 0 || i >= g.count) continue;
      const arr = this.bySeries.get(p.series) ?? new Array<number>(g.count).fill(0);
      arr[i] = (arr[i] ?? 0) + p.count;
      this.bySeries.set(p.series, arr);
    }
  }

  counts(series: string): number[] {
    return this.bySeries.get(series) ?? new Array<number>(this.g.count).fill(0);
  }

  rate(series: string): ChartLine["values"] {
    return this.counts(series).map((c) => round(c / this.perMinute));
  }

  total(series: string): number {
    return this.counts(series).reduce((a, b) => a + b, 0);
  }

  /** The q-quantile of a provider's latency per bucket, in ms, from the merged bucket counts. */
  latency(provider: (typeof PROVIDERS)[number], q: number): ChartLine["values"] {
    const prefix = `latency.${provider}.`;
    const mine = [...this.bySeries].filter(([s]) => s.startsWith(prefix)).map(([s, arr]) => [Number(s.slice(prefix.length)), arr] as const);
    return Array.from({ length: this.g.count }, (_, i) => {
      const v = quantileFromBuckets(new Map(mine.map(([b, arr]) => [b, arr[i] ?? 0])), q);
      return v === null ? null : round(v * 1000);
    });
  }

  hasPrefix(prefix: string): boolean {
    return [...this.bySeries.keys()].some((s) => s.startsWith(prefix));
  }
}

interface Named {
  label: string;
  series: string;
}

function countChart(grid: Grid, base: Omit<Chart, "lines" | "totals" | "unit">, named: Named[]): Chart {
  const present = named.filter((n) => grid.total(n.series) > 0);
  return {
    ...base,
    unit: "per minute",
    lines: present.map((n) => ({ label: n.label, values: grid.rate(n.series) })),
    totals: present.map((n) => ({ label: n.label, value: grid.total(n.series) })),
  };
}

/** Pure: the charts from summed points (exported for tests). */
export function buildCharts(points: readonly SeriesPoint[], g: { start: number; size: number; count: number }, workspaceId: number): Chart[] {
  const grid = new Grid(points, g);
  const audit = (action: string) => `/w/${workspaceId}/audit?action=${encodeURIComponent(action)}`;
  const resolutions = RESOLUTION_OUTCOMES.map((o) => ({ label: o.replace("_", " "), series: SERIES.resolution(o) }));
  const hitRatio = Array.from({ length: g.count }, (_, i) => {
    const all = resolutions.reduce((a, r) => a + (grid.counts(r.series)[i] ?? 0), 0);
    return all === 0 ? null : round(((grid.counts(SERIES.resolution("cache_hit"))[i] ?? 0) / all) * 100);
  });
  const providers = PROVIDERS.filter((p) => grid.hasPrefix(`latency.${p}.`));
  const errors = PROVIDERS.flatMap((p) => PROVIDER_OUTCOMES.filter((o) => o !== "ok").map((o) => ({ label: `${p} ${o}`, series: SERIES.providerCall(p, o) })));
  const checks = CHECK_KINDS.flatMap((k) => CHECK_OUTCOMES.map((o) => ({ label: `${k} ${o}`, series: SERIES.check(k, o) })));
  const runs = RUN_OUTCOMES.map((o) => ({ label: o, series: SERIES.run(o) }));
  const agents =
    grid.total(SERIES.agentsConnected) > 0 ? [{ label: "connected", values: grid.counts(SERIES.agentsConnected).map((c) => round(c / grid.perMinute)) }] : [];
  return [
    countChart(grid, { id: "resolutions", title: "Resolutions", auditHref: audit("connection.") }, resolutions),
    {
      id: "hit-ratio",
      title: "Cache hit ratio",
      unit: "%",
      lines: hitRatio.some((v) => v !== null) ? [{ label: "hit ratio", values: hitRatio }] : [],
      auditHref: audit("secrets.cache"),
    },
    {
      id: "latency",
      title: "Provider latency (p50, p99)",
      unit: "ms",
      lines: providers.flatMap((p) => [
        { label: `${p} p50`, values: grid.latency(p, 0.5) },
        { label: `${p} p99`, values: grid.latency(p, 0.99) },
      ]),
      auditHref: audit("secrets.provider"),
    },
    countChart(grid, { id: "provider-errors", title: "Provider errors by kind", auditHref: audit("secrets.provider") }, errors),
    countChart(grid, { id: "checks", title: "Connection tests and refreshes", auditHref: audit("connection.tested") }, checks),
    countChart(grid, { id: "runs", title: "Workflow runs", auditHref: audit("workflow.run") }, runs),
    { id: "agents", title: "Agents connected", unit: "agents", lines: agents, auditHref: audit("agent") },
  ];
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
