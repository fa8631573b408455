/** min / median / max of a series of runs, and the runs themselves. */
export interface Summary {
  min: number;
  median: number;
  max: number;
  runs: number[];
}

/**
 * Summarises the values of N runs (the median of an even count is the mean of the middle two).
 *
 * @example
 * ```ts
 * summarize([3, 1, 2]); // { min: 1, median: 2, max: 3, runs: [3, 1, 2] }
 * ```
 */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN, runs: [] };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]!, runs: [...values] };
}
