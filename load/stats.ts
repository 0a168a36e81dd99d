/** Percentiles and rates of the run's samples (pure; one clock: every process's Date-based epoch ms). */

export type Distribution = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Nearest-rank percentile (p in 0–100) of sorted values; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  const round = (value: number) => (Number.isNaN(value) ? value : Math.round(value * 10) / 10);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1]! : Number.NaN),
    mean: round(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

/** The largest count of timestamps (ms) falling into any window of `bucketMs` aligned to the first one. */
export function peakPerBucket(timestamps: readonly number[], bucketMs = 1000): number {
  if (timestamps.length === 0) return 0;
  let origin = timestamps[0]!;
  for (const t of timestamps) if (t < origin) origin = t;
  const counts = new Map<number, number>();
  let peak = 0;
  for (const t of timestamps) {
    const bucket = Math.floor((t - origin) / bucketMs);
    const count = (counts.get(bucket) ?? 0) + 1;
    counts.set(bucket, count);
    if (count > peak) peak = count;
  }
  return peak;
}

/** Events per second over a span; 0 for an empty or zero-length span. */
export function ratePerSecond(count: number, spanMs: number): number {
  return spanMs > 0 ? (count * 1000) / spanMs : 0;
}
