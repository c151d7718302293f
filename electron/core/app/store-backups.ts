/**
 * Opening the store with its safety net (docs/data.md): private permissions, a restore asked for at startup,
 * the launch backup (daily, and before a schema update), then the session; a damaged store's error names the
 * newest backup that passes the check, which Electron offers to restore and the browser host's CLI takes with
 * --restore-backup.
 */
import { jstDateTimeLabel } from '../../../shared/jst-date';
import { accessSync, constants, existsSync, rmSync } from 'node:fs';
import { DatabaseFileError, MIGRATIONS, StorageError, storageErrorOf } from '../db';
import { backupFolder, backupProblem, installBackup, launchBackup, listBackups, newestGoodBackup } from '../db/backup';
import { restrictDatabase, restrictDir } from '../db/permissions';
import { acquireDataLock, type DataLock } from '../db/data-lock';
import { join } from 'node:path';
import type { Logger } from './logger';
import type { Session } from './session';
import { messageOf } from '../../../shared/error-message';

export interface StoreOpenOptions {
  dataDir: string;
  dbFile: string;
  now: number;
  nativeBinding?: string;
  /** A backup name in backups/, or 'latest' (the newest good one), to put in place before opening. */
  restore?: string;
  log: Logger;
  open: (readonly?: boolean) => Session;
  /** The disk is known to be full (no room for the lock file): open read-only at once, no launch backup. */
  diskFull?: boolean;
}

/** The data folder's lock; on a full disk (no room for the lock file) none, and the store opens read-only. */
export function takeDataLock(dataDir: string, log: Logger): { lock: DataLock | null; diskFull: boolean } {
  try {
    return { lock: acquireDataLock(dataDir), diskFull: false };
  } catch (e) {
    if (storageErrorOf(e, dataDir)?.problem !== 'full') throw e;
    log.warn(`the disk is full: no lock file in ${dataDir}; the store opens read-only`);
    return { lock: null, diskFull: true };
  }
}

export interface OpenedStore {
  session: Session;
  /** Why the store is open for reading only (a full disk), or null. */
  readOnly: string | null;
}

/**
 * A -shm left read-only (copied from elsewhere, another user's process): it is only SQLite's index of the -wal,
 * rebuilt on open, and with the data-folder lock held no other process uses it, so it is removed. When it cannot
 * be removed, the error names it.
 */
function clearReadOnlyShm(dbFile: string, log: Logger): void {
  const shm = `${dbFile}-shm`;
  if (!existsSync(shm)) return;
  try {
    accessSync(shm, constants.W_OK);
    return;
  } catch {
    // read-only: remove it below
  }
  try {
    rmSync(shm);
    log.warn(`removed a read-only ${shm} (SQLite rebuilds it from the -wal)`);
  } catch (e) {
    throw new StorageError(shm, 'readonly', `「${shm}」が読み取り専用で、削除もできません。データベースを開く前に、このファイルを削除するか書き込みできるようにしてください（データ本体ではなく、SQLiteが作り直す作業用ファイルです）。`, { cause: e });
  }
}

/** Whether opening failed because the disk is full (SQLite and Node say it in different ways). */
function diskFull(e: unknown, dbFile: string): boolean {
  return storageErrorOf(e, dbFile)?.problem === 'full' || (e instanceof DatabaseFileError && storageErrorOf(e.cause, dbFile)?.problem === 'full');
}

export const READ_ONLY_FULL = (dbFile: string): string =>
  `ディスクの空き容量が不足しているため、データベース「${dbFile}」を読み取り専用で開いています（閲覧と検索のみ。保存・取り込み・NPへの送信はできません）。空きを作ってからアプリを再起動してください。`;

/** Put a backup in place of a store that cannot be opened; the old files are kept beside it (.damaged-…). */
function restoreAtStart(o: StoreOpenOptions, name: string): void {
  const latest = MIGRATIONS.length;
  const chosen = name === 'latest' ? newestGoodBackup(o.dbFile, latest, o.nativeBinding) : listBackups(o.dbFile).find((b) => b.name === name);
  if (!chosen) throw new DatabaseFileError(o.dbFile, 'open', `バックアップ「${name}」が見つかりません（${backupFolder(o.dbFile)}）。`);
  const file = join(backupFolder(o.dbFile), chosen.name);
  const problem = backupProblem(file, latest, o.nativeBinding);
  if (problem) throw new DatabaseFileError(file, 'corrupt', `バックアップ「${file}」は復元できません: ${problem}`);
  const kept = installBackup(o.dbFile, file, { keepOld: true, now: o.now });
  o.log.warn(`restored backup ${chosen.name}${kept ? `; the previous store was kept as ${kept}` : ''}`);
}

export async function openStoreWithBackups(o: StoreOpenOptions): Promise<OpenedStore> {
  restrictDir(o.dataDir);
  if (o.diskFull) return { session: o.open(true), readOnly: READ_ONLY_FULL(o.dbFile) };
  clearReadOnlyShm(o.dbFile, o.log);
  if (o.restore) restoreAtStart(o, o.restore);
  try {
    const written = await launchBackup(o.dbFile, { now: o.now, latestVersion: MIGRATIONS.length, nativeBinding: o.nativeBinding });
    if (written) o.log.info(`backup written: ${written.name}`);
  } catch (e) {
    o.log.warn(`the launch backup could not be written: ${messageOf(e)}`);
  }
  try {
    const session = o.open();
    restrictDatabase(o.dbFile);
    return { session, readOnly: null };
  } catch (e) {
    if (diskFull(e, o.dbFile)) {
      o.log.warn(`the disk is full: opening ${o.dbFile} read-only`);
      return { session: o.open(true), readOnly: READ_ONLY_FULL(o.dbFile) };
    }
    if (e instanceof DatabaseFileError && (e.problem === 'corrupt' || e.problem === 'empty')) {
      e.newestBackup = newestGoodBackup(o.dbFile, MIGRATIONS.length, o.nativeBinding);
      if (e.newestBackup) e.message += `\n最新の正常なバックアップ「${e.newestBackup.name}」（${jstDateTimeLabel(e.newestBackup.at)}）から復元できます。`;
    }
    throw e;
  }
}
