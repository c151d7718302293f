/**
 * One writer per data folder: two cores on one folder (the second is refused, naming the holder; a stale lock is
 * taken over), and — with the lock bypassed — the conditional outbox claim still sends every action exactly once,
 * counted at the sandbox.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrderSearchResult } from '../../../shared/search';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { DataLockError, LOCK_FILE } from '../../../electron/core/db/data-lock';
import { DEMO_MERCHANT } from '../../../electron/sandbox';
import { startTestSandbox, type TestSandbox } from '../np/helpers';
import { tempDir } from './helpers';
import { callCore } from '../../helpers/core-call';

const ports = { exportTarget: async () => null };

const call = callCore;

describe('the data-folder lock', () => {
  const tmp = tempDir('atobarai-lock-');
  const open: AppCore[] = [];
  const start = async (dataDir: string, over: Partial<AppCoreOptions> = {}) => {
    const core = await createAppCore({ dataDir, secrets: createMemorySecretStore(), ports, transport: 'http', log: silentLogger, sandboxTarget: { url: 'http://127.0.0.1:9/v1', credentials: { ...DEMO_MERCHANT } }, ...over });
    open.push(core);
    return core;
  };
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
  });
  afterAll(() => tmp.cleanup());

  it('refuses a second core on the same folder, saying which process holds it, and lets one in after close', async () => {
    const dir = join(tmp.dir, 'a');
    const first = await start(dir);
    const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number; host: string; since: number };
    expect(holder).toMatchObject({ pid: process.pid, host: hostname() });
    const err = await start(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataLockError);
    expect((err as Error).message).toContain(`プロセス ${process.pid}`);
    expect((err as Error).message).toContain(hostname());
    expect((err as Error).message).toContain('使用中');
    await first.close();
    open.splice(0);
    await start(dir); // released on close
  });

  it('refuses while another live process on this host holds the lock', async () => {
    const dir = join(tmp.dir, 'b');
    const first = await start(dir);
    await first.close();
    open.splice(0);
    // The parent of this test process is alive: a lock naming it is held.
    const pid = process.ppid;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), since: Date.UTC(2026, 10, 30, 1, 2), token: `${hostname()}|${pid}|other` }));
    const err = await start(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataLockError);
    expect((err as DataLockError).holder.pid).toBe(pid);
    expect((err as Error).message).toMatch(/2026\/11\/30 10:02/); // since when, in Japan time
  });

  it('takes over a stale lock left by a process that is gone (kill -9, power loss)', async () => {
    const dir = join(tmp.dir, 'c');
    const first = await start(dir);
    await first.close();
    open.splice(0);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(gone.stdout);
    expect(pid).toBeGreaterThan(0);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), since: 1, token: `${hostname()}|${pid}|dead` }));
    await start(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('takes over a lock file with unreadable content', async () => {
    const dir = join(tmp.dir, 'd');
    await (await start(dir)).close();
    open.splice(0);
    writeFileSync(join(dir, LOCK_FILE), '');
    await start(dir);
  });
});

describe('two cores on one folder with the lock bypassed: the conditional claim', () => {
  const tmp = tempDir('atobarai-claim-');
  let t: TestSandbox;
  let a: AppCore;
  let b: AppCore;
  const ORDERS = 2000;

  beforeAll(async () => {
    t = await startTestSandbox({ rules: { creditLimit: 10_000_000 } });
    await t.admin.faults({ latencyMs: 15 });
    const opts = (): AppCoreOptions => ({
      dataDir: tmp.dir,
      secrets: createMemorySecretStore(),
      ports,
      transport: 'http',
      log: silentLogger,
      sandboxTarget: { url: t.sb.url, credentials: { ...DEMO_MERCHANT } },
      demoOrders: ORDERS,
      dataLock: false,
    });
    a = await createAppCore(opts());
    b = await createAppCore(opts());
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await t?.stop();
    tmp.cleanup();
  });

  it('registers every order exactly once although both engines drain the same outbox at once', async () => {
    const queued = await call<OrderSearchResult>(a, 'searchOrders', { npStatuses: ['registering'], limit: 1 });
    expect(queued.total).toBeGreaterThan(500); // more than one engine claims in its first step (4 batches of 100)
    const [ra, rb] = await Promise.all([a.startLaunchSync(), b.startLaunchSync()]);
    expect(ra!.sent + rb!.sent).toBe(queued.total);
    expect(ra!.ambiguous + rb!.ambiguous).toBe(0);
    expect(ra!.sent).toBeGreaterThan(0);
    expect(rb!.sent).toBeGreaterThan(0); // both engines really took part
    const txns = await t.admin.transactions();
    expect(txns).toHaveLength(queued.total);
    expect(new Set(txns.map((x) => x.shop_transaction_id)).size).toBe(queued.total);
    expect(txns.every((x) => x.ops.register === 1)).toBe(true);
  }, 120_000);

  it('sends each cancel once when both engines run again', async () => {
    const live = await call<OrderSearchResult>(b, 'searchOrders', { npStatuses: ['ok', 'hold', 'ng', 'reviewing'], limit: 1000 });
    expect(live.rows.length).toBeGreaterThan(100);
    const { results } = await call<{ results: Array<{ ok: boolean }> }>(a, 'queueNpBulk', { orderIds: live.rows.map((r) => r.id), action: 'cancel' });
    const cancelled = results.filter((r) => r.ok).length;
    expect(cancelled).toBeGreaterThan(100);
    const [ra, rb] = await Promise.all([b.dispatch('startSync', undefined), a.dispatch('startSync', undefined)]);
    expect(ra.ok && rb.ok).toBe(true);
    const txns = await t.admin.transactions();
    expect(txns.filter((x) => x.ops.cancel === 1)).toHaveLength(cancelled);
    expect(txns.every((x) => x.ops.cancel <= 1)).toBe(true);
  }, 120_000);
});
