/**
 * Backups of the shop's database (docs/data.md): consistent copies made with SQLite's online backup
 * (better-sqlite3's `backup()`, after a checkpoint: the database and its -wal are one), into `backups/` beside the
 * database, the last KEEP_BACKUPS kept. Written at launch at most once a day and before every schema update,
 * before a restore, and on request. A copy is written under a temporary name and renamed, so a backup file is
 * always whole.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { BACKUP_NAME, KEEP_BACKUPS, type BackupInfo, type BackupReason } from '../../../shared/backup';
import { JST_OFFSET_MS } from '../../../shared/jst-date';
import { restrictDatabase, restrictDir, restrictFiles } from './permissions';
import { sealCleanClose, sealIntact } from './clean-close';
import { messageOf } from '../../../shared/error-message';

export const BACKUP_FOLDER = 'backups';

const DAY_MS = 24 * 60 * 60 * 1000;

export function backupFolder(dbFile: string): string {
  return join(dirname(dbFile), BACKUP_FOLDER);
}

/** YYYYMMDD-HHMMSSmmm in Japan time. */
function stamp(now: number): string {
  const iso = new Date(now + JST_OFFSET_MS).toISOString(); // 2026-11-30T12:34:56.789Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}${iso.slice(20, 23)}`;
}

function parse(name: string): { at: number; reason: BackupReason } | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const [d, t] = [m[1] as string, m[2] as string];
  const at = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6), +t.slice(6, 9)) - JST_OFFSET_MS;
  return { at, reason: m[3] as BackupReason };
}

export function backupFileName(reason: BackupReason, now: number): string {
  return `atobarai-${stamp(now)}-${reason}.sqlite`;
}

/** The backups beside the database, newest first. */
export function listBackups(dbFile: string): BackupInfo[] {
  const folder = backupFolder(dbFile);
  if (!existsSync(folder)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parse(name);
    if (!parsed) continue;
    out.push({ name, ...parsed, size: statSync(join(folder, name)).size });
  }
  return out.sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
}

/** The path of a listed backup; null for a name that is not one (no path tricks). */
export function backupPath(dbFile: string, name: string): string | null {
  return BACKUP_NAME.test(name) && existsSync(join(backupFolder(dbFile), name)) ? join(backupFolder(dbFile), name) : null;
}

/**
 * A consistent copy of an open database at `target` (0600): checkpoint the WAL into the main file, then SQLite's
 * online backup into a temporary file renamed into place when complete.
 */
export async function writeBackup(db: Database, target: string, nativeBinding?: string): Promise<void> {
  db.pragma('wal_checkpoint(PASSIVE)');
  const partial = `${target}.partial`;
  try {
    await db.backup(partial);
    // A backup is one self-contained file: rollback journal, not WAL (no -wal/-shm ever appears beside it).
    const copy = new BetterSqlite3(partial, nativeBinding ? { nativeBinding } : {});
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    restrictFiles(partial);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Drop the oldest backups beyond `keep`. */
export function pruneBackups(dbFile: string, keep = KEEP_BACKUPS): void {
  for (const old of listBackups(dbFile).slice(keep)) rmSync(join(backupFolder(dbFile), old.name), { force: true });
}

/** Write a backup of the open database into backups/ and keep the newest KEEP_BACKUPS. */
export async function backupInto(db: Database, dbFile: string, reason: BackupReason, now: number, nativeBinding?: string): Promise<BackupInfo> {
  const folder = backupFolder(dbFile);
  mkdirSync(folder, { recursive: true });
  restrictDir(folder);
  let name = backupFileName(reason, now);
  while (existsSync(join(folder, name))) name = backupFileName(reason, (now += 1)); // two in one millisecond
  await writeBackup(db, join(folder, name), nativeBinding);
  pruneBackups(dbFile);
  return { name, at: now, reason, size: statSync(join(folder, name)).size };
}

/** Why a backup file cannot be restored, or null when it is a sound store this app can open. */
export function backupProblem(file: string, latestVersion: number, nativeBinding?: string): string | null {
  let db: Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) return 'Atobarai Desk のデータベースではありません';
    if (version > latestVersion) return `新しいバージョンのアプリで作成されています（スキーマ ${version}）`;
    const check = db.pragma('quick_check', { simple: true });
    return check === 'ok' ? null : `壊れています（${String(check)}）`;
  } catch (e) {
    return `開けません（${messageOf(e)}）`;
  } finally {
    db?.close();
  }
}

/** The newest backup that passes the check: what a damaged store at startup is offered. */
export function newestGoodBackup(dbFile: string, latestVersion: number, nativeBinding?: string): BackupInfo | null {
  return listBackups(dbFile).find((b) => backupProblem(join(backupFolder(dbFile), b.name), latestVersion, nativeBinding) === null) ?? null;
}

/**
 * Put a backup in place of the (closed) database: copied under a temporary name, the old -wal/-shm removed (they
 * belong to the old file), renamed over the database. `keepOld` moves the old files aside instead of dropping
 * them (a damaged store is kept for inspection) and returns where.
 */
export function installBackup(dbFile: string, source: string, opts: { keepOld?: boolean; now?: number } = {}): string | null {
  const incoming = `${dbFile}.restoring`;
  copyFileSync(source, incoming);
  restrictFiles(incoming);
  let kept: string | null = null;
  if (opts.keepOld && existsSync(dbFile)) {
    kept = `${dbFile}.damaged-${stamp(opts.now ?? Date.now())}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, kept + suffix);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
  renameSync(incoming, dbFile);
  restrictDatabase(dbFile);
  return kept;
}

/**
 * The launch backup, before the store is opened: once a day, and always when a schema update is about to run.
 * Nothing is written for a new, empty, foreign or damaged file (opening it reports what is wrong).
 */
export async function launchBackup(dbFile: string, opts: { now: number; latestVersion: number; nativeBinding?: string }): Promise<BackupInfo | null> {
  if (!existsSync(dbFile) || statSync(dbFile).size === 0) return null;
  let db: Database;
  try {
    db = new BetterSqlite3(dbFile, { fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  } catch {
    return null;
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0 || version > opts.latestVersion) return null;
    const migrating = version < opts.latestVersion;
    const newest = listBackups(dbFile)[0];
    if (!migrating && newest && opts.now - newest.at < DAY_MS && newest.at <= opts.now) return null;
    if (!sealIntact(dbFile)) {
      if (db.pragma('quick_check', { simple: true }) !== 'ok') return null;
      sealCleanClose(dbFile); // checked and untouched: opening next need not check it again
    }
  } catch {
    db.close();
    return null; // damaged: opening the store says so
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    return await backupInto(db, dbFile, version < opts.latestVersion ? 'migration' : 'daily', opts.now, opts.nativeBinding);
  } finally {
    db.close();
  }
}
