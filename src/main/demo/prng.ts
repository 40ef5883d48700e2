/** mulberry32: a tiny, fast seeded PRNG; good enough for demo data, and the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rnd = () => number;

export const randInt = (rnd: Rnd, min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));

export function pick<T>(rnd: Rnd, list: readonly T[]): T {
  const v = list[Math.floor(rnd() * list.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
}

/** Picks from [value, weight] pairs. */
export function weighted<T>(rnd: Rnd, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let r = rnd() * total;
  for (const [v, w] of table) {
    r -= w;
    if (r < 0) return v;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('weighted pick from an empty table');
  return last[0];
}
