import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DatabaseFileError } from './errors';
import { breakSeal, sealIntact } from './clean-close';
import type { Migration } from './migration';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { messageOf } from '../../../shared/error-message';

export interface OpenDatabaseOptions {
  /** The schema steps to apply; defaults to the app's MIGRATIONS. */
  migrations?: readonly Migration[];
  /** Milliseconds to wait for a lock held by another connection (default 5000). */
  busyTimeoutMs?: number;
  /** Path of a better_sqlite3.node built for this runtime (Electron vs Node); better-sqlite3's own option. */
  nativeBinding?: string;
  /**
   * Open an existing, current store for reading only (a full disk: staff can still look things up). Nothing is
   * written: no WAL switch, no migration, no planner statistics.
   */
  readonly?: boolean;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const SQLITE_HEADER_SIZE = 100;

function corrupt(file: string, cause?: unknown): DatabaseFileError {
  return new DatabaseFileError(
    file,
    'corrupt',
    `データベースファイル「${file}」を開けません。SQLiteのデータベースではないか、壊れています。ファイルは変更していません。バックアップから戻すか、別の場所に移してから起動してください。`,
    { cause },
  );
}

function foreign(file: string): DatabaseFileError {
  return new DatabaseFileError(
    file,
    'foreign',
    `データベースファイル「${file}」は Atobarai Desk のデータベースではありません（他のアプリのSQLiteファイルです）。ファイルは変更していません。`,
  );
}

function empty(file: string): DatabaseFileError {
  return new DatabaseFileError(
    file,
    'empty',
    `データベースファイル「${file}」が空（0バイト）です。コピーや保存が途中で止まった可能性があります。新しい空のデータとしては開きません。ファイルは変更していません。バックアップから戻してください。`,
  );
}

function walWithoutMain(file: string): DatabaseFileError {
  return new DatabaseFileError(
    file,
    'corrupt',
    `データベースファイル「${file}」がなく、未反映の変更ファイル「${file}-wal」だけが残っています。二つは一組のファイルです（docs/data.md）。本体を元の場所に戻すか、バックアップから戻してください。ファイルは変更していません。`,
  );
}

function cannotOpen(file: string, cause: unknown): DatabaseFileError {
  const reason = messageOf(cause);
  return new DatabaseFileError(file, 'open', `データベースファイル「${file}」を開けません: ${reason}`, { cause });
}

/** Look at an existing file before SQLite touches it: it must be empty or start with SQLite's header. */
function checkHeader(file: string): void {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('ファイルではありません');
    size = st.size;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cannotOpen(file, cause);
    // A new database, unless its -wal is still there: the changes of a file that was moved or deleted.
    if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) throw walWithoutMain(file);
    return;
  }
  // SQLite would take an empty file for a new database: an emptied store would silently start over.
  if (size === 0) throw empty(file);
  if (size < SQLITE_HEADER_SIZE) throw corrupt(file);
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!head.equals(SQLITE_MAGIC)) throw corrupt(file);
}

function isCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/**
 * Open (or create) the app's SQLite file: WAL, foreign keys on, busy timeout, synchronous=NORMAL, then migrate.
 * A file that is not an SQLite database, or one written by a newer app version, raises DatabaseFileError naming
 * the file, and its bytes are left as they were (nothing is written before those checks pass).
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Database {
  const migrations = opts.migrations ?? MIGRATIONS;
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) checkHeader(file);
  if (opts.readonly) return openReadOnly(file, migrations.length, opts);
  let db: Database;
  try {
    db = new BetterSqlite3(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (cause) {
    throw isCorruption(cause) ? corrupt(file, cause) : cannotOpen(file, cause);
  }
  try {
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    try {
      // Reads only: forces SQLite to parse the header and the schema.
      const objects = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number;
      const version = schemaVersion(db);
      if (version === 0 && objects > 0) throw foreign(file);
      if (version > migrations.length) migrate(db, migrations, file); // throws 'newer' without writing
      // Damage is found here, not by the first search that touches a broken page or index (WAL files too;
      // before switching to WAL, which rewrites the header of a non-WAL file) — unless the file is exactly as
      // the app's last clean close left it (clean-close.ts): then nothing else has written it since.
      if (!inMemory && version > 0 && !sealIntact(file)) {
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw corrupt(file, new Error(String(check)));
      }
    } catch (cause) {
      if (isCorruption(cause)) throw corrupt(file, cause);
      throw cause;
    }
    if (!inMemory) {
      breakSeal(file); // the app writes the file from now on; a clean close seals it again
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw cannotOpen(file, new Error(`WALモードにできません（${String(mode)}）`));
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A large shop's file is ~100 MB at 100,000 orders: keep its hot pages in memory (64 MiB page cache, and
    // reads through a memory map) so searches that must visit many rows do not go through read() page by page.
    db.pragma('cache_size = -65536');
    if (!inMemory) db.pragma(`mmap_size = ${256 * 1024 * 1024}`);
    migrate(db, migrations, file);
    // Planner statistics are not gathered here: at a million orders that is seconds (db/statistics.ts). Bulk
    // writes refresh them; the session analyzes a store whose statistics are stale in the background.
    return db;
  } catch (e) {
    db.close();
    if (e instanceof DatabaseFileError) throw e;
    throw isCorruption(e) ? corrupt(file, e) : cannotOpen(file, e);
  }
}

/**
 * Reading only. A WAL database needs its -shm even for that, which a full disk may have no room for: then, when
 * the -wal holds nothing (the app closed cleanly), the file is read into memory and queried from there,
 * `query_only` so that nothing pretends to be saved.
 */
function openReadOnly(file: string, latest: number, opts: OpenDatabaseOptions): Database {
  const binding = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...binding });
    db.pragma('user_version'); // the -shm is mapped here
  } catch (cause) {
    if (isCorruption(cause)) throw corrupt(file, cause);
    const walEmpty = !existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0;
    if (!walEmpty) throw cannotOpen(file, cause);
    try {
      const bytes = readFileSync(file);
      bytes[18] = 1; // file format: rollback journal (a WAL header cannot be opened from memory)
      bytes[19] = 1;
      db = new BetterSqlite3(bytes, binding);
      db.pragma('query_only = 1');
    } catch (inner) {
      throw isCorruption(inner) ? corrupt(file, inner) : cannotOpen(file, inner);
    }
  }
  try {
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    const version = schemaVersion(db);
    if (version !== latest) throw cannotOpen(file, new Error(`読み取り専用では更新（スキーマ ${version} → ${latest}）できません`));
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw corrupt(file, new Error(String(check)));
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    return db;
  } catch (e) {
    db.close();
    if (e instanceof DatabaseFileError) throw e;
    throw isCorruption(e) ? corrupt(file, e) : cannotOpen(file, e);
  }
}
