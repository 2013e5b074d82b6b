/** Nearest-rank percentile: a value that was actually measured, never an interpolation between two. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
}

export function summarize(values: readonly number[]): Summary {
  return { n: values.length, median: round(percentile(values, 50)), p95: round(percentile(values, 95)) };
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function ratio(value: number, baseline: number): number {
  return round(value / baseline, 2);
}
