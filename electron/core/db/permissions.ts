/**
 * The shop's data is for its owner only (POSIX): the data folder 0700, the database, its -wal/-shm, backups,
 * exports and the sandbox file 0600. Windows keeps its own ACLs (the user profile is private already).
 */
import { chmodSync, existsSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** chmod what exists; a file that is not ours to chmod (EPERM) keeps its mode. */
function restrict(path: string, mode: number): void {
  if (!POSIX || !existsSync(path)) return;
  try {
    chmodSync(path, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  }
}

export function restrictDir(dir: string): void {
  restrict(dir, PRIVATE_DIR_MODE);
}

export function restrictFiles(...files: string[]): void {
  for (const f of files) restrict(f, PRIVATE_FILE_MODE);
}

/** The database and the files SQLite keeps beside it. */
export function restrictDatabase(file: string): void {
  restrictFiles(file, `${file}-wal`, `${file}-shm`);
}
