/**
 * The one participation rate (docs/metrics.md, "participation %"): builders / headcount — and with
 * the same rule qualified / headcount and each funnel stage / its group — to the nearest whole
 * percent, or null for an empty group. Every surface shows, charts, compares and ranks this value,
 * so a figure never reads 33% in one place and 33.3% or 34% in another, and a change in points is
 * the difference of the two figures shown beside it.
 */
export function participationRate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}

/**
 * The change in percentage points between two rates, each rounded as shown first (so "30% (+10)"
 * always adds up); null when either group is empty.
 */
export function participationChange(
  now: { part: number; whole: number },
  before: { part: number; whole: number },
): number | null {
  const a = participationRate(now.part, now.whole);
  const b = participationRate(before.part, before.whole);
  return a === null || b === null ? null : a - b;
}
