import { describe, expect, it } from 'vitest';
import { backoffDelay, chunk, forEachConcurrently } from '../../electron/core/np/retry';

describe('backoffDelay', () => {
  const policy = { baseMs: 100, maxMs: 1000 };
  it('doubles per attempt with half of each delay random, and is capped', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(policy, a, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(policy, a, () => 0.999999))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(policy, 3)));
    expect(spread.size).toBeGreaterThan(10);
    for (const d of spread) expect(d).toBeGreaterThanOrEqual(200);
  });
});

describe('chunk / forEachConcurrently', () => {
  it('splits into batches of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it('never has more than `concurrency` calls in flight and visits every item once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5 + (n % 3) * 3));
      seen.push(n);
      inFlight--;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
