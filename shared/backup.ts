import { z } from 'zod';
/** 設定 → バックアップ: the types of the contract's backup methods (electron/core/db/backup.ts, docs/data.md). */

/** Why a backup was written: the daily one at launch, before a schema update, before a restore, on request. */
export const BACKUP_REASONS = ['daily', 'migration', 'restore', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** How many backups backups/ keeps (the oldest beyond go). */
export const KEEP_BACKUPS = 14;

/** A backup file name: atobarai-YYYYMMDD-HHMMSSmmm-<reason>.sqlite (Japan time). */
export const BACKUP_NAME = /^atobarai-(\d{8})-(\d{9})-(daily|migration|restore|manual)\.sqlite$/u;

export interface BackupInfo {
  name: string;
  /** Epoch ms when it was written. */
  at: number;
  size: number;
  reason: BackupReason;
}

export interface BackupListing {
  /** The backups/ folder beside the database. */
  folder: string;
  /** Newest first; at most KEEP_BACKUPS. */
  backups: BackupInfo[];
}

export interface BackupRestoreResult {
  restored: string;
  /** The backup of the data as it was just before the restore (restore it to undo). */
  safety: string;
  orders: number;
}

export interface BackupWriteResult {
  path: string;
  /** The browser host's download name, or null in Electron. */
  download: string | null;
  fileName: string;
}

export const backupRestoreInputSchema = z.object({ name: z.string().regex(BACKUP_NAME, { error: '復元するバックアップを一覧から選んでください' }) });
