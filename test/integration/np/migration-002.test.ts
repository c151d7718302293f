import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openDatabase, schemaVersion } from '../../../electron/core/db';
import { migration001 } from '../../../electron/core/db/migrations/001_orders';
import { npMigration } from '../../../electron/core/db/migrations/002_np';
import { createOrderRepository } from '../../../electron/core/orders';
import { sampleOrder, tempDir } from '../store/helpers';

const tmp = tempDir('atobarai-np-m002-');
afterAll(() => tmp.cleanup());

function freshDb(name: string) {
  const db = openDatabase(tmp.file(name));
  const orderId = createOrderRepository(db).insert(sampleOrder(), 1000).id;
  return { db, orderId };
}

describe('migration 002 (NP tables)', () => {
  it('upgrades a version-1 database with orders in it, keeping the orders', () => {
    const file = tmp.file('upgrade.sqlite');
    const v1 = new BetterSqlite3(file);
    migrate(v1, [migration001]);
    createOrderRepository(v1).insert(sampleOrder({ orderNo: 'OLD-1' }), 1);
    v1.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length); // 002 and every later migration applied
    expect(createOrderRepository(db).getByOrderNo('OLD-1')?.customer.name).toBe('山田 太郎');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['np_transactions', 'np_outbox', 'np_events', 'sync_runs']));
    db.close();
  });

  it('keeps np_events append-only: UPDATE and DELETE are refused by triggers', () => {
    const { db, orderId } = freshDb('events.sqlite');
    db.prepare("INSERT INTO np_events (at, order_id, kind, body) VALUES (1, ?, 'queued', '{}')").run(orderId);
    expect(() => db.prepare("UPDATE np_events SET kind = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM np_events').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) FROM np_events').pluck().get()).toBe(1);
    db.close();
  });

  it('allows at most one open outbox action per order, any number of finished ones', () => {
    const { db, orderId } = freshDb('outbox.sqlite');
    const ins = db.prepare(
      "INSERT INTO np_outbox (order_id, action, payload, state, next_attempt_at, created_at, updated_at) VALUES (?, ?, '{}', ?, 0, 0, 0)",
    );
    ins.run(orderId, 'register', 'done');
    ins.run(orderId, 'update', 'failed');
    ins.run(orderId, 'update', 'pending');
    expect(() => ins.run(orderId, 'cancel', 'pending')).toThrow(/UNIQUE/);
    expect(() => ins.run(orderId, 'cancel', 'sending')).toThrow(/UNIQUE/);
    expect(() => ins.run(orderId, 'cancel', 'queued')).toThrow(/CHECK/);
    expect(() => ins.run(orderId, 'refund', 'done')).toThrow(/CHECK/);
    db.close();
  });

  it('links one NP transaction to one order and checks codes and JSON', () => {
    const { db, orderId } = freshDb('tx.sqlite');
    const other = createOrderRepository(db).insert(sampleOrder({ orderNo: '1002' }), 1000).id;
    const ins = db.prepare('INSERT INTO np_transactions (order_id, np_transaction_id, authori_result, authori_hold, updated_at) VALUES (?, ?, ?, ?, 0)');
    ins.run(orderId, '26110100001', '00', '[]');
    expect(() => ins.run(other, '26110100001', '00', '[]')).toThrow(/UNIQUE/);
    expect(() => ins.run(other, '26110100002', '99', '[]')).toThrow(/CHECK/);
    expect(() => ins.run(other, '26110100002', '10', 'not json')).toThrow(/CHECK/);
    db.close();
  });

  it('has the version the runner expects', () => {
    expect(npMigration.version).toBe(2);
  });
});
