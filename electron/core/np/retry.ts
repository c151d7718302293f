/** Backoff with jitter, and a small concurrency pool. */

export interface BackoffPolicy {
  /** Attempts per request within one sync run (1 = no retry). */
  attempts: number;
  /** First delay; doubles with each attempt. */
  baseMs: number;
  /** Upper bound of one delay. */
  maxMs: number;
}

/** Default in-run retry: 4 attempts, 0.5 s → 1 s → 2 s (each with jitter). */
export const DEFAULT_RETRY: BackoffPolicy = { attempts: 4, baseMs: 500, maxMs: 8000 };

/** Default spacing of a deferred action's next attempt (respected by timer runs): 30 s doubling up to 30 min. */
export const DEFAULT_DEFER: Omit<BackoffPolicy, 'attempts'> = { baseMs: 30_000, maxMs: 30 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the capped delay is fixed, the other half random, so retries of
 * many clients spread out while each still waits a meaningful time. `attempt` starts at 1.
 */
export function backoffDelay(policy: Omit<BackoffPolicy, 'attempts'>, attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Run fn over items with at most `concurrency` calls in flight; resolves when all are done. */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
