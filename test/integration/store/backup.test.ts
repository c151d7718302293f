/**
 * Backups and restore with real SQLite files (docs/data.md): the launch backup once a day and before a schema
 * update, the last 14 kept, private permissions, a consistent copy of a WAL database, 設定 → バックアップ's
 * restore (current data backed up first, then reopened on the copy), and a damaged store at startup offered
 * the newest good backup.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupListing, BackupRestoreResult, BackupWriteResult } from '../../../shared/backup';
import { DB_FILE } from '../../../electron/core/app/core';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { DatabaseFileError, MIGRATIONS, openDatabase } from '../../../electron/core/db';
import { generateOrders } from '../../../electron/core/demo';
import { createOrderRepository } from '../../../electron/core/orders';
import { DEMO_MERCHANT } from '../../../electron/sandbox';
import { tempDir } from './helpers';
import { callCore } from '../../helpers/core-call';

const tmp = tempDir('atobarai-backup-');
afterAll(() => tmp.cleanup());
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 30, 3, 0);

function startCore(dataDir: string, now: number, over: { restoreBackup?: string; demoOrders?: number } = {}): Promise<AppCore> {
  const exportDir = join(dataDir, '..', `${dataDir.split('/').pop()}-exports`);
  mkdirSync(exportDir, { recursive: true });
  return createAppCore({
    dataDir,
    secrets: createMemorySecretStore(),
    transport: 'http',
    log: silentLogger,
    clock: { now: () => now },
    sandboxTarget: { url: 'http://127.0.0.1:9/v1', credentials: { ...DEMO_MERCHANT } },
    ports: { exportTarget: async (name: string) => ({ path: join(exportDir, name), download: name }) },
    demoOrders: over.demoOrders ?? 0,
    restoreBackup: over.restoreBackup,
  });
}

const call = callCore;

const backupsOf = (dataDir: string): string[] => (existsSync(join(dataDir, 'backups')) ? readdirSync(join(dataDir, 'backups')).sort() : []);
const ordersIn = (file: string): number => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM orders').pluck().get() as number;
  } finally {
    db.close();
  }
};
const ordersOrNone = (file: string): number => {
  try {
    return ordersIn(file);
  } catch {
    return 0; // not even the orders table made it into the main file
  }
};
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the launch backup', () => {
  it('writes one at launch at most once a day, 0600 in a 0700 folder, and keeps the last 14', async () => {
    const dir = join(tmp.dir, 'daily');
    await (await startCore(dir, T0, { demoOrders: 30 })).close();
    expect(backupsOf(dir)).toEqual([]); // a new store: nothing to back up yet
    await (await startCore(dir, T0 + 60_000)).close();
    const [first] = backupsOf(dir);
    expect(first).toMatch(/^atobarai-20261130-120100000-daily\.sqlite$/); // Japan time
    expect(ordersIn(join(dir, 'backups', first!))).toBe(30);
    await (await startCore(dir, T0 + 2 * 60 * 60_000)).close();
    expect(backupsOf(dir)).toHaveLength(1); // same day: no second one
    if (process.platform !== 'win32') {
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, 'backups'))).toBe(0o700);
      expect(mode(join(dir, 'backups', first!))).toBe(0o600);
      expect(mode(join(dir, DB_FILE))).toBe(0o600);
    }
    for (let d = 1; d <= 15; d++) await (await startCore(dir, T0 + d * DAY + 120_000)).close();
    const kept = backupsOf(dir);
    expect(kept).toHaveLength(14);
    expect(kept[0]).toMatch(/^atobarai-20261202-/); // 16 written: the two oldest went
    expect(kept.at(-1)).toMatch(/^atobarai-20261215-/);
  });

  it('writes one before a schema update, at the old version', async () => {
    const dir = join(tmp.dir, 'migrate');
    const old = openDatabase(join(tmp.dir, 'seed.sqlite'), { migrations: MIGRATIONS.slice(0, 3) });
    createOrderRepository(old).insertMany(generateOrders({ seed: 4, count: 25 }), T0);
    await old.backup(join(tmp.dir, 'v3.sqlite'));
    old.close();
    mkdirSync(dir);
    copyFileSync(join(tmp.dir, 'v3.sqlite'), join(dir, DB_FILE));
    await (await startCore(dir, T0)).close();
    const [backup] = backupsOf(dir);
    expect(backup).toMatch(/-migration\.sqlite$/);
    const copy = new BetterSqlite3(join(dir, 'backups', backup!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(3);
    expect(copy.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(25);
    copy.close();
  });
});

describe('設定 → バックアップ', () => {
  const dir = join(tmp.dir, 'ui');
  let core: AppCore;
  afterAll(() => core?.close());

  it('writes a consistent copy on demand, including what is still only in the -wal', async () => {
    core = await startCore(dir, T0, { demoOrders: 40 });
    // The main file alone (what a plain file copy takes) misses what is still in the -wal: here, every order.
    const plain = join(tmp.dir, 'plain-copy.sqlite');
    copyFileSync(join(dir, DB_FILE), plain);
    expect(statSync(join(dir, `${DB_FILE}-wal`)).size).toBeGreaterThan(0);
    expect(ordersOrNone(plain)).toBeLessThan(40);
    const written = await call<BackupWriteResult>(core, 'backupWrite');
    expect(written.fileName).toMatch(/-manual\.sqlite$/);
    expect(ordersIn(written.path)).toBe(40);
    if (process.platform !== 'win32') expect(mode(written.path)).toBe(0o600);
  });

  it('lists the backups and restores one: the current data is backed up first, then the app reopens on the copy', async () => {
    await core.close();
    core = await startCore(dir, T0 + DAY); // the daily backup: 40 orders
    const before = await call<BackupListing>(core, 'backupList');
    expect(before.folder).toBe(join(dir, 'backups'));
    const daily = before.backups.find((b) => b.reason === 'daily')!;
    expect(daily).toBeDefined();
    const extra = generateOrders({ seed: 11, count: 1 })[0]!;
    await call(core, 'createOrder', { order: { ...extra, orderNo: 'AFTER-BACKUP' }, registerWithNp: false });
    expect((await call<{ total: number }>(core, 'searchOrders', { limit: 1 })).total).toBe(41);

    const result = await call<BackupRestoreResult>(core, 'backupRestore', { name: daily.name });
    expect(result).toMatchObject({ restored: daily.name, orders: 40 });
    expect((await call<{ total: number }>(core, 'searchOrders', { limit: 1 })).total).toBe(40);
    expect(ordersIn(join(dir, 'backups', result.safety))).toBe(41); // nothing lost: the undo is there
    const undo = await call<BackupRestoreResult>(core, 'backupRestore', { name: result.safety });
    expect(undo.orders).toBe(41);
    expect((await call<{ rows: Array<{ orderNo: string }> }>(core, 'searchOrders', { limit: 100 })).rows.map((r) => r.orderNo)).toContain('AFTER-BACKUP');
  });

  it('refuses to restore a damaged backup and keeps the current data', async () => {
    const { backups } = await call<BackupListing>(core, 'backupList');
    const victim = backups.at(-1)!;
    writeFileSync(join(dir, 'backups', victim.name), 'not a database at all'.repeat(20));
    const res = await core.dispatch('backupRestore', { name: victim.name });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/復元できません/);
    expect((await call<{ total: number }>(core, 'searchOrders', { limit: 1 })).total).toBe(41);
    const bad = await core.dispatch('backupRestore', { name: '../atobarai.sqlite' });
    expect(bad.ok).toBe(false);
  });
});

describe('a damaged store at startup', () => {
  it('is refused with the newest good backup named, and opens on it when asked, keeping the damaged file', async () => {
    const dir = join(tmp.dir, 'damaged');
    await (await startCore(dir, T0, { demoOrders: 20 })).close();
    await (await startCore(dir, T0 + DAY)).close(); // backup of 20 orders
    const good = backupsOf(dir)[0]!;
    // A newer backup that is itself damaged is passed over.
    writeFileSync(join(dir, 'backups', 'atobarai-20261202-120000000-daily.sqlite'), Buffer.alloc(8192, 1));
    const bytes = readFileSync(join(dir, DB_FILE));
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(join(dir, DB_FILE), bytes);

    const err = await startCore(dir, T0 + 2 * DAY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseFileError);
    expect((err as DatabaseFileError).newestBackup?.name).toBe(good);
    expect((err as Error).message).toContain(good);
    expect(existsSync(join(dir, 'atobarai.lock'))).toBe(false); // the lock is not left behind

    const core = await startCore(dir, T0 + 2 * DAY, { restoreBackup: 'latest' });
    expect((await call<{ total: number }>(core, 'searchOrders', { limit: 1 })).total).toBe(20);
    await core.close();
    const kept = readdirSync(dir).filter((f) => f.startsWith(`${DB_FILE}.damaged-`));
    expect(kept.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, kept.find((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))!)).equals(bytes)).toBe(true);
  });

  it('offers no backup for a 0-byte store when there is none, and says it is empty', async () => {
    const dir = join(tmp.dir, 'zero');
    mkdirSync(dir);
    writeFileSync(join(dir, DB_FILE), '');
    const err = await startCore(dir, T0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseFileError);
    expect((err as DatabaseFileError).problem).toBe('empty');
    expect((err as DatabaseFileError).newestBackup).toBeNull();
  });
});
