/** A small seeded PRNG (mulberry32) with the helpers the demo generator needs. Same seed, same sequence. */
export interface Random {
  /** [0, 1) */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Pick by weight: [[value, weight], …]. */
  weighted<T>(table: readonly (readonly [T, number])[]): T;
  /** n digits as text (leading zeros allowed). */
  digits(n: number): string;
}

export function createRandom(seed: number): Random {
  let a = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    weighted: <T>(table: readonly (readonly [T, number])[]): T => {
      const sum = table.reduce((s, [, w]) => s + w, 0);
      let r = next() * sum;
      for (const [value, w] of table) {
        r -= w;
        if (r < 0) return value;
      }
      const last = table[table.length - 1];
      if (!last) throw new Error('weighted pick from an empty table');
      return last[0];
    },
    digits: (n) => Array.from({ length: n }, () => String(int(0, 9))).join(''),
  };
}
