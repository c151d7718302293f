/**
 * Damage found at open, before it bites: the quick integrity check runs for WAL databases too (a flipped index
 * page used to open fine and fail later), a 0-byte file is refused instead of becoming a new empty store, and a
 * -wal without its database is refused (the two are one).
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseFileError, openDatabase } from '../../../electron/core/db';
import { generateOrders } from '../../../electron/core/demo';
import { createOrderRepository } from '../../../electron/core/orders';
import { tempDir } from './helpers';

const tmp = tempDir('atobarai-damage-');
afterAll(() => tmp.cleanup());

function refusal(fn: () => unknown): DatabaseFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DatabaseFileError);
    return e as DatabaseFileError;
  }
  throw new Error('expected the file to be refused');
}

function storeWithOrders(name: string, count = 400): string {
  const file = tmp.file(name);
  const db = openDatabase(file);
  createOrderRepository(db).insertMany(generateOrders({ seed: 7, count }), Date.UTC(2026, 10, 1));
  db.close();
  openDatabase(file).close(); // as after many launches
  return file;
}

describe('opening a damaged store', () => {
  it('finds a flipped page deep in an index of a WAL database and refuses it, the file untouched', () => {
    const file = storeWithOrders('flipped.sqlite', 1500);
    const bytes = readFileSync(file);
    expect(bytes[18]).toBe(2); // WAL mode is recorded in the header: this is a WAL database
    const probe = openDatabase(file);
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    // A leaf page of the search index, in the middle of it: opening, migrating and the planner statistics never read it.
    const leaves = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'orders_buyer_key' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    probe.close();
    expect(leaves.length).toBeGreaterThan(3);
    const page = leaves[Math.floor(leaves.length / 2)] as number;
    // A page type SQLite never writes: only a check that walks the index sees it.
    bytes[(page - 1) * pageSize] = 0x07;
    writeFileSync(file, bytes);
    const before = readFileSync(file);
    const err = refusal(() => openDatabase(file));
    expect(err.problem).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/壊れています/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(String(err.cause)).toMatch(/malformed|corrupt|btree|page/i);
  });

  it('refuses a 0-byte file instead of starting a new empty store in it', () => {
    const file = tmp.file('zero.sqlite');
    writeFileSync(file, '');
    const err = refusal(() => openDatabase(file));
    expect(err.problem).toBe('empty');
    expect(err.message).toMatch(/0バイト/);
    expect(statSync(file).size).toBe(0);
  });

  it('refuses a -wal whose database file is gone: the two are one', () => {
    const file = storeWithOrders('pair.sqlite', 20);
    const db = openDatabase(file);
    db.pragma('wal_autocheckpoint = 0');
    createOrderRepository(db).insertMany(generateOrders({ seed: 9, count: 20 }).map((o) => ({ ...o, orderNo: `P${o.orderNo}` })), Date.UTC(2026, 10, 2));
    const wal = readFileSync(`${file}-wal`);
    db.close();
    const lone = tmp.file('lone.sqlite');
    writeFileSync(`${lone}-wal`, wal);
    const err = refusal(() => openDatabase(lone));
    expect(err.message).toContain(`${lone}-wal`);
    expect(existsSync(lone)).toBe(false);
    renameSync(`${lone}-wal`, tmp.file('lone-moved.wal'));
  });
});
