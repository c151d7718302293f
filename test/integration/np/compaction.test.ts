/**
 * np_events retention (migration 010 + electron/core/np/compaction.ts): events older than the retention period lose
 * their body and keep everything else (same ids); newer ones are untouched; the pages they used are given back;
 * any update or delete outside compaction is still refused; the background compactor follows the 設定 value; a
 * version-4 file with events migrates.
 */
import type { Database } from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { createNpEventCompaction, retentionCutoff, startNpEventCompactor } from '../../../electron/core/np/compaction';
import { silentLogger } from '../../../electron/core/app/logger';
import { tempDir } from '../store/helpers';

const tmp = tempDir('atobarai-compaction-');
afterAll(() => tmp.cleanup());

const NOW = Date.UTC(2026, 10, 30, 3, 0, 0);
const MONTH = 30 * 24 * 3600 * 1000;
const BODY = JSON.stringify({ results: [{ np_transaction_id: '26000000001', authori_result: '00', detail: 'x'.repeat(400) }] });

/** Events of one order a month apart, oldest first: returns their ages in months. */
function addEvents(db: Database, months: number[]): void {
  const insert = db.prepare(
    "INSERT INTO np_events (at, order_id, kind, action, endpoint, np_transaction_id, http_status, outcome, codes, body) VALUES (?, 1, 'response', 'register', '/transactions', '26000000001', 200, 'ok', ?, ?)",
  );
  for (const age of months) insert.run(NOW - age * MONTH, JSON.stringify(age % 2 ? ['E0100002'] : []), BODY);
}

const rows = (db: Database) => db.prepare('SELECT * FROM np_events ORDER BY id').all() as Record<string, unknown>[];

describe('np_events compaction', () => {
  it('clears the bodies of events older than the cutoff, keeps the rest of them, leaves newer events alone', () => {
    const db = openDatabase(tmp.file('compact.sqlite'));
    addEvents(db, [30, 20, 14, 13.5, 12, 6, 1, 0]);
    const before = rows(db);
    const cleared = createNpEventCompaction(db).all(retentionCutoff(NOW, 13));
    expect(cleared).toBe(4);
    const after = rows(db);
    after.forEach((row, i) => {
      const old = (NOW - (row.at as number)) / MONTH > 13.1;
      expect(row, `event ${i}`).toEqual({ ...before[i], body: old ? null : BODY });
    });
    // Nothing left to do: a second run clears nothing.
    expect(createNpEventCompaction(db).all(retentionCutoff(NOW, 13))).toBe(0);
    db.close();
  });

  it('works in batches, oldest first', () => {
    const db = openDatabase(tmp.file('batches.sqlite'));
    addEvents(db, [40, 39, 38, 37, 36, 1]);
    const compaction = createNpEventCompaction(db);
    expect(compaction.batch(retentionCutoff(NOW, 13), 2)).toBe(2);
    expect(rows(db).map((r) => r.body === null)).toEqual([true, true, false, false, false, false]);
    expect(compaction.batch(retentionCutoff(NOW, 13), 10)).toBe(3);
    expect(compaction.batch(retentionCutoff(NOW, 13), 10)).toBe(0);
    db.close();
  });

  it('the log stays append-only: no update, no delete, outside compaction', () => {
    const db = openDatabase(tmp.file('append-only.sqlite'));
    addEvents(db, [20, 1]);
    expect(() => db.prepare("UPDATE np_events SET outcome = 'ng' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE np_events SET body = NULL WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM np_events WHERE id = 1').run()).toThrow(/append-only/);
    createNpEventCompaction(db).all(retentionCutoff(NOW, 13));
    expect(() => db.prepare('DELETE FROM np_events').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) FROM np_events_compaction').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM np_events').pluck().get()).toBe(2);
    db.close();
  });

  it('gives the space back: compacted events take a fraction of the pages they took', () => {
    const db = openDatabase(tmp.file('space.sqlite'));
    addEvents(db, Array.from({ length: 3000 }, (_, i) => 40 - i / 100));
    const pages = () => (db.prepare("SELECT count(*) FROM dbstat WHERE name = 'np_events'").pluck().get() as number);
    const before = pages();
    createNpEventCompaction(db).all(retentionCutoff(NOW, 13));
    expect(pages()).toBeLessThan(before / 4);
    db.close();
  });

  it('the background compactor uses the retention of 設定', async () => {
    const db = openDatabase(tmp.file('background.sqlite'));
    addEvents(db, [30, 14, 5, 2, 0]);
    let months = 13;
    const compactor = startNpEventCompactor({ db, retentionMonths: () => months, now: () => NOW, log: silentLogger });
    try {
      expect(await compactor.runNow()).toBe(2);
      months = 3;
      expect(await compactor.runNow()).toBe(1);
      expect(rows(db).map((r) => r.body === null)).toEqual([true, true, true, false, false]);
    } finally {
      compactor.stop();
      db.close();
    }
  });

  it('migrates a version-9 file that holds events, keeping them', () => {
    const file = tmp.file('m005.sqlite');
    const v9 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 9) });
    addEvents(v9, [20, 1]);
    v9.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(createNpEventCompaction(db).all(retentionCutoff(NOW, 13))).toBe(1);
    expect(rows(db).map((r) => [r.outcome, r.body === null])).toEqual([
      ['ok', true],
      ['ok', false],
    ]);
    db.close();
  });
});
