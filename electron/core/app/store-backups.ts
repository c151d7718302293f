/**
 * Opening the store with its safety net (docs/data.md): private permissions, a restore asked for at startup,
 * the launch backup (daily, and before a schema update), then the session; a damaged store's error names the
 * newest backup that passes the check, which Electron offers to restore and the browser host's CLI takes with
 * --restore-backup.
 */
import { jstDateTimeLabel } from '../../../shared/jst-date';
import { DatabaseFileError, MIGRATIONS } from '../db';
import { backupFolder, backupProblem, installBackup, launchBackup, listBackups, newestGoodBackup } from '../db/backup';
import { restrictDatabase, restrictDir } from '../db/permissions';
import { join } from 'node:path';
import type { Logger } from './logger';
import type { Session } from './session';

export interface StoreOpenOptions {
  dataDir: string;
  dbFile: string;
  now: number;
  nativeBinding?: string;
  /** A backup name in backups/, or 'latest' (the newest good one), to put in place before opening. */
  restore?: string;
  log: Logger;
  open: () => Session;
}

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

export async function openStoreWithBackups(o: StoreOpenOptions): Promise<Session> {
  restrictDir(o.dataDir);
  if (o.restore) restoreAtStart(o, o.restore);
  try {
    const written = await launchBackup(o.dbFile, { now: o.now, latestVersion: MIGRATIONS.length, nativeBinding: o.nativeBinding });
    if (written) o.log.info(`backup written: ${written.name}`);
  } catch (e) {
    o.log.warn(`the launch backup could not be written: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const session = o.open();
    restrictDatabase(o.dbFile);
    return session;
  } catch (e) {
    if (e instanceof DatabaseFileError && (e.problem === 'corrupt' || e.problem === 'empty')) {
      e.newestBackup = newestGoodBackup(o.dbFile, MIGRATIONS.length, o.nativeBinding);
      if (e.newestBackup) e.message += `\n最新の正常なバックアップ「${e.newestBackup.name}」（${jstDateTimeLabel(e.newestBackup.at)}）から復元できます。`;
    }
    throw e;
  }
}
