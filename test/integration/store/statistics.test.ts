/**
 * Planner statistics (electron/core/db/statistics.ts): opening never analyzes; a bulk write refreshes them in
 * full; a store without them is analyzed in the background one index at a time, to the same statistics as a
 * full ANALYZE, after which nothing is stale. Real SQLite files.
 */
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { refreshStatistics, reloadStatistics, staleStatistics, startStatisticsKeeper, statisticsSteps } from '../../../electron/core/db/statistics';
import { createOrderRepository } from '../../../electron/core/orders';
import { generateOrders } from '../../../electron/core/demo';
import { testSession } from '../csv/helpers';
import { tempDir } from './helpers';

const tmp = tempDir();
const quiet = { info: () => undefined, warn: () => undefined };
let source: string;

/** What the planner reads: every row of sqlite_stat1 (stat4 samples too when SQLite keeps them). */
function stats(db: Database): unknown[] {
  const stat4 = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'").pluck().get() === 1;
  return [
    db.prepare("SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl NOT LIKE 'sqlite_%' ORDER BY tbl, idx").all(),
    stat4 ? db.prepare('SELECT tbl, idx, neq, nlt, ndlt, sample FROM sqlite_stat4 ORDER BY tbl, idx, sample').all() : [],
  ];
}

const hasStat1 = (db: Database) => db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'").pluck().get() === 1;
const statRows = (db: Database, table: string) => (hasStat1(db) ? (db.prepare('SELECT count(*) FROM sqlite_stat1 WHERE tbl = ?').pluck().get(table) as number) : 0);

/** `count` more generated orders, numbered from `first` (phone orders too: their T- numbers would repeat). */
const more = (count: number, first: number) => generateOrders({ seed: first, count }).map((o, i) => ({ ...o, orderNo: String(first + i) }));

/** A copy of the 3,000-order store, never analyzed. */
function copy(name: string): string {
  const file = tmp.file(name);
  const db = openDatabase(source);
  db.prepare('VACUUM INTO ?').run(file);
  db.close();
  return file;
}

beforeAll(() => {
  source = tmp.file('orders.sqlite');
  const db = openDatabase(source);
  createOrderRepository(db).insertMany(generateOrders({ seed: 11, count: 3000 }), Date.UTC(2026, 10, 1));
  db.close();
});
afterAll(() => tmp.cleanup());

describe('planner statistics', () => {
  it('opening reads and writes no statistics: it only finds the stale tables', () => {
    const db = openDatabase(copy('open.sqlite'));
    try {
      expect(statRows(db, 'orders')).toBe(0);
      expect(staleStatistics(db)).toContain('ANALYZE "main"."orders"');
      expect(statRows(db, 'orders')).toBe(0); // the dry run analyzed nothing
    } finally {
      db.close();
    }
  });

  it('refreshStatistics analyzes the stale tables in full; afterwards nothing is stale, also after reopening', () => {
    const file = copy('refresh.sqlite');
    let db = openDatabase(file);
    refreshStatistics(db);
    const indexes = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL").pluck().get() as number;
    expect(statRows(db, 'orders')).toBeGreaterThanOrEqual(indexes);
    expect(staleStatistics(db)).toEqual([]);
    db.close();
    db = openDatabase(file);
    expect(staleStatistics(db)).toEqual([]);
    db.close();
  });

  it('a few more orders leave the statistics current; ten times as many make orders stale again', () => {
    const file = copy('grown.sqlite');
    const db = openDatabase(file);
    try {
      refreshStatistics(db);
      const repo = createOrderRepository(db);
      repo.insertMany(more(100, 20001), Date.UTC(2026, 10, 2));
      expect(staleStatistics(db)).toEqual([]);
      repo.insertMany(more(30_000, 30001), Date.UTC(2026, 10, 3));
      expect(staleStatistics(db)).toContain('ANALYZE "main"."orders"');
    } finally {
      db.close();
    }
  });

  it('the steps analyze one index at a time, to the same statistics as ANALYZE of each stale table', () => {
    const full = openDatabase(copy('full.sqlite'));
    const stepped = openDatabase(copy('stepped.sqlite'));
    try {
      for (const statement of staleStatistics(full)) full.exec(statement); // what PRAGMA optimize would run
      const steps = statisticsSteps(stepped);
      expect(steps.length).toBeGreaterThan(5);
      expect(steps.every((s) => /^ANALYZE "[^"]+"$/u.test(s))).toBe(true);
      expect(steps).toContain('ANALYZE "orders_ordered_at"');
      for (const s of steps) stepped.exec(s);
      expect(stats(stepped)).toEqual(stats(full));
      expect(staleStatistics(stepped)).toEqual([]);
    } finally {
      full.close();
      stepped.close();
    }
  });

  it('the session keeper analyzes a store without statistics in the background, and does nothing on a current one', async () => {
    const file = copy('keeper.sqlite');
    let db = openDatabase(file);
    const keeper = startStatisticsKeeper({ db, log: quiet, startDelayMs: 60_000, pauseMs: 0 });
    expect(statRows(db, 'orders')).toBe(0); // not at start: after a delay
    expect(await keeper.runNow()).toBeGreaterThan(5);
    keeper.stop();
    expect(statRows(db, 'orders')).toBeGreaterThan(5);
    expect(staleStatistics(db)).toEqual([]);
    db.close();

    db = openDatabase(file);
    const again = startStatisticsKeeper({ db, log: quiet, pauseMs: 0 });
    expect(await again.runNow()).toBe(0);
    again.stop();
    db.close();
  });

  it('a stopped keeper takes no further step', async () => {
    const db = openDatabase(copy('stopped.sqlite'));
    try {
      const keeper = startStatisticsKeeper({ db, log: quiet, startDelayMs: 60_000, pauseMs: 1000 });
      const run = keeper.runNow();
      keeper.stop();
      expect(await run).toBe(1); // the first step ran at once; the rest were waiting for the pause
      expect(staleStatistics(db)).toContain('ANALYZE "main"."orders"');
    } finally {
      db.close();
    }
  });
});

describe('statistics written by another connection (the CSV import worker)', () => {
  it('reach the app connection once it reloads them', () => {
    const file = copy('two.sqlite');
    const app = openDatabase(file);
    refreshStatistics(app);
    const worker = openDatabase(file);
    try {
      // A large import in batches too small for a bulk insert: a bulk insert rebuilds indexes, and a schema change
      // makes every connection reload its statistics anyway (tested below).
      const workerRepo = createOrderRepository(worker);
      for (let first = 40001; first < 70001; first += 3_000) workerRepo.insertMany(more(3_000, first), Date.UTC(2026, 10, 4));
      refreshStatistics(worker);
      expect(staleStatistics(worker)).toEqual([]);
      expect(staleStatistics(app)).toContain('ANALYZE "main"."orders"'); // still planning with 3,000 orders
      reloadStatistics(app);
      expect(staleStatistics(app)).toEqual([]);
    } finally {
      worker.close();
      app.close();
    }
  });
});

describe('a bulk insert on another connection (indexes built again)', () => {
  it('changes the schema, so the app connection reads the new statistics without being told', () => {
    const file = copy('bulk.sqlite');
    const app = openDatabase(file);
    refreshStatistics(app);
    const worker = openDatabase(file);
    try {
      createOrderRepository(worker).insertMany(more(30_000, 40001), Date.UTC(2026, 10, 4)); // 30,000 into 3,000
      refreshStatistics(worker);
      expect(staleStatistics(app)).toEqual([]);
    } finally {
      worker.close();
      app.close();
    }
  });
});

describe('the session', () => {
  it('opens a store without statistics at once, leaves the analysis to the background keeper, and stops it on close', async () => {
    const file = copy('session.sqlite');
    const session = testSession(file);
    expect(statRows(session.db, 'orders')).toBe(0); // nothing analyzed while opening
    expect(staleStatistics(session.db)).toContain('ANALYZE "main"."orders"');
    await session.close(); // the keeper's timer (10 s) is cleared: the test ends without waiting for it
    const db = openDatabase(file);
    expect(statRows(db, 'orders')).toBe(0);
    db.close();
  });
});
