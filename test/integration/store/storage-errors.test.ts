/**
 * Storage errors said as what they are (docs/data.md): a full disk (a small tmpfs), a read-only folder (a
 * read-only tmpfs), each with its own Japanese message naming the path, never the generic 内部エラー; an export
 * never leaves a 0-byte or partial file; a full disk still opens the store read-only for review; quitting while
 * NP hangs finishes within seconds.
 * The tmpfs cases need `mount` (root on Linux); elsewhere they are skipped, saying so.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api-result';
import { DB_FILE } from '../../../electron/core/app/core';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { generateOrders } from '../../../electron/core/demo';
import { storageErrorOf } from '../../../electron/core/db';
import { DEMO_MERCHANT } from '../../../electron/sandbox';
import { startTestSandbox } from '../np/helpers';
import { sampleOrder, tempDir } from './helpers';
import { callCore } from '../../helpers/core-call';

const tmp = tempDir('atobarai-storage-');
afterAll(() => tmp.cleanup());

function tryMount(dir: string, options: string): string | null {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `cannot mount a tmpfs here (${(e as Error).message.split('\n')[0]}): needs root on Linux`;
  }
}
const unmount = (dir: string): void => {
  try {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  } catch {
    // not mounted
  }
};

/** Fill the file system up to the last byte (returns the filler's path). */
function fillDisk(dir: string, name = 'filler.bin'): string {
  const file = join(dir, name);
  const fd = openSync(file, 'a');
  const chunk = Buffer.alloc(64 * 1024, 7);
  try {
    for (;;) {
      try {
        writeSync(fd, chunk);
      } catch {
        try {
          for (;;) writeSync(fd, chunk.subarray(0, 512));
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

const call = callCore;

function coreOn(dataDir: string, exportDir: string, over: Partial<AppCoreOptions> = {}): Promise<AppCore> {
  return createAppCore({
    dataDir,
    secrets: createMemorySecretStore(),
    transport: 'http',
    log: silentLogger,
    sandboxTarget: { url: 'http://127.0.0.1:9/v1', credentials: { ...DEMO_MERCHANT } },
    ports: { exportTarget: async (name: string) => ({ path: join(exportDir, name), download: name }) },
    ...over,
  });
}

const order = (i: number) => ({ ...sampleOrder({ orderNo: `F${i}` }), shopMemo: 'メモ'.repeat(200), lines: generateOrders({ seed: i, count: 1 })[0]!.lines });

describe('a full disk (small tmpfs)', () => {
  const mnt = join(tmp.dir, 'full');
  let skip: string | null = null;
  beforeAll(() => {
    skip = tryMount(mnt, 'size=6m');
  });
  afterAll(() => unmount(mnt));

  it('says 保存できません: ディスクの空き容量が不足しています, naming the database, and loses nothing saved before', async (t) => {
    if (skip) return t.skip(skip);
    const data = join(mnt, 'data');
    const core = await coreOn(data, mnt);
    let saved = 0;
    for (; saved < 5; saved++) await call(core, 'createOrder', { order: order(saved), registerWithNp: false });
    fillDisk(mnt);
    let failure: ApiResult<unknown> | null = null;
    for (let i = 0; i < 400 && !failure; i++) {
      const res = await core.dispatch('createOrder', { order: order(1000 + i), registerWithNp: false });
      if (res.ok) saved++;
      else failure = res;
    }
    expect(failure).not.toBeNull();
    if (failure && !failure.ok) {
      expect(failure.error.code).toBe('storage');
      expect(failure.error.message).toContain('保存できません: ディスクの空き容量が不足しています');
      expect(failure.error.message).toContain(join(data, DB_FILE));
    }
    expect((await call<{ total: number }>(core, 'searchOrders', { limit: 1 })).total).toBe(saved);

    await core.close();
  });

  it('an export to a full disk says so naming the file, and leaves no 0-byte or partial file', async (t) => {
    if (skip) return t.skip(skip);
    const exports = join(tmp.dir, 'full-exports');
    const reason = tryMount(exports, 'size=256k');
    if (reason) return t.skip(reason);
    try {
      const core = await coreOn(join(tmp.dir, 'export-data'), exports);
      for (let i = 0; i < 40; i++) await call(core, 'createOrder', { order: order(i), registerWithNp: false });
      fillDisk(exports);
      const res = await core.dispatch('csvExport', { criteria: { limit: 50 }, kind: 'orders', encoding: 'utf8bom' });
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('storage');
        expect(res.error.message).toMatch(/ディスクの空き容量が不足/);
        expect(res.error.message).toContain(exports);
        expect(res.error.message).toMatch(/\.csv/);
        expect(res.error.message).not.toContain('.partial');
      }
      expect(readdirSync(exports).filter((f) => f !== 'filler.bin')).toEqual([]);
      await core.close();
    } finally {
      unmount(exports);
    }
  });

  it('still opens the store read-only for review, and a save says why it cannot', async (t) => {
    if (skip) return t.skip(skip);
    const data = join(mnt, 'data');
    rmSync(join(mnt, 'filler.bin'), { force: true });
    let core = await coreOn(data, mnt); // room again: a clean open and close, nothing left in a -wal
    const total = (await call<{ total: number }>(core, 'searchOrders', { limit: 1 })).total;
    await core.close();
    fillDisk(mnt);
    core = await coreOn(data, mnt);
    expect((await call<{ total: number }>(core, 'searchOrders', { limit: 1 })).total).toBe(total);
    const res = await core.dispatch('createOrder', { order: order(5000), registerWithNp: false });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('storage');
      expect(res.error.message).toMatch(/読み取り専用で開いています/);
    }
    await core.close();
  });
});

describe('a read-only folder (read-only tmpfs)', () => {
  const mnt = join(tmp.dir, 'ro');
  let skip: string | null = null;
  beforeAll(() => {
    skip = tryMount(mnt, 'size=1m,ro');
  });
  afterAll(() => unmount(mnt));

  it('an export into it says the folder is read-only, naming the file', async (t) => {
    if (skip) return t.skip(skip);
    const core = await coreOn(join(tmp.dir, 'rw-data'), mnt);
    await call(core, 'createOrder', { order: order(1), registerWithNp: false });
    const res = await core.dispatch('csvExport', { criteria: { limit: 50 }, kind: 'orders', encoding: 'cp932' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('storage');
      expect(res.error.message).toContain('読み取り専用');
      expect(res.error.message).toContain(mnt);
      expect(res.error.message).not.toContain('.partial');
    }
    await core.close();
  });
});

describe('quitting while NP hangs', () => {
  it('closes within a few seconds; the interrupted register is settled at the next start', async () => {
    const t = await startTestSandbox();
    const dir = join(tmp.dir, 'hang');
    const opts: Partial<AppCoreOptions> = { sandboxTarget: { url: t.sb.url, credentials: { ...DEMO_MERCHANT } }, npTimeoutMs: 60_000 };
    const core = await coreOn(dir, dir, opts);
    await call(core, 'createOrder', { order: order(1), registerWithNp: true });
    await t.admin.faults({ script: ['timeout'] });
    const sync = core.dispatch('startSync', undefined);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await core.close();
    expect(Date.now() - started).toBeLessThan(5000);
    const again = await coreOn(dir, dir, opts);
    const summary = await again.startLaunchSync();
    expect(summary?.ambiguous).toBe(1); // it may have reached NP: never re-sent blindly
    await again.close();
    await t.stop(); // closes the hanging request: the first engine's late answer has nowhere to go
    expect((await sync).ok).toBe(false);
  }, 30_000);
});

describe('what each storage failure is called', () => {
  // EACCES cannot be produced as root (tests may run as root): the classification of the error Node raises.
  it('names the path and the kind for fs and SQLite codes, and nothing else', () => {
    const fsError = (code: string, path: string) => Object.assign(new Error(`${code}: x`), { code, path });
    expect(storageErrorOf(fsError('EACCES', '/home/shop/exports/受注.csv'), '/data/atobarai.sqlite')).toMatchObject({ problem: 'permission', path: '/home/shop/exports/受注.csv' });
    expect(storageErrorOf(fsError('EACCES', '/x/y.csv'), '/d')!.message).toContain('「/x/y.csv」を読み書きする権限がありません');
    expect(storageErrorOf(fsError('EROFS', '/mnt/ro/a.csv'), '/d')!.message).toContain('読み取り専用');
    expect(storageErrorOf(fsError('ENOSPC', '/mnt/full/a.csv'), '/d')!.message).toContain('保存できません: ディスクの空き容量が不足しています（/mnt/full/a.csv）');
    expect(storageErrorOf(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), '/data/atobarai.sqlite')).toMatchObject({ problem: 'full', path: '/data/atobarai.sqlite' });
    expect(storageErrorOf(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY_DBMOVED' }), '/d.sqlite')?.problem).toBe('readonly');
    expect(storageErrorOf(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }), '/d.sqlite')).toBeNull();
    expect(storageErrorOf(new Error('plain'), '/d.sqlite')).toBeNull();
  });
});
