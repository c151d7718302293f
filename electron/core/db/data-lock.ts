/**
 * One writer per data folder (docs/data.md): `atobarai.lock` beside the database names the process that holds it
 * (pid, host, since). A second process is refused with a DataLockError saying who holds it; a lock left by a
 * process that no longer runs on this host (kill -9, power loss) is taken over. The lock file is written whole
 * under a temporary name and hard-linked into place, so it never exists half written and two processes cannot
 * both create it.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { jstDateTimeLabel } from '../../../shared/jst-date';
import { isOwnerAlive, newOwnerToken, releaseOwnerToken } from './owner';

export const LOCK_FILE = 'atobarai.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** Epoch ms when the holder took the lock. */
  since: number;
  token: string;
}

export interface DataLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): void;
}

export class DataLockError extends Error {
  override readonly name = 'DataLockError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `データフォルダ「${dataDir}」は別の Atobarai Desk が使用中です（プロセス ${holder.pid}、コンピュータ ${holder.host}、${jstDateTimeLabel(holder.since)} から）。` +
        '同じデータを二つのアプリで開くと、NPへの取引登録が二重に送られるおそれがあります。もう一方を終了してから起動してください。',
    );
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.since === 'number' && typeof v.token === 'string') return v as LockHolder;
    return null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e;
    return null; // unreadable content: not a live holder's file (it is written whole)
  }
}

/** Take the data folder's lock or throw DataLockError naming the process that holds it. */
export function acquireDataLock(dataDir: string, now: number = Date.now()): DataLock {
  const file = join(dataDir, LOCK_FILE);
  const token = newOwnerToken();
  const holder: LockHolder = { pid: process.pid, host: hostname(), since: now, token };
  const temp = `${file}.${process.pid}.${token.slice(-8)}`;
  writeFileSync(temp, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw e;
      }
      let existing: LockHolder | null;
      try {
        existing = readHolder(file);
      } catch {
        continue; // released meanwhile
      }
      if (existing && isOwnerAlive(existing.token)) {
        releaseOwnerToken(token);
        throw new DataLockError(dataDir, existing);
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  } catch (e) {
    releaseOwnerToken(token);
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
  let released = false;
  return {
    file,
    holder,
    release() {
      if (released) return;
      released = true;
      releaseOwnerToken(token);
      try {
        if (readHolder(file)?.token === token) rmSync(file, { force: true });
      } catch {
        // already gone
      }
    },
  };
}
