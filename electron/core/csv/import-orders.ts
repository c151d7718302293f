/**
 * importOrders: the valid orders of a parsed file into the store, in ONE transaction, keyed by 注文番号.
 * - a new 注文番号 is inserted;
 * - an existing one is updated only when something differs — and fields the file does not map keep what is
 *   stored (an import without a SHOPメモ column never wipes staff's memo);
 * - importing the same file twice therefore changes nothing the second time (all "変更なし").
 * NP後払い orders are never queued for 取引登録 here: the report lists them for staff to confirm. Orders whose
 * row carries an NP取引ID are linked to it in the same transaction (opts.attach) and listed as pairs.
 */
import type { Database } from 'better-sqlite3';
import type { CsvImportAction, CsvImportOrderSummary, CsvImportProgressStep, CsvImportReport, CsvResolvedMapping, ImportField } from '../../../shared/csv';
import type { NpStatus } from '../../../shared/np/status';
import { PAYMENT_METHOD_LABELS, orderInputOf, orderTotal, sameOrderInput, type Order, type OrderInput, type Person } from '../../../shared/order';
import { ValidationError } from '../../../shared/validation';
import { messageOf } from '../../../shared/error-message';
import type { OrderRepository } from '../orders';
import type { ParsedOrder } from './order-rows';
import type { ParsedOrderCsv } from './parse-orders';

/** What the import needs of the order store. */
export type ImportRepository = Pick<OrderRepository, 'get' | 'getByOrderNo' | 'insertMany' | 'update'>;

export interface ImportOptions {
  /** 設定's 配送業者, given to new orders whose file has none (null: they stay without one). */
  defaultCarrierCode?: string | null;
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
  /**
   * Links an order to the NP取引ID its row carries (NpService.attachTransactionId), inside the import's
   * transaction; returns why not (Japanese) or null. Without it the pairs are only reported.
   */
  attach?: (orderId: number, npTransactionId: string) => string | null;
  /** Orders per step (default IMPORT_CHUNK). */
  chunkSize?: number;
  /**
   * Called inside the transaction before the first new order is written, with how many there are; returns what
   * to call once they are all written (commitImport: suspend the indexes for a bulk insert, build them again).
   */
  aroundInserts?: (count: number) => (() => void) | null;
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
  return [messageOf(e)];
}

/** Where an import is: checking against the store, writing orders, linking NP取引IDs. */
export type ImportStepProgress = CsvImportProgressStep;

/** How many orders each step handles between two progress reports (and chances to stop). */
export const IMPORT_CHUNK = 2_000;

/**
 * The import as steps: plan, insert, update, link NP取引IDs, yielding progress after every chunk of orders and
 * returning the report. The caller owns the transaction around ALL the steps (importOrders: one synchronous
 * transaction; commitImport: one transaction that can be stopped between chunks) — nothing is written outside it.
 */
export function* importSteps(repo: ImportRepository, parsed: ParsedOrderCsv, now: number, opts: ImportOptions = {}): Generator<ImportStepProgress, CsvImportReport> {
  const chunk = opts.chunkSize ?? IMPORT_CHUNK;
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
  const total = parsed.orders.length;
  const plan: PlannedOrder[] = [];
  for (let i = 0; i < total; i += chunk) {
    plan.push(...planImport(repo, { ...parsed, orders: parsed.orders.slice(i, i + chunk) }));
    yield { phase: 'checking', done: plan.length, total };
  }
  const inserts = plan.filter((p) => p.action === 'insert');
  const changes = plan.filter((p) => p.action === 'update');
  const writes = inserts.length + changes.length;
  const ids = new Map<PlannedOrder, number>();
  const afterInserts = inserts.length ? (opts.aroundInserts?.(inserts.length) ?? null) : null;
  for (let i = 0; i < inserts.length; i += chunk) {
    const part = inserts.slice(i, i + chunk);
    // Every input passed OrderInputSchema in parseOrderCsv (or is a stored order merged with such an input).
    const carrier = opts.defaultCarrierCode ?? null;
    const insertedIds = repo.insertMany(
      part.map((p) => (p.input.carrierCode === null && carrier !== null ? { ...p.input, carrierCode: carrier } : p.input)),
      now,
      { parsed: true },
    );
    part.forEach((p, k) => ids.set(p, insertedIds[k]!));
    report.insertedOrderIds.push(...insertedIds);
    yield { phase: 'writing', done: report.insertedOrderIds.length, total: writes };
  }
  afterInserts?.(); // before the updates and links: they look orders up
  report.inserted = inserts.length;
  for (let i = 0; i < changes.length; i++) {
    const p = changes[i]!;
    const id = p.existing!.id;
    try {
      repo.update(id, p.input, now);
      opts.onUpdated?.(id);
      ids.set(p, id);
      report.updated++;
      report.updatedOrders.push({ orderId: id, orderNo: p.parsed.orderNo, lines: p.parsed.lines });
    } catch (e) {
      report.rejected.push(...p.parsed.lines.map((line) => ({ line, orderNo: p.parsed.orderNo, reasons: reasonsOf(e) })));
    }
    if ((i + 1) % chunk === 0 || i === changes.length - 1) yield { phase: 'writing', done: inserts.length + i + 1, total: writes };
  }
  for (const p of plan) if (p.action === 'unchanged') ids.set(p, p.existing!.id);
  report.unchanged = plan.length - inserts.length - changes.length;
  for (const p of plan) {
    const orderId = ids.get(p);
    if (orderId === undefined) continue;
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
  // NP取引IDs the cart registered: linked in the same transaction as the orders (never a half-imported state).
  const pairs = opts.attach ? report.transactionIds : [];
  for (let i = 0; i < pairs.length; i++) {
    const { orderId, npTransactionId } = pairs[i]!;
    const problem = opts.attach!(orderId, npTransactionId);
    if (problem) report.attachProblems.push({ orderId, orderNo: repo.get(orderId)?.orderNo ?? '', npTransactionId, message: problem });
    if ((i + 1) % chunk === 0 || i === pairs.length - 1) yield { phase: 'linking', done: i + 1, total: pairs.length };
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

/** importSteps in ONE synchronous transaction. */
export function importOrders(db: Database, repo: ImportRepository, parsed: ParsedOrderCsv, now: number, opts: ImportOptions = {}): CsvImportReport {
  return db.transaction(() => {
    const steps = importSteps(repo, parsed, now, opts);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  })();
}
