/**
 * Bulk 出荷報告 from a carrier's CSV of tracking numbers.
 *
 * Layouts recognised by their header row (compared after NFKC, without spaces and brackets):
 * - ヤマト運輸 B2クラウド, 発行済みデータの出力: お客様管理番号 (= the shop's 注文番号), 送り状種別/送り状種類,
 *   クール区分, 伝票番号 (the tracking number). The carrier is ヤマト運輸 (59010) for every row.
 * - 佐川急便 e飛伝 (II/III) 出荷実績: お問合せ送り状No. / お問合せ送り状№ (the tracking number) and
 *   お客様管理ナンバー / お客様管理番号 (= 注文番号). The carrier is 佐川急便 (50000) for every row.
 * - Any other file with a 注文番号 column (注文番号, 受注番号, お客様管理番号 …), a 配送伝票番号 column (配送伝票番号,
 *   伝票番号, 送り状番号, お問い合わせ番号, 追跡番号 …) and optionally a 配送業者 column (name or NP code:
 *   ヤマト, 佐川急便, ゆうパック, 59010 …). Without one, the default carrier chosen on the screen is used.
 *
 * One 出荷報告 per order: a second row of the same 注文番号 (another parcel) is not sent.
 */
import type { Database } from 'better-sqlite3';
import {
  SHIPMENT_OUTCOME_LABELS,
  type CsvDetectedEncoding,
  type CsvRowProblem,
  type ShipmentLayout,
  type ShipmentPreview,
  type ShipmentRowOutcome,
  type ShipmentRowResult,
} from '../../../shared/csv';
import { carrierName, findCarrier } from '../../../shared/np/carriers';
import { NP_STATUS_LABELS, isNpActionAllowed, type NpStatus } from '../../../shared/np/status';
import { PAYMENT_METHOD_LABELS, type Order } from '../../../shared/order';
import { foldOrderNo } from '../../../shared/search-fold';
import type { OrderRepository } from '../orders';
import { headerKey } from './headers';
import { shippedInput } from '../orders/ship';
import { decodeCsv, readCsvRecords } from './read';
import { messageOf } from '../../../shared/error-message';

export const YAMATO_CODE = '59010';
export const SAGAWA_CODE = '50000';

export interface ShipmentCsvRow {
  line: number;
  orderNo: string;
  carrierCode: string | null;
  /** The carrier as the file wrote it ('' when the layout or the default decides). */
  carrierText: string;
  slipNo: string;
  /** Why the row cannot be used as it is (Japanese); empty when it can. */
  reasons: string[];
}

export interface ParsedShipmentCsv {
  encoding: CsvDetectedEncoding;
  layout: ShipmentLayout;
  headers: string[];
  rows: ShipmentCsvRow[];
  /** Lines that could not be read at all (broken quotes). */
  problems: CsvRowProblem[];
  /** Problems with the file as a whole. */
  fileErrors: string[];
}

const keys = (...words: string[]): Set<string> => new Set(words.map(headerKey));
const B2_ORDER = keys('お客様管理番号');
const B2_SLIP = keys('伝票番号');
const B2_MARKERS = keys('送り状種別', '送り状種類', 'クール区分');
const EHIDEN_SLIP = keys('お問合せ送り状No', 'お問合せ送り状№', 'お問い合わせ送り状No', 'お問合せ送り状番号', 'お問い合せ送り状No');
const EHIDEN_ORDER = keys('お客様管理ナンバー', 'お客様管理番号', 'お客様管理No');
const ORDER_WORDS = keys('注文番号', '受注番号', '注文No', '注文ID', 'オーダー番号', 'お客様管理番号', 'お客様管理ナンバー', 'お客様側管理番号', 'order_no', 'order number', 'order id');
const SLIP_WORDS = keys(
  '配送伝票番号',
  '伝票番号',
  '送り状番号',
  'お問い合わせ番号',
  'お問合せ番号',
  '問い合わせ番号',
  '追跡番号',
  'お問合せ送り状No',
  'お問合せ伝票番号',
  'slip_no',
  'tracking number',
);
const CARRIER_WORDS = keys('配送業者', '配送業者名', '配送業者コード', '配送会社', '運送会社', '運送業者', '宅配業者', 'carrier', 'pd_company_code');

interface Layout {
  layout: ShipmentLayout;
  order: number;
  slip: number;
  carrier: number | null;
  fixedCarrier: string | null;
}

function findCol(headerKeys: string[], wanted: Set<string>): number {
  return headerKeys.findIndex((k) => wanted.has(k));
}

function detectLayout(headers: string[]): Layout | null {
  const k = headers.map(headerKey);
  const b2Order = findCol(k, B2_ORDER);
  const b2Slip = findCol(k, B2_SLIP);
  if (b2Order >= 0 && b2Slip >= 0 && k.some((h) => B2_MARKERS.has(h))) {
    return { layout: 'yamato_b2', order: b2Order, slip: b2Slip, carrier: null, fixedCarrier: YAMATO_CODE };
  }
  const ehSlip = findCol(k, EHIDEN_SLIP);
  const ehOrder = findCol(k, EHIDEN_ORDER);
  if (ehSlip >= 0 && ehOrder >= 0) return { layout: 'sagawa_ehiden', order: ehOrder, slip: ehSlip, carrier: null, fixedCarrier: SAGAWA_CODE };
  const order = findCol(k, ORDER_WORDS);
  const slip = findCol(k, SLIP_WORDS);
  if (order < 0 || slip < 0) return null;
  const carrier = findCol(k, CARRIER_WORDS);
  return { layout: 'generic', order, slip, carrier: carrier >= 0 ? carrier : null, fixedCarrier: null };
}

const EXCEL_EXPONENT = /^\d(?:\.\d+)?e\+\d+$/iu;
const NP_SLIP = /^[A-Za-z0-9-]{1,20}$/u;

function slipReason(raw: string, slip: string): string | null {
  if (slip === '') return '配送伝票番号が空です';
  if (EXCEL_EXPONENT.test(slip)) return `配送伝票番号「${raw}」はExcelで数値に変換され、桁が失われています。送り状ソフトから出力した元のCSVを使ってください`;
  if (!NP_SLIP.test(slip)) return `配送伝票番号「${raw}」は半角英数字とハイフンの20文字以内で入力してください`;
  return null;
}

export interface ParseShipmentOptions {
  /** The carrier for rows that name none (generic layout without a 配送業者 column, or an empty cell). */
  defaultCarrierCode?: string | null;
}

export function parseShipmentCsv(buf: Uint8Array, opts: ParseShipmentOptions = {}): ParsedShipmentCsv {
  const { text, encoding } = decodeCsv(buf);
  const { records, problems } = readCsvRecords(text);
  const headers = (records[0]?.cells ?? []).map((h) => h.trim());
  const layout = detectLayout(headers);
  if (!layout) {
    return {
      encoding,
      layout: 'generic',
      headers,
      rows: [],
      problems,
      fileErrors: [
        '注文番号と配送伝票番号の列が見つかりません。見出し行に「注文番号」「配送業者」「配送伝票番号」を入れるか、ヤマト運輸B2クラウド・佐川急便e飛伝から出力したCSVをそのまま使ってください。',
      ],
    };
  }
  const seen = new Map<string, number>();
  const rows = records.slice(1).map((rec): ShipmentCsvRow => {
    const cell = (i: number | null): string => (i === null ? '' : (rec.cells[i] ?? '').trim());
    const orderNo = foldOrderNo(cell(layout.order));
    const rawSlip = cell(layout.slip);
    const slipNo = rawSlip.normalize('NFKC').replace(/\s+/gu, '');
    const carrierText = cell(layout.carrier);
    const reasons: string[] = [];
    if (orderNo === '') reasons.push('注文番号が空です');
    const slipProblem = slipReason(rawSlip, slipNo);
    if (slipProblem) reasons.push(slipProblem);
    let carrierCode = layout.fixedCarrier;
    if (!carrierCode && carrierText !== '') {
      carrierCode = findCarrier(carrierText)?.code ?? null;
      if (!carrierCode) reasons.push(`配送業者「${carrierText}」が分かりません（NPの配送業者コード5桁か、ヤマト運輸・佐川急便・日本郵便などの名前）`);
    } else if (!carrierCode) {
      carrierCode = opts.defaultCarrierCode ?? null;
      if (!carrierCode) reasons.push('配送業者が分かりません。配送業者の列を入れるか、画面で配送業者を選んでください');
    }
    const first = orderNo ? seen.get(orderNo) : undefined;
    if (first !== undefined) reasons.push(`注文番号「${orderNo}」は${first}行目にもあります（NPへ報告できる配送伝票番号は1注文に1つです）`);
    else if (orderNo) seen.set(orderNo, rec.line);
    return { line: rec.line, orderNo, carrierCode, carrierText, slipNo, reasons };
  });
  return { encoding, layout: layout.layout, headers, rows, problems, fileErrors: [] };
}

/** The NP後払いステータス of an order (null = 未登録). */
export type NpStatusOf = (orderId: number) => NpStatus | null;

interface ShipmentCheck {
  row: ShipmentRowResult;
  order: Order | undefined;
}

function notEligibleReason(order: Order, status: NpStatus | null): string | null {
  if (order.paymentMethod !== 'np_atobarai') return `支払方法が${PAYMENT_METHOD_LABELS[order.paymentMethod]}のため、NP後払いの出荷報告はありません`;
  if (isNpActionAllowed(status, 'shipment')) return null;
  if (status === null) return 'NP後払いの取引登録がまだのため、出荷報告できません（先に取引登録してください）';
  if (status === 'shipped') return 'すでに出荷報告済みです';
  return `NP後払いステータスが「${NP_STATUS_LABELS[status]}」のため、出荷報告できません`;
}

function checkRow(repo: Pick<OrderRepository, 'getByOrderNo'>, row: ShipmentCsvRow, npStatus: NpStatusOf): ShipmentCheck {
  const base: ShipmentRowResult = {
    line: row.line,
    orderNo: row.orderNo,
    carrierCode: row.carrierCode,
    carrierName: row.carrierCode ? carrierName(row.carrierCode) : row.carrierText,
    slipNo: row.slipNo,
    outcome: 'ready',
    reason: null,
    orderId: null,
    npStatus: null,
  };
  if (row.reasons.length) return { row: { ...base, outcome: 'invalid', reason: row.reasons.join('。') }, order: undefined };
  const order = repo.getByOrderNo(row.orderNo);
  if (!order) return { row: { ...base, outcome: 'unknown_order', reason: `注文番号「${row.orderNo}」の受注が見つかりません` }, order };
  const status = npStatus(order.id);
  const reason = notEligibleReason(order, status);
  const result = { ...base, orderId: order.id, npStatus: status };
  return { row: reason ? { ...result, outcome: 'not_eligible', reason } : result, order };
}

function countOutcomes(rows: ShipmentRowResult[]): Record<ShipmentRowOutcome, number> {
  const counts = Object.fromEntries(Object.keys(SHIPMENT_OUTCOME_LABELS).map((k) => [k, 0])) as Record<ShipmentRowOutcome, number>;
  for (const r of rows) counts[r.outcome]++;
  return counts;
}

function unreadable(problems: CsvRowProblem[]): ShipmentRowResult[] {
  return problems.map((p) => ({
    line: p.line,
    orderNo: p.orderNo,
    carrierCode: null,
    carrierName: '',
    slipNo: '',
    outcome: 'invalid',
    reason: p.reasons.join('。'),
    orderId: null,
    npStatus: null,
  }));
}

function toPreview(fileName: string, parsed: ParsedShipmentCsv, rows: ShipmentRowResult[]): ShipmentPreview {
  const all = [...rows, ...unreadable(parsed.problems)].sort((a, b) => a.line - b.line);
  return { fileName, encoding: parsed.encoding, layout: parsed.layout, rows: all, counts: countOutcomes(all), fileErrors: parsed.fileErrors };
}

/** Per row: ready (出荷報告できます) / not eligible and why / unknown order / invalid. Writes nothing. */
export function previewShipments(
  _db: Database,
  repo: Pick<OrderRepository, 'getByOrderNo'>,
  parsed: ParsedShipmentCsv,
  npStatus: NpStatusOf,
  fileName = '',
): ShipmentPreview {
  return toPreview(
    fileName,
    parsed,
    parsed.rows.map((r) => checkRow(repo, r, npStatus).row),
  );
}

export interface ApplyShipmentsDeps {
  /** The NP layer's queue (NpService.queue): throws an error with a Japanese message when refused. */
  queue(orderId: number, action: 'shipment', params: { carrierCode: string; slipNo: string }): unknown;
  npStatus: NpStatusOf;
  now: number;
  /** Called inside the transaction for each order whose 配送業者 / 配送伝票番号 was written. */
  onWritten?: (orderId: number) => void;
  fileName?: string;
}

/**
 * Queues 出荷報告 for every ready row, in one transaction. The row's carrier and tracking number are also
 * stored as the order's 配送業者 / 配送伝票番号, and the order becomes 発送済み with its 発送日 (orders/ship.ts). A row the NP layer refuses leaves its order untouched.
 */
export function applyShipments(
  db: Database,
  repo: Pick<OrderRepository, 'getByOrderNo' | 'update'>,
  parsed: ParsedShipmentCsv,
  deps: ApplyShipmentsDeps,
): ShipmentPreview {
  const queueOne = db.transaction((order: Order, carrierCode: string, slipNo: string) => {
    const shipped = shippedInput(order, { carrierCode, slipNo, shippedAt: null }, deps.now);
    if (order.carrierCode !== carrierCode || order.slipNo !== slipNo || order.status !== shipped.status || order.shippedAt !== shipped.shippedAt) {
      repo.update(order.id, shipped, deps.now);
      deps.onWritten?.(order.id);
    }
    deps.queue(order.id, 'shipment', { carrierCode, slipNo });
  });
  const rows = db.transaction(() =>
    parsed.rows.map((r) => {
      const { row, order } = checkRow(repo, r, deps.npStatus);
      if (row.outcome !== 'ready' || !order) return row;
      try {
        queueOne(order, row.carrierCode!, row.slipNo);
        return { ...row, outcome: 'queued' as const, npStatus: deps.npStatus(order.id) };
      } catch (e) {
        return { ...row, outcome: 'not_eligible' as const, reason: messageOf(e) };
      }
    }),
  )();
  return toPreview(deps.fileName ?? '', parsed, rows);
}
