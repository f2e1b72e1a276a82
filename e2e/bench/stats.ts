// Small statistics for the benchmark: nearest-rank percentiles and millisecond formatting.

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function ratio(measured: number, baseline: number): number {
  return baseline > 0 ? measured / baseline : Number.POSITIVE_INFINITY;
}

export const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a");

export const int = (n: number) => n.toLocaleString("en-US");

export const sleep = (msDelay: number) => new Promise<void>((resolve) => setTimeout(resolve, msDelay));
