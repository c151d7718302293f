/**
 * 送り状データ: CP932 CSV files in the carriers' own column layouts, for their label software —
 * ヤマト運輸 B2クラウド (外部データから発行, the standard layout), 佐川急便 e飛伝Ⅲ (e飛伝Ⅱ standard pattern, which
 * e飛伝Ⅲ imports), 日本郵便 ゆうプリR (with a ゆうプリR import filter mapping these headers). The layouts and
 * their sources are in docs/documents.md; the columns themselves in electron/core/documents/carrier-layouts.ts.
 */
import { z } from 'zod';
import { isIsoDate, jstFileStamp } from './jst-date';
import type { CsvLossyCell } from './csv';

export const CARRIER_CSV_KINDS = ['b2cloud', 'ehiden3', 'yuprir'] as const;
export type CarrierCsvKind = (typeof CARRIER_CSV_KINDS)[number];
export const CARRIER_CSV_LABELS: Record<CarrierCsvKind, string> = {
  b2cloud: 'ヤマト運輸 B2クラウド',
  ehiden3: '佐川急便 e飛伝Ⅲ',
  yuprir: '日本郵便 ゆうプリR',
};
/** The NP 配送業者コード of each carrier (shared/np/carriers.ts). */
export const CARRIER_CSV_NP_CODES: Record<CarrierCsvKind, string> = { b2cloud: '59010', ehiden3: '50000', yuprir: '59041' };

/** How many orders one 送り状データ file may hold. */
export const CARRIER_CSV_MAX = 10_000;

export const carrierCsvInputSchema = z.object({
  orderIds: z
    .array(z.number().int().positive(), { error: '受注を選択してください' })
    .min(1, { error: '受注を1件以上選択してください' })
    .max(CARRIER_CSV_MAX, { error: `送り状データは一度に${CARRIER_CSV_MAX.toLocaleString('ja-JP')}件までです` }),
  carrier: z.enum(CARRIER_CSV_KINDS, { error: '配送業者を選択してください' }),
  /** 出荷予定日 'YYYY-MM-DD' (JST); default today. */
  shipDate: z.string().refine(isIsoDate, { error: '出荷予定日はYYYY-MM-DDの日付で指定してください' }).optional(),
});
export type CarrierCsvInput = z.input<typeof carrierCsvInputSchema>;

/** A value longer than the carrier's field allows: written whole (never cut) and listed here per order. */
export interface CarrierFieldOverflow {
  orderNo: string;
  /** The layout's column header, e.g. 'お届け先住所'. */
  field: string;
  value: string;
  /** The field's size in 半角 characters (Shift_JIS bytes: 全角 = 2). */
  limit: number;
  length: number;
}

export interface CarrierCsvResult {
  carrier: CarrierCsvKind;
  fileName: string;
  /** Where the file was written; null when staff cancelled the save dialog. */
  filePath: string | null;
  /** The browser host's download name (null in Electron). */
  download: string | null;
  rows: number;
  /** Characters Shift_JIS cannot hold (written as 〓), per order and column. */
  lossy: CsvLossyCell[];
  overLimit: CarrierFieldOverflow[];
  /** Asked-for ids that no longer exist. */
  missing: number[];
}

/** 'B2クラウド_20261128_1204.csv' (JST). */
export function carrierCsvFileName(kind: CarrierCsvKind, now: number): string {
  const name: Record<CarrierCsvKind, string> = { b2cloud: 'B2クラウド', ehiden3: 'e飛伝3', yuprir: 'ゆうプリR' };
  return `送り状_${name[kind]}_${jstFileStamp(now)}.csv`;
}
