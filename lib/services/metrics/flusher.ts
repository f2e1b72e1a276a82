import "server-only";
// Writes this instance's per-minute aggregates to the MetricMinute table on an interval and prunes rows past
// the retention (docs/operations.md "Operations page"). A failed write puts the rows back for the next flush;
// the buffer is bounded, so a long database outage loses the oldest minutes, never memory.
import { hostname } from "node:os";
import { pruneMinuteRows, writeMinuteRows } from "@/lib/data/metric-minutes";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { minuteBuffer, sampleAgents } from "@/lib/metrics/record";

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export function instanceName(): string {
  return env.INSTANCE_ID ?? `${hostname()}:${process.pid}`;
}

/** One flush: samples the gauges, writes what is buffered. */
export async function flushMetrics(instance = instanceName()): Promise<number> {
  sampleAgents();
  const rows = minuteBuffer().drain();
  try {
    await writeMinuteRows(instance, rows);
    return rows.length;
  } catch (err) {
    minuteBuffer().restore(rows);
    throw err;
  }
}

export async function pruneMetrics(retentionDays = env.METRICS_RETENTION_DAYS, now = Date.now()): Promise<number> {
  return pruneMinuteRows(new Date(now - retentionDays * DAY_MS));
}

export interface MetricsFlusher {
  stop(): Promise<void>;
}

export function startMetricsFlusher(options: { intervalMs?: number; instance?: string } = {}): MetricsFlusher {
  const instance = options.instance ?? instanceName();
  let lastPrune = 0;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        await flushMetrics(instance);
        if (Date.now() - lastPrune >= PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          const pruned = await pruneMetrics();
          if (pruned > 0) log.info({ event: "metrics.pruned", rows: pruned }, "old metric aggregates pruned");
        }
      } catch (err) {
        log.warn({ event: "metrics.flush_failed", err: err instanceof Error ? err.message : String(err) }, "metric aggregates not written; retrying");
      }
    })();
  };
  const timer = setInterval(tick, options.intervalMs ?? env.METRICS_FLUSH_SECONDS * 1000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      tick();
      await running;
    },
  };
}

const globalForFlusher = globalThis as unknown as { keyholdMetricsFlusher?: MetricsFlusher };

/** This process's flusher, started once (kept across Next's dev reloads). */
export function metricsFlusher(): MetricsFlusher {
  globalForFlusher.keyholdMetricsFlusher ??= startMetricsFlusher();
  return globalForFlusher.keyholdMetricsFlusher;
}
