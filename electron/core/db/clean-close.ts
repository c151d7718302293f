/**
 * The seal of a clean close: when the app closes its store normally it records the file's identity (inode,
 * size, change and modification times) beside it, in `<file>.closed`. Opening breaks the seal (from then on the
 * app writes the file). At the next start an intact seal — the same identity, no -wal left — means nothing has
 * written the file since a close that followed a checked open, and the full `PRAGMA quick_check` (12 s for a 2 GB
 * store of 1,000,000 orders) is skipped; a crash, a copy, a restore, a file edited or damaged by anything else
 * leaves no matching seal, and the file is checked (docs/data.md).
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

interface Seal {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

const sealFile = (file: string) => `${file}.closed`;

function identity(file: string): Seal | null {
  try {
    const st = statSync(file);
    return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
  } catch {
    return null;
  }
}

/** Nothing was left in a -wal (a clean close checkpoints it and removes it). */
function walEmpty(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size === 0;
  } catch {
    return true;
  }
}

/**
 * After the store was closed cleanly (or has just passed the full check, unopened: the launch backup's): records
 * the file as it is now. Never throws (without a seal the next open checks).
 */
export function sealCleanClose(file: string): void {
  const id = identity(file);
  if (!id || !walEmpty(file)) return;
  try {
    writeFileSync(sealFile(file), JSON.stringify(id), { mode: 0o600 });
  } catch {
    // no room or no permission: the next open runs the full check
  }
}

/** Whether the file is exactly as the app's last clean close left it. */
export function sealIntact(file: string): boolean {
  if (!existsSync(sealFile(file)) || !walEmpty(file)) return false;
  const now = identity(file);
  try {
    const sealed = JSON.parse(readFileSync(sealFile(file), 'utf8')) as Partial<Seal>;
    return now !== null && sealed.ino === now.ino && sealed.size === now.size && sealed.mtimeMs === now.mtimeMs && sealed.ctimeMs === now.ctimeMs;
  } catch {
    return false;
  }
}

/** Opened for writing: the seal no longer describes the file. */
export function breakSeal(file: string): void {
  try {
    rmSync(sealFile(file), { force: true });
  } catch {
    // left behind: the app's writes change the file's identity, so it no longer matches anyway
  }
}
