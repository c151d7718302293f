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
import type { CsvImportAction, CsvImportOrderSummary, CsvImportProgressStep, CsvImportReport, CsvResolvedMapping, CsvRowProblem, ImportField } from '../../../shared/csv';
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
   * Called inside the transaction before the first new order is written, with how many orders the file has;
   * returns what to call once every order is written (commitImport: suspend the indexes for a bulk insert and
   * build them again).
   */
  aroundInserts?: (fileOrders: number) => (() => void) | null;
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

/** Decide, without writing, what the import does with each of these orders of the file. */
export function planImport(repo: Pick<OrderRepository, 'getByOrderNo'>, orders: readonly ParsedOrder[], mapping: CsvResolvedMapping): PlannedOrder[] {
  return orders.map((order) => {
    const existing = repo.getByOrderNo(order.orderNo);
    if (!existing) return { parsed: order, action: 'insert', existing, input: order.input };
    const input = mergeOrderInput(orderInputOf(existing), order.input, mapping);
    return { parsed: order, action: sameOrderInput(input, orderInputOf(existing)) ? 'unchanged' : 'update', existing, input };
  });
}

/**
 * The orders of a file as the import reads them: all parsed (parseOrderCsv), or one at a time from the staged
 * file (parse-orders.ts readStagedOrders) so a 100,000-order file is never held as orders all at once.
 */
export interface ImportSource {
  mapping: CsvResolvedMapping;
  /** The valid orders, in file order (read once). */
  orders: Iterable<ParsedOrder>;
  /** How many orders `orders` gives (the progress total). */
  total: number;
  /** The file's rejected lines; complete once `orders` has been read to its end. */
  rejected: readonly CsvRowProblem[];
}

export function sourceOf(parsed: ParsedOrderCsv): ImportSource {
  return { mapping: parsed.mapping, orders: parsed.orders, total: parsed.orders.length, rejected: parsed.rejected };
}

/** The items in arrays of `size` (the last one shorter), read as they are asked for. */
export function* inChunks<T>(items: Iterable<T>, size: number): Generator<T[], void, undefined> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
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

/** Where an import is: writing orders (checked against the store chunk by chunk), linking NP取引IDs. */
export type ImportStepProgress = CsvImportProgressStep;

/** How many orders each step handles between two progress reports (and chances to stop). */
export const IMPORT_CHUNK = 2_000;

/** A report of an import that changed nothing (yet). */
export function emptyImportReport(): CsvImportReport {
  return {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    updatedOrders: [],
    insertedOrderIds: [],
    registrationCandidates: [],
    transactionIds: [],
    attachProblems: [],
  };
}

/** What the end of an import needs of each order it handled (the orders themselves are not kept). */
interface Handled {
  orderId: number;
  orderNo: string;
  action: CsvImportAction;
  npTransactionId: string | null;
  paymentMethod: OrderInput['paymentMethod'];
  wasNp: boolean;
  name: string;
  total: number;
}

/**
 * The import as steps: each chunk of orders is checked against the store (planImport), its new orders inserted
 * and its changed ones updated; then the NP取引IDs are linked. Progress is yielded after every chunk; the report
 * is returned. The caller owns the transaction around ALL the steps (importOrders: one synchronous transaction;
 * commitImport: one transaction that can be stopped between chunks) — nothing is written outside it.
 */
export function* importSteps(repo: ImportRepository, source: ImportSource, now: number, opts: ImportOptions = {}): Generator<ImportStepProgress, CsvImportReport> {
  const chunkSize = opts.chunkSize ?? IMPORT_CHUNK;
  const report = emptyImportReport();
  const carrier = opts.defaultCarrierCode ?? null;
  const handled: Handled[] = [];
  let done = 0;
  let afterInserts: (() => void) | null | undefined;
  for (const chunk of inChunks(source.orders, chunkSize)) {
    const plan = planImport(repo, chunk, source.mapping);
    const inserts = plan.filter((p) => p.action === 'insert');
    if (inserts.length && afterInserts === undefined) afterInserts = opts.aroundInserts?.(source.total) ?? null;
    // Every input passed OrderInputSchema when the file was read (or is a stored order merged with such an input).
    const insertedIds = repo.insertMany(
      inserts.map((p) => (p.input.carrierCode === null && carrier !== null ? { ...p.input, carrierCode: carrier } : p.input)),
      now,
      { parsed: true, withinTransaction: true }, // the import's transaction rolls back on any error
    );
    const ids = new Map(inserts.map((p, k) => [p, insertedIds[k]!]));
    report.insertedOrderIds.push(...insertedIds);
    for (const p of plan) {
      let orderId = ids.get(p) ?? p.existing?.id;
      if (p.action === 'update') {
        try {
          repo.update(p.existing!.id, p.input, now);
          opts.onUpdated?.(p.existing!.id);
          report.updatedOrders.push({ orderId: p.existing!.id, orderNo: p.parsed.orderNo, lines: p.parsed.lines });
        } catch (e) {
          report.rejected.push(...p.parsed.lines.map((line) => ({ line, orderNo: p.parsed.orderNo, reasons: reasonsOf(e) })));
          orderId = undefined;
        }
      } else if (p.action === 'unchanged') report.unchanged++;
      if (orderId === undefined) continue;
      handled.push({
        orderId,
        orderNo: p.parsed.orderNo,
        action: p.action,
        npTransactionId: p.parsed.npTransactionId,
        paymentMethod: p.input.paymentMethod,
        wasNp: p.existing?.paymentMethod === 'np_atobarai',
        name: p.input.customer.name,
        total: orderTotal(p.input),
      });
    }
    done += chunk.length;
    yield { phase: 'writing', done, total: Math.max(done, source.total) };
  }
  afterInserts?.(); // before the links: they look orders up
  report.inserted = report.insertedOrderIds.length;
  report.updated = report.updatedOrders.length;
  for (const h of handled) {
    if (h.npTransactionId) {
      report.transactionIds.push({ orderId: h.orderId, npTransactionId: h.npTransactionId });
      continue;
    }
    if (h.paymentMethod !== 'np_atobarai') continue;
    const candidate = opts.npStatus ? opts.npStatus(h.orderId) === null : h.action === 'insert' || (h.action === 'update' && !h.wasNp);
    if (candidate) report.registrationCandidates.push({ orderId: h.orderId, orderNo: h.orderNo, name: h.name, total: h.total });
  }
  // NP取引IDs the cart registered: linked in the same transaction as the orders (never a half-imported state).
  const pairs = opts.attach ? report.transactionIds : [];
  for (let i = 0; i < pairs.length; i++) {
    const { orderId, npTransactionId } = pairs[i]!;
    const problem = opts.attach!(orderId, npTransactionId);
    if (problem) report.attachProblems.push({ orderId, orderNo: repo.get(orderId)?.orderNo ?? '', npTransactionId, message: problem });
    if ((i + 1) % chunkSize === 0 || i === pairs.length - 1) yield { phase: 'linking', done: i + 1, total: pairs.length };
  }
  report.rejected.push(...source.rejected); // complete now: every order has been read
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

/** importSteps in ONE synchronous transaction. */
export function importOrders(db: Database, repo: ImportRepository, parsed: ParsedOrderCsv, now: number, opts: ImportOptions = {}): CsvImportReport {
  return db.transaction(() => {
    const steps = importSteps(repo, sourceOf(parsed), now, opts);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  })();
}
