/**
 * The seal of a clean close (electron/core/db/clean-close.ts): a session that closes normally seals its file, so
 * the next open and the launch backup skip the full quick_check; anything else that writes the file — a flipped
 * byte even with its modification time put back, a crash that leaves a -wal, a copy — leaves no matching seal,
 * and opening checks the file and refuses the damage as before (damage.test.ts). Real SQLite files and sessions.
 */
import { copyFileSync, existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseFileError, openDatabase } from '../../../electron/core/db';
import { breakSeal, sealCleanClose, sealIntact } from '../../../electron/core/db/clean-close';
import { launchBackup, listBackups } from '../../../electron/core/db/backup';
import { MIGRATIONS } from '../../../electron/core/db';
import { generateOrders } from '../../../electron/core/demo';
import { testSession } from '../csv/helpers';
import { tempDir } from './helpers';

const tmp = tempDir('atobarai-seal-');
afterAll(() => tmp.cleanup());

/** A store of `count` orders written and closed by a session (which seals it). */
async function sessionStore(name: string, count = 600): Promise<string> {
  const file = tmp.file(name);
  const session = testSession(file);
  session.orders.insertMany(generateOrders({ seed: 5, count }), Date.UTC(2026, 10, 1));
  await session.close();
  return file;
}

/** Flips a leaf page of an index deep in the file (only a full check reads it); keeps the modification time if asked. */
function damage(file: string, keepMtime: boolean): void {
  const probe = openDatabase(file);
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  const leaves = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'orders_buyer_key' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  probe.close();
  sealCleanClose(file); // as the app's own close would have left it
  const { atime, mtime } = statSync(file);
  const bytes = readFileSync(file);
  bytes[((leaves[Math.floor(leaves.length / 2)] as number) - 1) * pageSize] = 0x07;
  writeFileSync(file, bytes);
  if (keepMtime) utimesSync(file, atime, mtime);
}

function refused(file: string): DatabaseFileError | null {
  try {
    openDatabase(file).close();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DatabaseFileError);
    return e as DatabaseFileError;
  }
}

describe('the seal of a clean close', () => {
  it('a session that closes normally seals its file; opening breaks the seal, the next clean close makes a new one', async () => {
    const file = await sessionStore('sealed.sqlite');
    expect(sealIntact(file)).toBe(true);
    const session = testSession(file);
    expect(sealIntact(file)).toBe(false); // open for writing
    session.orders.insertMany(generateOrders({ seed: 6, count: 10, firstOrderNo: 90001 }).filter((o) => !o.orderNo.startsWith('T-')), Date.UTC(2026, 10, 2));
    await session.close();
    expect(sealIntact(file)).toBe(true);
  });

  it('a byte changed after the clean close breaks the seal even with the modification time put back: opening checks and refuses it', async () => {
    const file = await sessionStore('flipped.sqlite');
    damage(file, true);
    expect(sealIntact(file)).toBe(false); // the change time moved
    expect(refused(file)?.problem).toBe('corrupt');
  });

  it('a crash (changes left in the -wal, no close) leaves no seal: the file is checked', async () => {
    const file = await sessionStore('crash.sqlite');
    const db = openDatabase(file);
    db.prepare("UPDATE orders SET shop_memo = 'x' WHERE id = 1").run();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(sealIntact(file)).toBe(false); // broken at open
    sealCleanClose(file); // not a clean close: the -wal still holds changes, nothing is sealed
    expect(sealIntact(file)).toBe(false);
    db.close();
  });

  it('a copy of a sealed store (another inode) is checked', async () => {
    const file = await sessionStore('original.sqlite');
    const copy = tmp.file('copy.sqlite');
    copyFileSync(file, copy);
    copyFileSync(`${file}.closed`, `${copy}.closed`);
    expect(sealIntact(copy)).toBe(false);
  });

  it('what the seal gives up: damage written under an intact seal (by the app itself) opens without the check', async () => {
    const file = await sessionStore('trusted.sqlite');
    damage(file, false);
    sealCleanClose(file); // sealed after the damage: indistinguishable from the app's own writes
    expect(sealIntact(file)).toBe(true);
    expect(refused(file)).toBeNull();
    breakSeal(file);
    expect(refused(file)?.problem).toBe('corrupt'); // without the seal the same file is refused
  });

  it('the launch backup of a sealed store skips the check and still writes a sound copy', async () => {
    const file = await sessionStore('backup.sqlite');
    const written = await launchBackup(file, { now: Date.UTC(2026, 10, 3), latestVersion: MIGRATIONS.length });
    expect(written?.reason).toBe('daily');
    expect(listBackups(file)).toHaveLength(1);
    expect(sealIntact(file)).toBe(true); // the backup only read the file
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  });
});

describe('the launch backup checks a store without a seal', () => {
  it('refuses to back up a damaged one, and seals a sound one so that opening does not check it twice', async () => {
    const damaged = await sessionStore('backup-damaged.sqlite');
    damage(damaged, false);
    // (the backups of this file's stores share one folder: a day apart, so none is skipped as the day's second)
    expect(await launchBackup(damaged, { now: Date.UTC(2026, 10, 20), latestVersion: MIGRATIONS.length })).toBeNull();
    expect(sealIntact(damaged)).toBe(false);
    expect(refused(damaged)?.problem).toBe('corrupt');

    const sound = await sessionStore('backup-sound.sqlite');
    breakSeal(sound); // as after a crash
    expect(await launchBackup(sound, { now: Date.UTC(2026, 10, 22), latestVersion: MIGRATIONS.length })).not.toBeNull();
    expect(sealIntact(sound)).toBe(true);
  });
});
