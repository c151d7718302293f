/**
 * CSV: what the UI, the contract and the core share about 受注CSV / 配送先商品CSV exports, the order import
 * (column mapping, presets, preview, report) and the bulk shipment report (出荷報告) from carrier CSVs.
 * Pure TypeScript: the reading and writing live in electron/core/csv.
 */
import { z } from 'zod';
import type { NpStatus } from './np/status';
import { JST_OFFSET_MS } from './jst-date';

// ---------------------------------------------------------------------------------------------------------
// Export

/** orders = 受注CSV (one row per order); shipto_goods = 配送先商品CSV (one row per goods line with its ship-to). */
export const CSV_EXPORT_KINDS = ['orders', 'shipto_goods'] as const;
export type CsvExportKind = (typeof CSV_EXPORT_KINDS)[number];
export const CSV_EXPORT_KIND_LABELS: Record<CsvExportKind, string> = {
  orders: '受注CSV',
  shipto_goods: '配送先商品CSV',
};

/** cp932 = Shift_JIS as Windows and Excel read it (Windows-31J); utf8bom = UTF-8 with a BOM (Excel reads it as UTF-8). */
export const CSV_ENCODINGS = ['cp932', 'utf8bom'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
export const CSV_ENCODING_LABELS: Record<CsvEncoding, string> = {
  cp932: 'Shift_JIS（Excel向け）',
  utf8bom: 'UTF-8（BOM付き）',
};
export const DEFAULT_CSV_ENCODING: CsvEncoding = 'cp932';

/**
 * What a Shift_JIS export writes for a character CP932 cannot hold (after the standard mapping 〜→～ −→－ …):
 * 〓 (U+3013 GETA MARK, CP932 0x81AC), the traditional Japanese mark for a missing character. Every such
 * character is also listed in the export result by 注文番号 and column, so nothing is lost silently.
 */
export const CSV_UNENCODABLE_MARK = '〓';

/** One cell of an export that lost characters in Shift_JIS. */
export interface CsvLossyCell {
  orderNo: string;
  /** The column header, e.g. 'お名前'. */
  field: string;
  /** The characters (grapheme clusters) that could not be written, each once. */
  chars: string[];
}

export interface CsvExportSummary {
  rows: number;
  lossy: CsvLossyCell[];
}

export const csvExportKindSchema = z.enum(CSV_EXPORT_KINDS, { error: 'CSVの種類を選択してください' });
export const csvEncodingSchema = z.enum(CSV_ENCODINGS, { error: '文字コードを選択してください' });
/** The export options besides the search criteria (the contract adds `criteria: OrderSearchCriteria`). */
export const csvExportOptionsSchema = z.object({ kind: csvExportKindSchema, encoding: csvEncodingSchema });

/** '受注CSV_20261128_1204.csv' (JST). */
export function csvExportFileName(kind: CsvExportKind, now: number): string {
  const d = new Date(now + JST_OFFSET_MS).toISOString(); // JST wall clock
  const stamp = `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}_${d.slice(11, 13)}${d.slice(14, 16)}`;
  return `${CSV_EXPORT_KIND_LABELS[kind]}_${stamp}.csv`;
}

// ---------------------------------------------------------------------------------------------------------
// Reading files

/** What an imported file turned out to be (detected: BOM → UTF-8, valid UTF-8, else CP932). */
export const CSV_DETECTED_ENCODINGS = ['utf8bom', 'utf8', 'cp932'] as const;
export type CsvDetectedEncoding = (typeof CSV_DETECTED_ENCODINGS)[number];
export const CSV_DETECTED_ENCODING_LABELS: Record<CsvDetectedEncoding, string> = {
  utf8bom: 'UTF-8（BOM付き）',
  utf8: 'UTF-8',
  cp932: 'Shift_JIS（CP932）',
};

/** A file as the renderer hands it over (bytes as base64, so both transports carry it as JSON). */
export interface CsvFilePayload {
  fileName: string;
  dataBase64: string;
}
/**
 * The largest CSV file accepted: 256 MiB. A 100,000-order 配送先商品CSV is ~85 MB in Shift_JIS and ~100 MB in
 * UTF-8 (docs/benchmarks.md); the staged import keeps such a file deflated and its orders packed (docs/csv.md).
 */
export const CSV_MAX_MB = 256;
/** CSV_MAX_MB of CSV as base64 (the payload crosses IPC and the browser host as JSON). */
export const CSV_MAX_BASE64_CHARS = Math.ceil((CSV_MAX_MB * 1024 * 1024 * 4) / 3) + 4;
export const csvFilePayloadSchema = z.object({
  fileName: z.string().max(260, { error: 'ファイル名が長すぎます' }),
  dataBase64: z
    .string({ error: 'ファイルの内容がありません' })
    .min(1, { error: 'ファイルが空です' })
    .max(CSV_MAX_BASE64_CHARS, { error: `ファイルが大きすぎます（${CSV_MAX_MB}MBまで）` }),
});

/** A line of the file that could not be used, with the reasons in Japanese. Lines count from 1 (the header). */
export interface CsvRowProblem {
  line: number;
  /** The 注文番号 of the row when it could be read ('' otherwise). */
  orderNo: string;
  reasons: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Order import: fields and column mapping

export const IMPORT_FIELDS = [
  'orderNo',
  'orderedAt',
  'status',
  'paymentMethod',
  'customer.name',
  'customer.kana',
  'customer.companyName',
  'customer.departmentName',
  'customer.zip',
  'customer.address',
  'customer.tel',
  'customer.email',
  'customer.birthDate',
  'customer.gender',
  'shipTo.name',
  'shipTo.kana',
  'shipTo.companyName',
  'shipTo.departmentName',
  'shipTo.zip',
  'shipTo.address',
  'shipTo.tel',
  'line.name',
  'line.unitPrice',
  'line.quantity',
  'line.taxRate',
  'shippingFee',
  'fee',
  'discount',
  'carrier',
  'slipNo',
  'invoiceType',
  'note',
  'shopMemo',
  'shippedAt',
  'paidAt',
  'npTransactionId',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export type ImportFieldGroup = 'order' | 'customer' | 'shipTo' | 'line' | 'np';
export const IMPORT_FIELD_GROUP_LABELS: Record<ImportFieldGroup, string> = {
  order: '受注',
  customer: '購入者',
  shipTo: '配送先',
  line: '商品（1行に1商品）',
  np: 'NP後払い',
};

export interface ImportFieldInfo {
  /** The column header the export writes, and the field's name on the mapping screen. */
  label: string;
  group: ImportFieldGroup;
  /** Needed to create an order (an update keeps the stored value of any field not mapped). */
  required: boolean;
  /**
   * Several columns may be mapped and are joined with this (e.g. 姓 + 名, 都道府県 + 住所1 + 住所2);
   * null = one column only.
   */
  joiner: string | null;
  /**
   * Text as staff or the cart typed it: the export neutralises a leading = + - @ with ' (formula injection)
   * and the import removes that ' again.
   */
  freeText: boolean;
}

const f = (label: string, group: ImportFieldGroup, required: boolean, joiner: string | null, freeText: boolean): ImportFieldInfo => ({
  label,
  group,
  required,
  joiner,
  freeText,
});

export const IMPORT_FIELD_INFO: Record<ImportField, ImportFieldInfo> = {
  orderNo: f('注文番号', 'order', true, null, true),
  orderedAt: f('受注日', 'order', true, null, false),
  status: f('対応状況', 'order', false, null, false),
  paymentMethod: f('支払方法', 'order', true, null, false),
  'customer.name': f('お名前', 'customer', true, ' ', true),
  'customer.kana': f('フリガナ', 'customer', false, ' ', true),
  'customer.companyName': f('会社名', 'customer', false, null, true),
  'customer.departmentName': f('部署名', 'customer', false, null, true),
  'customer.zip': f('郵便番号', 'customer', true, '', false),
  'customer.address': f('住所', 'customer', true, '', true),
  'customer.tel': f('電話番号', 'customer', true, '', false),
  'customer.email': f('メールアドレス', 'customer', false, null, true),
  'customer.birthDate': f('生年月日', 'customer', false, null, false),
  'customer.gender': f('性別', 'customer', false, null, false),
  'shipTo.name': f('配送先お名前', 'shipTo', false, ' ', true),
  'shipTo.kana': f('配送先フリガナ', 'shipTo', false, ' ', true),
  'shipTo.companyName': f('配送先会社名', 'shipTo', false, null, true),
  'shipTo.departmentName': f('配送先部署名', 'shipTo', false, null, true),
  'shipTo.zip': f('配送先郵便番号', 'shipTo', false, '', false),
  'shipTo.address': f('配送先住所', 'shipTo', false, '', true),
  'shipTo.tel': f('配送先電話番号', 'shipTo', false, '', false),
  'line.name': f('商品名', 'line', true, ' ', true),
  'line.unitPrice': f('単価', 'line', true, null, false),
  'line.quantity': f('数量', 'line', true, null, false),
  'line.taxRate': f('税率', 'line', false, null, false), // 帳票 (issue 11): 10% when absent
  shippingFee: f('送料', 'order', false, null, false),
  fee: f('手数料', 'order', false, null, false),
  discount: f('値引き', 'order', false, null, false),
  carrier: f('配送業者', 'order', false, null, false),
  slipNo: f('配送伝票番号', 'order', false, null, true),
  invoiceType: f('請求書区分', 'order', false, null, false),
  note: f('備考', 'order', false, null, true),
  shopMemo: f('SHOPメモ', 'order', false, null, true),
  shippedAt: f('発送日', 'order', false, null, false),
  paidAt: f('入金日', 'order', false, null, false),
  npTransactionId: f('NP取引ID', 'np', false, null, false),
};

export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = IMPORT_FIELDS.filter((k) => IMPORT_FIELD_INFO[k].required);

/** A source column: its 0-based index, or its header text (resolved against the file's header row). */
export type CsvColumnRef = number | string;
/** Target field → the source column(s). A field absent or with [] is not mapped. */
export type CsvColumnMapping = Partial<Record<ImportField, CsvColumnRef[]>>;
/** A mapping resolved against one file: column indexes only. */
export type CsvResolvedMapping = Partial<Record<ImportField, number[]>>;

const columnRefSchema = z.union([z.number().int().min(0).max(10_000), z.string().min(1).max(200)]);
export const csvColumnMappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.array(columnRefSchema).max(10));

/** A saved mapping: by header text, so it still fits when a cart reorders its columns. */
export interface CsvMappingPreset {
  name: string;
  mapping: Partial<Record<ImportField, string[]>>;
}
export const csvMappingPresetSchema = z.object({
  name: z.string().trim().min(1, { error: 'プリセット名を入力してください' }).max(60, { error: 'プリセット名は60文字以内で入力してください' }),
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.array(z.string().min(1).max(200)).max(10)),
});

// ---------------------------------------------------------------------------------------------------------
// Order import: preview and report

export type CsvImportAction = 'insert' | 'update' | 'unchanged';
export const CSV_IMPORT_ACTION_LABELS: Record<CsvImportAction, string> = { insert: '新規', update: '更新', unchanged: '変更なし' };

/** One order the file would create or change (the preview lists a sample; the counts cover all). */
export interface CsvImportOrderSummary {
  orderNo: string;
  /** The file's lines of this order (several lines = several goods lines). */
  lines: number[];
  action: CsvImportAction;
  name: string;
  total: number;
  paymentMethod: string;
  npTransactionId: string | null;
}

export interface CsvImportPreview {
  /** The staged file (csvImportStage): preview again and commit by this id; the file is not sent again. */
  stageId: string;
  fileName: string;
  encoding: CsvDetectedEncoding;
  headers: string[];
  /** The first data rows as read, for the mapping screen. */
  sampleRows: string[][];
  /** The mapping used for this preview (the given one, the preset's, or the suggestion). */
  mapping: CsvResolvedMapping;
  /** What the app recognised from the headers. */
  suggestedMapping: CsvResolvedMapping;
  /** When a preset was applied: its name, and its headers this file does not have. */
  presetName: string | null;
  presetMissingHeaders: string[];
  /** Required fields not mapped: nothing can be imported until they are. */
  missingRequired: ImportField[];
  /** Data lines in the file (the header not counted). */
  dataRows: number;
  counts: Record<CsvImportAction, number> & { rejected: number };
  /** Every rejected line with its reasons. */
  rejected: CsvRowProblem[];
  /** The first orders as they would be imported. */
  sample: CsvImportOrderSummary[];
}

export interface CsvImportReport {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: CsvRowProblem[];
  /** Orders the import changed, for the report table. */
  updatedOrders: { orderId: number; orderNo: string; lines: number[] }[];
  insertedOrderIds: number[];
  /**
   * NP後払い orders with no NP取引ID in the file that are not registered with NP: NOT queued here.
   * Staff confirm which ones to send (取引登録) — the UI then calls queueNpBulk.
   */
  registrationCandidates: { orderId: number; orderNo: string; name: string; total: number }[];
  /** Orders the cart already registered with NP: the ids the file gave (linked in the import's transaction). */
  transactionIds: { orderId: number; npTransactionId: string }[];
  /** NP取引IDs that could not be attached (e.g. already linked to another order), with the reason. */
  attachProblems: { orderId: number; orderNo: string; npTransactionId: string; message: string }[];
  /** True when staff stopped the import (中止): nothing was written, every count is 0. */
  cancelled?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Bulk shipment report (出荷報告) from a carrier's CSV

export const SHIPMENT_LAYOUTS = ['yamato_b2', 'sagawa_ehiden', 'generic'] as const;
export type ShipmentLayout = (typeof SHIPMENT_LAYOUTS)[number];
export const SHIPMENT_LAYOUT_LABELS: Record<ShipmentLayout, string> = {
  yamato_b2: 'ヤマト運輸 B2クラウド（発行済みデータ）',
  sagawa_ehiden: '佐川急便 e飛伝（出荷実績）',
  generic: '注文番号・配送業者・配送伝票番号',
};

export type ShipmentRowOutcome = 'ready' | 'queued' | 'not_eligible' | 'unknown_order' | 'invalid';
export const SHIPMENT_OUTCOME_LABELS: Record<ShipmentRowOutcome, string> = {
  ready: '出荷報告できます',
  queued: '出荷報告を送信待ちにしました',
  not_eligible: '出荷報告できません',
  unknown_order: '注文が見つかりません',
  invalid: '内容に誤りがあります',
};

export interface ShipmentRowResult {
  line: number;
  orderNo: string;
  carrierCode: string | null;
  carrierName: string;
  slipNo: string;
  outcome: ShipmentRowOutcome;
  /** Why the row is not queued (Japanese); null when ready or queued. */
  reason: string | null;
  orderId: number | null;
  npStatus: NpStatus | null;
}

export interface ShipmentPreview {
  fileName: string;
  encoding: CsvDetectedEncoding;
  layout: ShipmentLayout;
  rows: ShipmentRowResult[];
  counts: Record<ShipmentRowOutcome, number>;
  /** Problems with the file as a whole (no 注文番号 column …); rows are empty then. */
  fileErrors: string[];
}
export type ShipmentApplyResult = ShipmentPreview;

export const shipmentCsvInputSchema = z.object({
  file: csvFilePayloadSchema,
  /** The carrier for rows that do not name one (a layout of one carrier sets it by itself). */
  defaultCarrierCode: z.string().regex(/^\d{5}$/u, { error: '配送業者コードは5桁の数字です' }).nullable().optional(),
});

// ---------------------------------------------------------------------------------------------------------
// Inputs and results of the contract's CSV methods (shared/contract.ts: csvExport, csvImportPreview,
// csvImportCommit, csvPresets, csvSavePreset, csvShipmentsPreview, csvShipmentsApply).

// The order import is staged: the file is sent and read once (csvImportStage), previewed under any mapping and
// committed by its stage id; a commit reports progress (event csvImportProgress) and can be stopped (csvImportCancel).
const stageId = z.uuid({ error: '取り込み中のファイルが見つかりません。もう一度ファイルを選んでください' });
export const csvImportStageInputSchema = z.object({ file: csvFilePayloadSchema, presetName: z.string().max(60).optional() });
export const csvImportPreviewInputSchema = z.object({
  stageId,
  /** The mapping to use; absent = the preset's (presetName), else the suggestion. */
  mapping: csvColumnMappingSchema.optional(),
  presetName: z.string().max(60).optional(),
});
export const csvImportCommitInputSchema = z.object({ stageId, mapping: csvColumnMappingSchema });
export const csvImportCancelInputSchema = z.object({ stageId });

/**
 * An import's steps: reading the file's orders for a preview (done = orders read so far, total 0: not known until
 * the end), then the commit's writing orders (each chunk checked against the store first) and linking NP取引IDs.
 */
export type CsvImportProgressStep = { phase: 'reading' | 'writing' | 'linking'; done: number; total: number };
export interface CsvImportProgress extends CsvImportProgressStep {
  stageId: string;
}
/** Save (or with mapping null, delete) a preset. */
export const csvSavePresetInputSchema = z.object({
  name: csvMappingPresetSchema.shape.name,
  mapping: csvMappingPresetSchema.shape.mapping.nullable(),
});

export interface CsvPreferences {
  presets: CsvMappingPreset[];
  /** The encoding of the last export (remembered), or the default. */
  exportEncoding: CsvEncoding;
}

export interface CsvExportResult extends CsvExportSummary {
  kind: CsvExportKind;
  encoding: CsvEncoding;
  fileName: string;
  /** Where the file was written; null when staff cancelled the save dialog. */
  filePath: string | null;
}
