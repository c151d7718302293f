import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseFileError, MIGRATIONS, migrate, openDatabase, schemaVersion, type Migration } from '../../../electron/core/db';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function expectDbError(fn: () => unknown, file: string, problem: DatabaseFileError['problem']): DatabaseFileError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DatabaseFileError);
  const err = caught as DatabaseFileError;
  expect(err.problem).toBe(problem);
  expect(err.file).toBe(file);
  expect(err.message).toContain(file);
  return err;
}

const step = (version: number, sql: string): Migration => ({ version, name: `t${version}`, up: (db) => db.exec(sql) });

describe('openDatabase', () => {
  it('creates a new file in WAL mode with foreign keys, busy timeout, synchronous=NORMAL, migrated to the latest version', () => {
    const file = tmp.file('fresh.sqlite');
    const db = openDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a database written by a newer version, naming the file and leaving its bytes untouched', () => {
    const file = tmp.file('newer.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    const before = readFileSync(file);
    const err = expectDbError(() => openDatabase(file), file, 'newer');
    expect(err.message).toContain(`スキーマ ${MIGRATIONS.length + 5}`);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database (text), untouched', () => {
    const file = tmp.file('notes.sqlite');
    writeFileSync(file, '注文番号,お名前\n1001,山田太郎\n'.repeat(20));
    const before = readFileSync(file);
    const err = expectDbError(() => openDatabase(file), file, 'corrupt');
    expect(err.message).toMatch(/壊れています/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file with an SQLite header but damaged pages, untouched', () => {
    const file = tmp.file('damaged.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);');
    const ins = raw.prepare('INSERT INTO t VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) ins.run(`row ${i} ${'x'.repeat(50)}`);
    })();
    raw.pragma('user_version = 1');
    raw.close();
    const bytes = readFileSync(file);
    // Overwrite everything after the first page (the schema page stays readable) with garbage.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(file, bytes);
    const before = readFileSync(file);
    expectDbError(() => openDatabase(file), file, 'corrupt');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a truncated file shorter than the SQLite header', () => {
    const file = tmp.file('short.sqlite');
    writeFileSync(file, 'SQLite format 3\0');
    expectDbError(() => openDatabase(file), file, 'corrupt');
  });

  it("refuses another application's SQLite file instead of adding tables to it", () => {
    const file = tmp.file('other-app.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    raw.close();
    const before = readFileSync(file);
    expectDbError(() => openDatabase(file), file, 'foreign');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('names the file when another program keeps it locked', () => {
    const file = tmp.file('locked.sqlite');
    openDatabase(file).close();
    const other = new BetterSqlite3(file);
    other.pragma('journal_mode = DELETE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      const err = expectDbError(() => openDatabase(file, { busyTimeoutMs: 50 }), file, 'open');
      expect((err.cause as { code?: string }).code).toMatch(/^SQLITE_BUSY/u);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('names the file when it cannot be opened at all', () => {
    const dir = tmp.file('a-folder.sqlite');
    mkdirSync(dir);
    expectDbError(() => openDatabase(dir), dir, 'open');
    const missingParent = tmp.file('no/such/dir/db.sqlite');
    expectDbError(() => openDatabase(missingParent), missingParent, 'open');
  });
});

describe('migrate', () => {
  it('applies pending migrations in order, one version at a time, and is idempotent', () => {
    const file = tmp.file('steps.sqlite');
    const steps = [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (y)')];
    const db = openDatabase(file, { migrations: steps.slice(0, 1) });
    expect(schemaVersion(db)).toBe(1);
    expect(migrate(db, steps)).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    expect(migrate(db, steps)).toEqual([]);
    db.close();
  });

  it('rolls a failing migration back completely and reports it, keeping earlier ones', () => {
    const file = tmp.file('failing.sqlite');
    const steps = [
      step(1, 'CREATE TABLE a (x)'),
      step(2, 'CREATE TABLE b (y); INSERT INTO b VALUES (1); INSERT INTO no_such_table VALUES (1);'),
    ];
    let caught: unknown;
    try {
      openDatabase(file, { migrations: steps });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DatabaseFileError);
    const err = caught as DatabaseFileError;
    expect(err.problem).toBe('migration');
    expect(err.message).toContain('2_t2');
    expect(err.message).toContain('no_such_table');
    expect(err.cause).toBeInstanceOf(Error);
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    raw.close();
  });

  it('rejects a migration list with gaps or out of order', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [step(1, 'SELECT 1'), step(3, 'SELECT 1')])).toThrow(/expected 2/);
    expect(schemaVersion(db)).toBe(0);
    db.close();
  });

  it('lists the app migrations as versions 1..n', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});
