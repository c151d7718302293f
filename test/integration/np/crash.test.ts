/**
 * The crash test: a child process syncing with the sandbox is killed with SIGKILL at random points (≥ 10 kills
 * that land while it works). After each kill the store must pass PRAGMA integrity_check; staff settle ambiguous
 * registers and queue the next actions; at the end no action is lost or duplicated on the sandbox and the store
 * equals the sandbox.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createSyncEngine } from '../../../electron/core/np/sync-engine';
import { createNpService, type NpService } from '../../../electron/core/np/np-service';
import { createOrderRepository } from '../../../electron/core/orders';
import { LOCAL } from '../../../shared/np/codes';
import type { NpAction } from '../../../shared/np/status';
import type { Database } from 'better-sqlite3';
import { FAST_RETRY, localView, npOrder, startTestSandbox, tempDir, testClient, type TestSandbox } from './helpers';

const ORDERS = 80;
/** New orders arriving (and registered) between two runs, so every run has work to be killed in. */
const NEW_PER_ROUND = 16;
const MIN_KILLS = 10;
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const tmp = tempDir('atobarai-np-crash-');
const file = tmp.file('crash.sqlite');
let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
  // Each NP request takes a little while, so kills land in requests and in the writes around them.
  await t.admin.faults({ latencyMs: 15 });
});
afterAll(async () => {
  await t.stop();
  tmp.cleanup();
});

/** mulberry32, seeded: the kill points are random but reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** What each order should go through after it is 審査OK. */
function planFor(i: number): NpAction[] {
  return [['update', 'shipment'], ['cancel'], ['shipment'], [], ['update', 'cancel']][i % 5] as NpAction[];
}

interface Opened {
  db: Database;
  np: NpService;
  close(): void;
}
function open(): Opened {
  const db = openDatabase(file);
  return { db, np: createNpService(db), close: () => db.close() };
}

/**
 * Runs the child; kills it `delayMs` after its `afterSteps`-th progress event (null = let it finish).
 * Resolves whether the kill landed while it was still working.
 */
function runChild(kill: { afterSteps: number; delayMs: number } | null): Promise<{ killedWhileWorking: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, t.sb.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const steps = out.split('\n').filter((l) => l === 'step').length;
      if (kill && timer === null && steps >= kill.afterSteps) timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ killedWhileWorking: !out.includes('done') });
      else if (code === 0) resolve({ killedWhileWorking: false });
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

describe('a sync process killed at random points', () => {
  it('keeps the store intact and loses or duplicates no action', async () => {
    const random = prng(5150);
    const ids: number[] = [];
    const done = new Map<number, NpAction[]>();
    const plan = new Map<number, NpAction[]>();
    /** New orders come in and are registered (in the order's own transaction, as the app does). */
    function newOrders(o: Opened, n: number): void {
      const repo = createOrderRepository(o.db);
      o.db.transaction(() => {
        for (let k = 0; k < n; k++) {
          const i = ids.length;
          const id = repo.insert(npOrder(i + 1), Date.UTC(2026, 10, 10)).id;
          o.np.queue(id, 'register');
          ids.push(id);
          done.set(id, []);
          plan.set(id, planFor(i));
        }
      })();
    }
    const setup = open();
    newOrders(setup, ORDERS);
    setup.close();

    /** Staff work between runs: settle ambiguous registers, queue each order's next planned action. */
    async function staff(o: Opened): Promise<void> {
      const status = o.db.prepare('SELECT np_status FROM orders WHERE id = ?').pluck();
      for (const id of ids) {
        const info = o.np.info(id);
        if (info.status === 'register_failed' && info.state.errorCodes.includes(LOCAL.AMBIGUOUS_REGISTER)) {
          const orderNo = createOrderRepository(o.db).get(id)!.orderNo;
          const live = (await t.admin.transactions(orderNo)).filter((x) => x.state !== 'cancelled');
          expect(live.length, orderNo).toBeLessThanOrEqual(1);
          if (live[0]) o.np.attachTransactionId(id, live[0].np_transaction_id);
          else o.np.queue(id, 'register');
          continue;
        }
        const next = plan.get(id)![done.get(id)!.length];
        if (!next || info.pending || !info.allowedActions.includes(next)) continue;
        if (next === 'update') {
          const repo = createOrderRepository(o.db);
          const order = repo.get(id)!;
          repo.update(id, { ...order, discount: order.discount + 111 }, Date.UTC(2026, 10, 11));
          o.np.refresh(id);
        }
        o.np.queue(id, next, next === 'shipment' ? { slipNo: `C-${id}` } : {});
        done.get(id)!.push(next);
        expect(status.get(id)).not.toBe('ok');
      }
    }

    let kills = 0;
    let rounds = 0;
    while (kills < MIN_KILLS) {
      rounds++;
      expect(rounds, 'rounds needed for the kills').toBeLessThan(40);
      const ended = await runChild({ afterSteps: 1 + Math.floor(random() * 8), delayMs: Math.floor(random() * 40) });
      if (ended.killedWhileWorking) kills++;
      const o = open();
      expect(o.db.pragma('integrity_check', { simple: true })).toBe('ok');
      // The outbox invariant holds after any kill: at most one open action per order.
      expect(o.db.prepare("SELECT max(n) FROM (SELECT count(*) AS n FROM np_outbox WHERE state IN ('pending','sending') GROUP BY order_id)").pluck().get() ?? 0).toBeLessThanOrEqual(1);
      await staff(o);
      newOrders(o, NEW_PER_ROUND);
      o.close();
    }

    // Let the rest finish without kills (staff keep working), then compare with the sandbox.
    const o = open();
    const engine = createSyncEngine({ db: o.db, np: o.np, getClient: () => testClient(t.sb), retry: FAST_RETRY, batchSize: 50 });
    for (let i = 0; ; i++) {
      expect(i, 'syncs to finish the plan').toBeLessThan(30);
      await engine.run();
      await staff(o);
      const unfinished = ids.filter((id) => done.get(id)!.length < plan.get(id)!.length).length;
      if (o.np.pendingCount() === 0 && unfinished === 0) break;
    }
    await engine.run();

    const sandbox = await t.admin.transactions();
    const local = localView(o.db);
    const repo = createOrderRepository(o.db);
    for (const id of ids) {
      const order = repo.get(id)!;
      const txns = sandbox.filter((x) => x.shop_transaction_id === order.orderNo);
      expect(txns.length, `NP transactions of ${order.orderNo}`).toBe(1);
      const remote = txns[0]!;
      const mine = local.get(order.orderNo)!;
      const wanted = plan.get(id)!;
      expect(mine.npId).toBe(remote.np_transaction_id);
      expect(remote.ops.register).toBe(1);
      expect(remote.ops.cancel, `cancels of ${order.orderNo}`).toBe(wanted.includes('cancel') ? 1 : 0);
      expect(remote.ops.shipments, `shipments of ${order.orderNo}`).toBe(wanted.includes('shipment') ? 1 : 0);
      if (wanted.includes('update')) {
        expect(remote.ops.update).toBeGreaterThanOrEqual(1);
        expect(remote.billed_amount).toBe(order.total);
      } else {
        expect(remote.ops.update).toBe(0);
      }
      expect({ authori: mine.authori, cancelled: mine.cancelled, shipped: mine.shipped }).toEqual({
        authori: remote.authori_result,
        cancelled: remote.state === 'cancelled',
        shipped: remote.ops.shipments === 1,
      });
    }
    expect(o.db.prepare("SELECT count(*) FROM np_outbox WHERE state IN ('pending', 'sending', 'failed', 'ambiguous')").pluck().get()).toBe(0);
    expect(o.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The kills did interrupt requests in flight, of registers and of the other actions.
    const interrupted = o.db
      .prepare("SELECT action, count(*) AS n FROM np_events WHERE kind = 'answer' AND (body LIKE '%interrupted%' OR codes LIKE '%\"LOCAL_AMBIGUOUS\"%') GROUP BY action")
      .all() as Array<{ action: string; n: number }>;
    expect(interrupted.reduce((n, r) => n + r.n, 0)).toBeGreaterThan(0);
    o.close();
    console.info(`crash test: ${kills} kills while syncing in ${rounds} runs of the child, ${ids.length} orders, interrupted in flight: ${JSON.stringify(interrupted)}`);
  });
});
