/**
 * A generated NP history for the store benchmark: five np_events per order (取引登録 request and answer, a status
 * read, 出荷報告, a payment read), each with a body like NP's (~600 bytes of JSON), dated as if the orders had
 * come in over `years` years. Written oldest first in chunks, with the app's compaction (np/compaction.ts) run
 * after each chunk, as the daily background run would have done; the file then holds what a shop of that age
 * keeps: recent events whole, older ones without their body.
 */
import type { Database } from 'better-sqlite3';
import { createNpEventCompaction, retentionCutoff } from '../electron/core/np/compaction';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHUNK = 20_000;

const KINDS = [
  { kind: 'request', action: 'register', endpoint: '/transactions', outcome: null },
  { kind: 'response', action: 'register', endpoint: '/transactions', outcome: 'ok' },
  { kind: 'response', action: 'status', endpoint: '/authorizations/find', outcome: 'ok' },
  { kind: 'response', action: 'shipment', endpoint: '/shipments', outcome: 'ok' },
  { kind: 'response', action: 'payment', endpoint: '/payments/find', outcome: 'ok' },
] as const;

function body(orderId: number, k: number): string {
  const tx = `26${String(orderId).padStart(9, '0')}`;
  return JSON.stringify({
    results: [
      {
        shop_transaction_id: String(10000 + orderId),
        np_transaction_id: tx,
        authori_result: '00',
        authori_required_date: '2026-11-30T12:00:00+09:00',
        authori_ng: '',
        authori_hold: [],
        customer: { customer_name: '山田 太郎', company_name: '', zip_code: '1070052', address: '東京都港区赤坂2-14-5', tel: '03-1234-5678', email: 'yamada.taro@example.jp' },
        billed_amount: 5480 + k,
        goods: [{ goods_name: '八女玉露50g', goods_price: 2160, quantity: 2 }, { goods_name: '送料', goods_price: 660, quantity: 1 }],
        payment_status: k === 4 ? '20' : null,
        customer_payment_date: k === 4 ? '2026-11-20' : null,
      },
    ],
  });
}

export interface NpHistoryResult {
  events: number;
  compacted: number;
  ms: number;
}

export function addNpHistory(db: Database, ids: readonly number[], opts: { now: number; years: number; retentionMonths: number }): NpHistoryResult {
  const insert = db.prepare(
    `INSERT INTO np_events (at, order_id, kind, action, endpoint, np_transaction_id, http_status, outcome, codes, body)
     VALUES (?, ?, ?, ?, ?, ?, 200, ?, '[]', ?)`,
  );
  const compaction = createNpEventCompaction(db);
  const cutoff = retentionCutoff(opts.now, opts.retentionMonths);
  const span = opts.years * 365 * DAY_MS;
  const started = performance.now();
  let compacted = 0;
  for (let from = 0; from < ids.length; from += CHUNK) {
    db.transaction(() => {
      for (let i = from; i < Math.min(from + CHUNK, ids.length); i++) {
        const id = ids[i] as number;
        const orderedAt = opts.now - span + (span * i) / ids.length;
        KINDS.forEach((k, n) => insert.run(orderedAt + n * 2 * DAY_MS, id, k.kind, k.action, k.endpoint, `26${String(id).padStart(9, '0')}`, k.outcome, body(id, n)));
      }
    })();
    compacted += compaction.all(cutoff);
  }
  return { events: ids.length * KINDS.length, compacted, ms: performance.now() - started };
}
