/**
 * The query planner's statistics (sqlite_stat1 / sqlite_stat4), kept current without ever making opening wait.
 *
 * With them SQLite knows which search filter keeps few rows and picks that index (orders/search-sql.ts); without
 * them, or with statistics sampled under `analysis_limit`, it mis-plans some counts at 1,000,000 orders. A full
 * ANALYZE of a million orders takes seconds, so it is never run while opening (docs/benchmarks.md, issue 18):
 * - after a bulk write (the CSV import's commit, the demo seed, the benchmark's insert) `refreshStatistics`
 *   analyzes, in full and one index at a time, the tables that changed enough for SQLite to ask for it (usually
 *   none); when that ran on
 *   another connection (the import's worker), the app's connection calls `reloadStatistics`;
 * - opening only asks SQLite which tables would need it (`staleStatistics`, a dry run that reads no rows);
 * - a store whose statistics are missing or stale (upgraded from an old version, written by a crashed import)
 *   is analyzed in the background by `startStatisticsKeeper`, one index at a time with pauses between, so the
 *   list and every call answer meanwhile.
 */
import type { Database } from 'better-sqlite3';

/**
 * PRAGMA optimize's mask as a dry run (0x01: the ANALYZE statements it would run, nothing read or written):
 * every table whose size changed a lot since its last analysis or that has none (0x02, and 0x10000: all tables,
 * not only those this connection has used). The statements are then run without a temporary analysis_limit (no
 * 0x10): sampled statistics mis-plan counts at a million orders.
 */
const OPTIMIZE_DRY_RUN = 0x10003;
/** Pause between two background steps: the app's calls run in between. */
const STEP_PAUSE_MS = 50;
/** The first background step waits for the launch (first rows, the launch sync's start) to pass. */
const START_DELAY_MS = 10_000;

/**
 * Another connection (the CSV import's worker) refreshed the statistics: this connection reads them again. SQLite
 * loads them with the schema, and a later ANALYZE elsewhere does not make other connections reload it.
 */
export function reloadStatistics(db: Database): void {
  db.exec('ANALYZE sqlite_schema');
}

/** `ANALYZE "main"."orders"` → the table name, or null for anything else. */
function tableOf(statement: string): string | null {
  const m = /^ANALYZE\s+(?:"[^"]*"\.)?"((?:[^"]|"")*)"\s*;?$/i.exec(statement.trim());
  return m ? (m[1] as string).replaceAll('""', '"') : null;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The ANALYZE statements PRAGMA optimize would run now (empty: the statistics are current). Empty tables are left
 * out: ANALYZE records nothing for them, so SQLite would ask again at every start.
 */
export function staleStatistics(db: Database): string[] {
  return (db.pragma(`optimize = ${OPTIMIZE_DRY_RUN}`) as Record<string, unknown>[])
    .map((row) => String(Object.values(row)[0]))
    .filter((statement) => {
      const table = tableOf(statement);
      return table === null || db.prepare(`SELECT 1 FROM ${quote(table)} LIMIT 1`).get() !== undefined;
    });
}

/**
 * The stale statistics as small steps: one ANALYZE per index of each stale table (each a short transaction),
 * or the table itself when it has no index.
 */
export function statisticsSteps(db: Database): string[] {
  return staleStatistics(db).flatMap((statement) => {
    const table = tableOf(statement);
    if (table === null) return [statement];
    const indexes = db.prepare('SELECT name FROM pragma_index_list(?)').pluck().all(table) as string[];
    return indexes.length > 0 ? indexes.map((index) => `ANALYZE ${quote(index)}`) : [`ANALYZE ${quote(table)}`];
  });
}

/**
 * After a bulk write: brings the planner statistics up to date where SQLite finds them stale (a no-op when they
 * are current), in full, one index per transaction — so another connection's write waits at most for one index
 * (under a second at a million orders), never for the whole analysis. This connection plans with them at once.
 * Synchronous, in the caller's thread: seconds after a million new orders, nothing after a hundred.
 */
export function refreshStatistics(db: Database): void {
  for (const statement of statisticsSteps(db)) db.exec(statement);
}

export interface StatisticsKeeperOptions {
  db: Database;
  log: { info(message: string): void; warn(message: string): void };
  /** Milliseconds before the first step (default 10 s: after the launch's first rows). */
  startDelayMs?: number;
  /** Milliseconds between steps (default 50). */
  pauseMs?: number;
}

export interface StatisticsKeeper {
  stop(): void;
  /** Runs every step now (tests, and before closing after a bulk write); resolves with the number of steps. */
  runNow(): Promise<number>;
}

/**
 * Analyzes, in the background, what opening found stale: one index per step, a pause between steps. Does
 * nothing (no timer) when the statistics are current, which is the usual case.
 */
export function startStatisticsKeeper(opts: StatisticsKeeperOptions): StatisticsKeeper {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<number> | null = null;
  /** The step waiting for its pause: stop() lets it end the run. */
  let waiting: (() => void) | null = null;
  const later = (fn: () => void, ms: number) => {
    waiting = fn;
    timer = setTimeout(() => {
      waiting = null;
      fn();
    }, ms);
    timer.unref?.(); // never keeps the process alive
  };

  function run(): Promise<number> {
    if (!running && timer) clearTimeout(timer);
    running ??= new Promise<number>((resolve) => {
      let steps: string[];
      try {
        steps = statisticsSteps(opts.db);
      } catch (e) {
        opts.log.warn(`planner statistics not refreshed: ${e instanceof Error ? e.message : String(e)}`);
        return resolve(0);
      }
      const started = performance.now();
      let done = 0;
      const step = () => {
        if (stopped) return resolve(done);
        const statement = steps[done];
        if (statement === undefined) {
          if (done > 0) {
            reloadStatistics(opts.db); // this connection plans with the new statistics from now on
            opts.log.info(`planner statistics refreshed in the background: ${done} steps, ${Math.round(performance.now() - started)} ms`);
          }
          return resolve(done);
        }
        try {
          opts.db.exec(statement);
        } catch (e) {
          opts.log.warn(`planner statistics: ${statement} failed: ${e instanceof Error ? e.message : String(e)}`);
          return resolve(done);
        }
        done++;
        later(step, opts.pauseMs ?? STEP_PAUSE_MS);
      };
      step();
    }).finally(() => {
      running = null;
    });
    return running;
  }

  if (staleStatistics(opts.db).length > 0) later(() => void run(), opts.startDelayMs ?? START_DELAY_MS);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const step = waiting;
      waiting = null;
      step?.(); // a run in progress ends here, with the steps it took
    },
    runNow: run,
  };
}
