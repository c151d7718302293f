/**
 * Sync benchmark (not a test): N orders under review (40) against the sandbox with 50 ms added to every NP
 * request. Reports the requests one sync makes against the minimum ⌈N/1000⌉ per endpoint, and its wall time
 * against the ideal (requests × latency / concurrency, i.e. the network floor).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/db';
import { createNpClient } from '../electron/core/np/client';
import { createNpService } from '../electron/core/np/np-service';
import { createSyncEngine } from '../electron/core/np/sync-engine';
import { createOrderRepository } from '../electron/core/orders';
import { DEMO_MERCHANT, startSandbox } from '../electron/sandbox';
import { NP_MAX_BATCH } from '../shared/np/api-types';
import { sampleOrder } from '../test/helpers/sample-order';
import type { OrderInput } from '../shared/order';
import type { BenchRow } from './types';

const LATENCY_MS = 50;
const CONCURRENCY = 4;

/** A valid NP order that the sandbox sends to review ('審査テスト' in the address), each buyer with its own TEL. */
function reviewOrder(i: number): OrderInput {
  const base = sampleOrder();
  return {
    ...base,
    orderNo: `B${String(i).padStart(7, '0')}`,
    orderedAt: base.orderedAt + i * 1000,
    customer: { ...base.customer, address: `東京都港区赤坂1-2-3 赤坂ビル${100 + (i % 900)} 審査テスト`, tel: `090${String(10_000_000 + i).slice(-8)}` },
  };
}

async function setLatency(adminUrl: string, latencyMs: number): Promise<void> {
  const res = await fetch(`${adminUrl}/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs }) });
  if (!res.ok) throw new Error(`sandbox faults: HTTP ${res.status}`);
}

export async function benchSync({ count }: { count: number }): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'atobarai-bench-sync-'));
  // Reviews stay open for two polls: the first measured sync reads 40 for everything, the second makes them final.
  const sb = await startSandbox({ port: 0, rules: { reviewFinds: 2, reviewSeconds: 86_400 } });
  const db = openDatabase(join(dir, 'bench.sqlite'));
  try {
    const orders = createOrderRepository(db);
    const np = createNpService(db);
    const client = createNpClient({ baseUrl: sb.url, credentials: DEMO_MERCHANT });
    const engine = (registerBatchSize?: number) =>
      createSyncEngine({ db, np, getClient: () => client, concurrency: CONCURRENCY, ...(registerBatchSize ? { registerBatchSize } : {}) });
    const ids = orders.insertMany(Array.from({ length: count }, (_, i) => reviewOrder(i + 1)), Date.now());
    db.transaction(() => ids.forEach((id) => np.queue(id, 'register')))();

    // Setup (reported too): register everything in NP-sized batches, no latency.
    let started = performance.now();
    const registered = await engine(NP_MAX_BATCH).run();
    const registerMs = performance.now() - started;
    const underReview = db.prepare("SELECT count(*) FROM orders WHERE np_status = 'reviewing'").pluck().get() as number;
    if (underReview !== count) throw new Error(`expected ${count} orders under review, got ${underReview}`);

    await setLatency(sb.adminUrl, LATENCY_MS);
    const minimum = Math.ceil(count / NP_MAX_BATCH);
    const ideal = (minimum * LATENCY_MS) / CONCURRENCY;

    started = performance.now();
    const poll = await engine().run();
    const pollMs = performance.now() - started;

    started = performance.now();
    const final = await engine().run();
    const finalMs = performance.now() - started;
    const changed = Object.values(final.statusChanges).reduce((a, b) => a + (b ?? 0), 0);

    return [
      {
        name: `sync: requests for ${count} orders under review`,
        value: poll.requests,
        unit: 'requests',
        target: minimum,
        ok: poll.requests <= minimum,
        detail: { minimum: `⌈${count}/1000⌉ /authorizations/find`, paymentsFind: 0 },
      },
      {
        name: `sync: wall time, ${count} under review, ${LATENCY_MS} ms latency`,
        value: Math.round(pollMs),
        unit: 'ms',
        target: Math.round(ideal + 1000),
        ok: pollMs <= ideal + 1000,
        detail: { idealMs: ideal, formula: `${minimum} requests × ${LATENCY_MS} ms / ${CONCURRENCY} in flight`, budgetForLocalWorkMs: 1000, statusChanges: poll.statusChanges },
      },
      {
        name: `sync: ${count} reviews become final (${changed} status changes written)`,
        value: Math.round(finalMs),
        unit: 'ms',
        target: Math.round(ideal + 3000),
        ok: finalMs <= ideal + 3000 && final.requests <= minimum && changed === count,
        detail: { requests: final.requests, idealMs: ideal, statusChanges: final.statusChanges },
      },
      {
        name: `sync: register ${count} orders (batches of 1000, no latency)`,
        value: Math.round(registerMs),
        unit: 'ms',
        detail: { requests: registered.requests, sent: registered.sent },
      },
    ];
  } finally {
    db.close();
    await sb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
