/**
 * A tiny seeded PRNG: sfc32, its state filled by splitmix32. One independent stream per purpose,
 * so that changing --uses does not change the employees.
 */

export type Random = () => number;

export function seededRandom(seed: number, stream: string): Random {
  let h = 0x811c9dc5 ^ seed;
  for (const char of stream) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 0x01000193);
  let s = h >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export const below = (random: Random, n: number) => Math.floor(random() * n);
export const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)] as T;
/** Standard normal (Box–Muller). */
export const normal = (random: Random) =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/**
 * The inverse CDF of a density rising linearly over [0, 1] from `floor` to `floor + 1`: activity
 * that grows over time (more bots and uses lately). Fed increasing u, it gives increasing x.
 */
export const growing = (u: number, floor: number) => -floor + Math.sqrt(floor * floor + u * (2 * floor + 1));

/** Index of the first entry of an ascending array greater than `value` (clamped to the last). */
export function upperBound(ascending: Float64Array, value: number): number {
  let lo = 0;
  let hi = ascending.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ascending[mid] as number) > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
