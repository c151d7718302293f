import type { BackupInfo } from '../../../shared/backup';

/** Why a database file could not be used. */
export type DatabaseFileProblem =
  /** Not an SQLite database, or damaged. */
  | 'corrupt'
  /** A 0-byte file where the database should be (never taken for a new, empty store). */
  | 'empty'
  /** Written by a newer version of the app (its schema version is higher than this app knows). */
  | 'newer'
  /** A valid SQLite file of some other application (tables, but no schema version of ours). */
  | 'foreign'
  /** The file could not be opened at all (permissions, a folder, a missing parent folder …). */
  | 'open'
  /** A migration failed; the database stays at the last version that succeeded. */
  | 'migration';

/**
 * A database file the app cannot use. The message is Japanese (shown to staff) and always names the file;
 * `cause` keeps the underlying SQLite error.
 */
export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError';
  constructor(
    readonly file: string,
    readonly problem: DatabaseFileProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  /** For a damaged store at startup: the newest backup that passes the check (the app offers to restore it). */
  newestBackup: BackupInfo | null = null;
}
