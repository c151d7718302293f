/**
 * importOrders: the valid orders of a parsed file into the store, in ONE transaction, keyed by 注文番号.
 * - a new 注文番号 is inserted;
 * - an existing one is updated only when something differs — and fields the file does not map keep what is
 *   stored (an import without a SHOPメモ column never wipes staff's memo);
 * - importing the same file twice therefore changes nothing the second time (all "変更なし").
 * NP後払い orders are never queued for 取引登録 here: the report lists them for staff to confirm. Orders whose
 * row carries an NP取引ID are returned as pairs for the NP layer to attach.
 */
import type { Database } from 'better-sqlite3';
import type { CsvImportAction, CsvImportOrderSummary, CsvImportReport, CsvResolvedMapping, ImportField } from '../../../shared/csv';
import type { NpStatus } from '../../../shared/np/status';
import { PAYMENT_METHOD_LABELS, orderInputOf, orderTotal, sameOrderInput, type Order, type OrderInput, type Person } from '../../../shared/order';
import { ValidationError } from '../../../shared/validation';
import type { OrderRepository } from '../orders';
import type { ParsedOrder } from './order-rows';
import type { ParsedOrderCsv } from './parse-orders';

/** What the import needs of the order store. */
export type ImportRepository = Pick<OrderRepository, 'getByOrderNo' | 'insertMany' | 'update'>;

export interface ImportOptions {
  /**
   * The NP後払いステータス of a stored order (null = 未登録). With it, every NP後払い order of the file that is
   * still 未登録 becomes a 取引登録 candidate; without it, only the orders this import creates (or switches to NP後払い).
   */
  npStatus?: (orderId: number) => NpStatus | null;
  /**
   * Called inside the transaction for each order updated (e.g. NpService.refresh: an NP order whose data
   * changed now differs from what NP has). New orders have no NP state to recompute.
   */
  onUpdated?: (orderId: number) => void;
}

export interface PlannedOrder {
  parsed: ParsedOrder;
  action: CsvImportAction;
  existing: Order | undefined;
  /** What will be stored: the file's fields over the stored ones. */
  input: OrderInput;
}

function mapped(mapping: CsvResolvedMapping, field: ImportField): boolean {
  return (mapping[field]?.length ?? 0) > 0;
}

/** The file's order over the stored one: fields the file does not map keep their stored value. */
export function mergeOrderInput(stored: OrderInput, file: OrderInput, mapping: CsvResolvedMapping): OrderInput {
  const pick = <K extends keyof OrderInput>(key: K, field: ImportField): OrderInput[K] => (mapped(mapping, field) ? file[key] : stored[key]);
  const customer = { ...file.customer };
  for (const key of Object.keys(customer) as (keyof typeof customer)[]) {
    if (!mapped(mapping, `customer.${key}` as ImportField)) (customer as Record<string, unknown>)[key] = stored.customer[key];
  }
  const shipToMapped = (['name', 'kana', 'companyName', 'departmentName', 'zip', 'address', 'tel'] as (keyof Person)[]).some((k) =>
    mapped(mapping, `shipTo.${k}` as ImportField),
  );
  return {
    orderNo: file.orderNo,
    orderedAt: pick('orderedAt', 'orderedAt'),
    status: pick('status', 'status'),
    paymentMethod: pick('paymentMethod', 'paymentMethod'),
    customer,
    shipTo: shipToMapped ? file.shipTo : stored.shipTo,
    lines: file.lines,
    shippingFee: pick('shippingFee', 'shippingFee'),
    fee: pick('fee', 'fee'),
    discount: pick('discount', 'discount'),
    carrierCode: pick('carrierCode', 'carrier'),
    slipNo: pick('slipNo', 'slipNo'),
    invoiceType: pick('invoiceType', 'invoiceType'),
    note: pick('note', 'note'),
    shopMemo: pick('shopMemo', 'shopMemo'),
    shippedAt: pick('shippedAt', 'shippedAt'),
    paidAt: pick('paidAt', 'paidAt'),
  };
}

/** Decide, without writing, what the import does with each order of the file. */
export function planImport(repo: Pick<OrderRepository, 'getByOrderNo'>, parsed: ParsedOrderCsv): PlannedOrder[] {
  return parsed.orders.map((order) => {
    const existing = repo.getByOrderNo(order.orderNo);
    if (!existing) return { parsed: order, action: 'insert', existing, input: order.input };
    const input = mergeOrderInput(orderInputOf(existing), order.input, parsed.mapping);
    return { parsed: order, action: sameOrderInput(input, orderInputOf(existing)) ? 'unchanged' : 'update', existing, input };
  });
}

export function summarise(plan: PlannedOrder): CsvImportOrderSummary {
  return {
    orderNo: plan.parsed.orderNo,
    lines: plan.parsed.lines,
    action: plan.action,
    name: plan.input.customer.name,
    total: orderTotal(plan.input),
    paymentMethod: PAYMENT_METHOD_LABELS[plan.input.paymentMethod],
    npTransactionId: plan.parsed.npTransactionId,
  };
}

function reasonsOf(e: unknown): string[] {
  if (e instanceof ValidationError) return e.issues.map((i) => i.message);
  return [e instanceof Error ? e.message : String(e)];
}

export function importOrders(db: Database, repo: ImportRepository, parsed: ParsedOrderCsv, now: number, opts: ImportOptions = {}): CsvImportReport {
  const report: CsvImportReport = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [...parsed.rejected],
    updatedOrders: [],
    insertedOrderIds: [],
    registrationCandidates: [],
    transactionIds: [],
    attachProblems: [],
  };
  db.transaction(() => {
    const plan = planImport(repo, parsed);
    const inserts = plan.filter((p) => p.action === 'insert');
    // Every input passed OrderInputSchema in parseOrderCsv (or is a stored order merged with such an input).
    const insertedIds = repo.insertMany(
      inserts.map((p) => p.input),
      now,
      { parsed: true },
    );
    const ids = new Map<PlannedOrder, number>(inserts.map((p, i) => [p, insertedIds[i]!]));
    report.inserted = inserts.length;
    report.insertedOrderIds = insertedIds;
    for (const p of plan) {
      if (p.action === 'insert') continue;
      const id = p.existing!.id;
      ids.set(p, id);
      if (p.action === 'unchanged') {
        report.unchanged++;
        continue;
      }
      try {
        repo.update(id, p.input, now);
        opts.onUpdated?.(id);
      } catch (e) {
        ids.delete(p);
        report.rejected.push(...p.parsed.lines.map((line) => ({ line, orderNo: p.parsed.orderNo, reasons: reasonsOf(e) })));
        continue;
      }
      report.updated++;
      report.updatedOrders.push({ orderId: id, orderNo: p.parsed.orderNo, lines: p.parsed.lines });
    }
    for (const [p, orderId] of ids) {
      const npId = p.parsed.npTransactionId;
      if (npId) {
        report.transactionIds.push({ orderId, npTransactionId: npId });
        continue;
      }
      if (p.input.paymentMethod !== 'np_atobarai') continue;
      const candidate = opts.npStatus
        ? opts.npStatus(orderId) === null
        : p.action === 'insert' || (p.action === 'update' && p.existing?.paymentMethod !== 'np_atobarai');
      if (candidate) {
        report.registrationCandidates.push({ orderId, orderNo: p.parsed.orderNo, name: p.input.customer.name, total: orderTotal(p.input) });
      }
    }
  })();
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
