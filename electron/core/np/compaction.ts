/**
 * np_events retention: events older than the retention period of 設定 (default 13 months) lose their body — NP's
 * raw request/answer — while their outcome, HTTP status and codes stay: each is replaced by its copy without a body
 * (same id), the one change migration 010 lets through.
 * Runs in the background in small batches, each its own short transaction, so the list and a sync never wait long.
 */
import type { Database } from 'better-sqlite3';
import type { Logger } from '../app/logger';
import { NP_EVENT_KEPT_COLUMNS } from '../db/migrations/010_np_events_compaction';

export const DEFAULT_RETENTION_MONTHS = 13;
/** Events per batch (one transaction each). */
export const COMPACTION_BATCH = 2_000;
/** Pause between batches, so other work on the connection goes first. */
const BATCH_PAUSE_MS = 20;
/** After startup, before the first run (the list's first rows go first). */
const START_DELAY_MS = 15_000;
const DAILY_MS = 24 * 60 * 60 * 1000;

/** The cutoff: `now` minus `months` calendar months (UTC; a day either way does not matter for a retention). */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

export interface NpEventCompaction {
  /** Compacts one batch of events older than `cutoff`; returns how many lost their body (0 = nothing left). */
  batch(cutoff: number, size?: number): number;
  /** Every event older than `cutoff`, batch after batch (synchronously: for tests and the benchmark). */
  all(cutoff: number): number;
}

export function createNpEventCompaction(db: Database): NpEventCompaction {
  const cols = NP_EVENT_KEPT_COLUMNS.join(', ');
  // Oldest first through np_events_with_body (events are appended in time order; at < cutoff is checked all the same).
  const pick = db.prepare<[number, number]>(`INSERT INTO np_events_compaction (${cols}) SELECT ${cols} FROM np_events WHERE body IS NOT NULL AND at < ? ORDER BY id LIMIT ?`);
  // Migration 005: the delete trigger lets through the events listed in np_events_compaction, and only those.
  const remove = db.prepare('DELETE FROM np_events WHERE id IN (SELECT id FROM np_events_compaction)');
  const putBack = db.prepare(`INSERT INTO np_events (${cols}, body) SELECT ${cols}, NULL FROM np_events_compaction ORDER BY id`);
  const clearList = db.prepare('DELETE FROM np_events_compaction');
  const batch = db.transaction((cutoff: number, size: number): number => {
    const n = pick.run(cutoff, size).changes;
    if (n > 0) {
      remove.run();
      putBack.run();
    }
    clearList.run();
    return n;
  });
  return {
    batch: (cutoff, size) => batch(cutoff, size ?? COMPACTION_BATCH),
    all(cutoff) {
      let total = 0;
      for (let n = batch(cutoff, COMPACTION_BATCH); n > 0; n = batch(cutoff, COMPACTION_BATCH)) total += n;
      return total;
    },
  };
}

export interface CompactorOptions {
  db: Database;
  retentionMonths: () => number;
  now: () => number;
  log: Logger;
}

/** Runs compaction shortly after startup and then daily, batch by batch on timers; stop() before closing the db. */
export function startNpEventCompactor(opts: CompactorOptions): { stop(): void; runNow(): Promise<number> } {
  const compaction = createNpEventCompaction(opts.db);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let running: Promise<number> | null = null;

  const later = (fn: () => void, ms: number) => {
    timer = setTimeout(fn, ms);
    timer.unref?.(); // never keeps the process alive
  };

  function run(): Promise<number> {
    if (!running && timer) clearTimeout(timer);
    running ??= new Promise<number>((resolve) => {
      const cutoff = retentionCutoff(opts.now(), opts.retentionMonths());
      let total = 0;
      const step = () => {
        if (stopped) return resolve(total);
        try {
          const n = compaction.batch(cutoff);
          total += n;
          if (n > 0) {
            later(step, BATCH_PAUSE_MS);
            return;
          }
        } catch (e) {
          opts.log.warn(`np_events compaction stopped: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (total > 0) opts.log.info(`np_events compaction: ${total} event bodies older than ${new Date(cutoff).toISOString()} cleared`);
        resolve(total);
      };
      step();
    }).finally(() => {
      running = null;
      if (!stopped) later(() => void run(), DAILY_MS);
    });
    return running;
  }

  later(() => void run(), START_DELAY_MS);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    runNow: run,
  };
}
