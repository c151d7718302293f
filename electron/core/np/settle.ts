/**
 * Settling 「登録されたか不明」 registers in bulk (docs/sync.md): after a crash or a batch of timeouts there may be
 * hundreds, and NP has no lookup by 注文番号, so staff export NP's transaction list from the merchant screen and
 * the app attaches the NP取引IDs it names — or staff confirm in NP's screen that the orders are not there and
 * register them again in one step. Each runs in one SQLite transaction; a preview is the same run rolled back.
 */
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api-result';
import { LOCAL } from '../../../shared/np/codes';
import type { BulkActionResult } from '../../../shared/contract';
import type { NpIdAttachLine, NpIdAttachOutcome, NpIdAttachResult } from '../../../shared/np-settle';
import type { Order } from '../../../shared/order';
import { headerKey } from '../csv/headers';
import { decodeCsv, readCsvRecords } from '../csv/read';
import type { NpService } from './np-service';
import { messageOf } from '../../../shared/error-message';

export interface SettleStore {
  db: Database;
  np: NpService;
  orders: { get(id: number): Order | undefined; getByOrderNo(orderNo: string): Order | undefined };
}

/** The columns of NP's transaction CSV (and of a shop's own list): the first header that matches wins. */
const NP_ID_HEADERS = ['NP取引ID', 'np_transaction_id', '取引ID'].map(headerKey);
const ORDER_NO_HEADERS = ['加盟店取引ID', '注文番号', '受注番号', 'ショップ取引ID', '店舗取引ID', 'shop_transaction_id', 'ご注文番号'].map(headerKey);

class Preview extends Error {}

function columnOf(headers: string[], wanted: string[]): number {
  const keys = headers.map(headerKey);
  for (const w of wanted) {
    const i = keys.indexOf(w);
    if (i >= 0) return i;
  }
  return -1;
}

const message = messageOf;

/**
 * NP取引IDs from a CSV with 注文番号 (加盟店取引ID) and NP取引ID columns, attached to the orders they name. Lines
 * whose order cannot take the id are reported and skipped; the others are attached together in one transaction
 * (apply), or only reported (preview: the same run, rolled back).
 */
export function attachNpIdsFromCsv(s: SettleStore, bytes: Uint8Array, apply: boolean): NpIdAttachResult {
  const { records, problems } = readCsvRecords(decodeCsv(bytes).text);
  const [header, ...rows] = records;
  const idCol = header ? columnOf(header.cells, NP_ID_HEADERS) : -1;
  const noCol = header ? columnOf(header.cells, ORDER_NO_HEADERS) : -1;
  if (idCol < 0 || noCol < 0) {
    throw new ApiError({
      code: 'validation',
      message: `NP取引IDと注文番号の列が見つかりません（見出しに「NP取引ID」と「加盟店取引ID」または「注文番号」が必要です）。NPの加盟店管理画面からダウンロードした取引一覧のCSVを選んでください。`,
    });
  }
  const lines: NpIdAttachLine[] = problems.map((p) => ({ line: p.line, orderNo: '', npTransactionId: '', orderId: null, outcome: 'refused', message: p.reasons.join(' / ') }));
  const run = s.db.transaction(() => {
    for (const { line, cells } of rows) {
      const orderNo = (cells[noCol] ?? '').trim();
      const npTransactionId = (cells[idCol] ?? '').normalize('NFKC').trim();
      if (!orderNo && !npTransactionId) continue;
      const order = orderNo ? s.orders.getByOrderNo(orderNo) : undefined;
      const base = { line, orderNo, npTransactionId, orderId: order?.id ?? null };
      if (!order) {
        lines.push({ ...base, outcome: 'not_found', message: orderNo ? `注文番号 ${orderNo} の受注がありません。` : '注文番号がありません。' });
        continue;
      }
      if (s.np.store.getTx(order.id)?.np_transaction_id === npTransactionId) {
        lines.push({ ...base, outcome: 'same', message: '' });
        continue;
      }
      try {
        s.np.attachTransactionId(order.id, npTransactionId); // its own savepoint: a refusal undoes only this line
        lines.push({ ...base, outcome: 'attach', message: '' });
      } catch (e) {
        lines.push({ ...base, outcome: 'refused', message: message(e) });
      }
    }
    if (!apply) throw new Preview();
  });
  try {
    run();
  } catch (e) {
    if (!(e instanceof Preview)) throw e;
  }
  lines.sort((a, b) => a.line - b.line);
  const counts: Record<NpIdAttachOutcome, number> = { attach: 0, same: 0, not_found: 0, refused: 0 };
  for (const l of lines) counts[l.outcome]++;
  return { applied: apply, lines, counts };
}

/** Whether the order's last 取引登録 is 「登録されたか不明」 (may or may not exist at NP) and not being settled already. */
export function isAmbiguousRegister(np: NpService, orderId: number): boolean {
  const tx = np.store.getTx(orderId);
  return tx?.failed_action === 'register' && tx.error_codes.includes(LOCAL.AMBIGUOUS_REGISTER) && !np.store.openAction(orderId);
}

/**
 * 「NPに登録されていないことを確認して再登録」 for many orders: only orders whose register is ambiguous are taken
 * (anything else is refused with the reason), in one transaction; the sync sends the registers.
 */
export function reregisterAmbiguous(s: SettleStore, orderIds: readonly number[]): BulkActionResult[] {
  return s.db.transaction(() =>
    orderIds.map((orderId): BulkActionResult => {
      const order = s.orders.get(orderId);
      if (!order) return { orderId, orderNo: '', ok: false, message: '受注が見つかりません。' };
      if (!isAmbiguousRegister(s.np, orderId)) {
        return { orderId, orderNo: order.orderNo, ok: false, message: '「登録されたか不明」の受注ではないため、再登録しません。' };
      }
      try {
        s.np.queue(orderId, 'register');
        return { orderId, orderNo: order.orderNo, ok: true, message: '取引登録を送信待ちにしました。' };
      } catch (e) {
        return { orderId, orderNo: order.orderNo, ok: false, message: message(e) };
      }
    }),
  )();
}
