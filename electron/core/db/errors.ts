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

/** What kind of storage failure: each has its own message naming the path (never the generic 内部エラー). */
export type StorageProblem = 'full' | 'readonly' | 'permission' | 'missing' | 'io';

/** The disk said no: full, read-only, no permission, a folder gone, an I/O error. The message names the path. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly path: string,
    readonly problem: StorageProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const SQLITE_PROBLEMS: Array<[RegExp, StorageProblem]> = [
  [/^SQLITE_FULL/u, 'full'],
  [/^SQLITE_READONLY/u, 'readonly'],
  [/^SQLITE_(PERM|AUTH)/u, 'permission'],
  [/^SQLITE_CANTOPEN/u, 'permission'],
  [/^SQLITE_IOERR/u, 'io'],
];
const ERRNO_PROBLEMS: Record<string, StorageProblem> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EFBIG: 'full',
  EROFS: 'readonly',
  EACCES: 'permission',
  EPERM: 'permission',
  ENOENT: 'missing',
  ENOTDIR: 'missing',
  EIO: 'io',
  EISDIR: 'io',
  EBUSY: 'io',
};

export function storageMessage(problem: StorageProblem, path: string, code: string): string {
  switch (problem) {
    case 'full':
      return `保存できません: ディスクの空き容量が不足しています（${path}）。不要なファイルを削除して空きを作ってから、もう一度操作してください。入力した内容は保存されていません。`;
    case 'readonly':
      return `保存できません: 「${path}」が読み取り専用です（ファイルかフォルダの書き込み権限、または読み取り専用のドライブでないかを確認してください）。`;
    case 'permission':
      return `「${path}」を読み書きする権限がありません（${code}）。ファイルとフォルダの権限を確認してください。`;
    case 'missing':
      return `「${path}」（またはそのフォルダ）が見つかりません。保存先を確認してください。`;
    case 'io':
      return `「${path}」の読み書きに失敗しました（${code}）。ディスクやネットワークドライブの状態を確認してください。`;
  }
}

/**
 * The storage failure behind an error, if it is one: Node's fs errors (their own path) and SQLite's result codes
 * (the database file, `dbFile`). Null for anything else.
 */
export function storageErrorOf(err: unknown, dbFile: string): StorageError | null {
  if (err instanceof StorageError) return err;
  const e = err as { code?: unknown; path?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (!code) return null;
  const sqlite = SQLITE_PROBLEMS.find(([re]) => re.test(code))?.[1];
  if (sqlite) return new StorageError(dbFile, sqlite, storageMessage(sqlite, dbFile, code), { cause: err });
  const errno = ERRNO_PROBLEMS[code];
  if (!errno) return null;
  const path = typeof e?.path === 'string' ? e.path : dbFile;
  return new StorageError(path, errno, storageMessage(errno, path, code), { cause: err });
}
