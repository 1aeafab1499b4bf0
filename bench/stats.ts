/**
 * Exact statistics for benchmark samples: no histograms, no interpolation. Every figure is a
 * value that was actually measured, so a p99 can be traced back to one real request.
 */

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** A sorted copy (ascending, numeric) of the samples; the input is left untouched. */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The p-th percentile (0 < p ≤ 100) of an ascending array, by the nearest-rank method: the
 * smallest sample such that at least p % of all samples are ≤ it. NaN for an empty array.
 */
export function percentile(ascending: ArrayLike<number>, p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const n = ascending.length;
  if (n === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * n);
  return ascending[Math.min(n, Math.max(1, rank)) - 1] as number;
}

/** Count, min, mean, p50, p95, p99 and max of unsorted samples. */
export function summarize(values: ArrayLike<number>): Summary {
  const s = sorted(values);
  const n = s.length;
  let total = 0;
  for (const v of s) total += v;
  return {
    count: n,
    min: n ? (s[0] as number) : Number.NaN,
    mean: n ? total / n : Number.NaN,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: n ? (s[n - 1] as number) : Number.NaN,
  };
}

/** Joins several sample arrays into one (for aggregating rounds). */
export function concat(parts: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A number for a table cell: fixed decimals, "-" when not measured. */
export function fmt(value: number, decimals = 1): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '-';
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
