/**
 * The 取引修正 preview as rows: each field NP will receive, what NP has now (its last accepted payload), and
 * whether it changed. Goods are one row each. Paths match NpUpdatePreview.changedFields ('billed_amount',
 * 'goods', 'customer.address', 'dest_customer.tel'). Values are shown as staff read them: zip as 〒NNN-NNNN,
 * TEL hyphenated, the amount in yen (NP itself receives digits).
 */
import type { NpGoods, NpRegisterItem, NpUpdateItem } from '../../../../shared/np/api-types';
import type { NpUpdatePreview } from '../../../../shared/sync';
import { formatTel, formatYen, formatZipMark } from '../../format';

export interface PreviewRow {
  /** Dotted path, e.g. 'customer.address'; goods rows are 'goods.0', 'goods.1', … */
  path: string;
  /** The section ('customer', 'dest_customer', 'goods') or the field itself for top-level fields. */
  section: string;
  /** The field name within the section ('address'), or the section for top-level fields. */
  field: string;
  sent: string;
  current: string;
  changed: boolean;
}

const PERSON_FIELDS = ['customer_name', 'customer_name_kana', 'company_name', 'department_name', 'zip_code', 'address', 'tel', 'email'] as const;
const TOP_FIELDS = ['shop_order_date', 'settlement_type', 'billed_amount', 'site_name', 'site_url'] as const;

const show = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
/** Display forms (NP receives digits; staff read 〒107-0052, 03-1234-5678, 3,685円). */
const SHOW_AS: Record<string, (v: string) => string> = { zip_code: formatZipMark, tel: formatTel, billed_amount: (v) => formatYen(Number(v)) };
const display = (field: string, v: unknown): string => {
  const s = show(v);
  const as = SHOW_AS[field];
  return s && as ? as(s) : s;
};
const goodsText = (g: NpGoods | undefined): string => (g ? `${g.goods_name} ${g.goods_price.toLocaleString('ja-JP')}円 × ${g.quantity}` : '');

export function previewRows(preview: NpUpdatePreview, accepted: NpRegisterItem | null): PreviewRow[] {
  const changed = new Set(preview.changedFields);
  const sent: NpUpdateItem = preview.payload;
  const rows: PreviewRow[] = [];

  for (const f of TOP_FIELDS) {
    if (sent[f] === undefined) continue;
    rows.push({ path: f, section: f, field: f, sent: display(f, sent[f]), current: display(f, accepted?.[f]), changed: changed.has(f) });
  }
  if (sent.goods) {
    const before = accepted?.goods ?? [];
    const n = Math.max(sent.goods.length, before.length);
    for (let i = 0; i < n; i++) {
      const a = sent.goods[i];
      const b = before[i];
      rows.push({ path: `goods.${i}`, section: 'goods', field: 'goods_name', sent: goodsText(a), current: goodsText(b), changed: goodsText(a) !== goodsText(b) });
    }
  }
  for (const section of ['customer', 'dest_customer'] as const) {
    const person = sent[section] as Record<string, unknown> | undefined;
    if (!person) continue;
    const before = (accepted?.[section] ?? {}) as Record<string, unknown>;
    for (const f of PERSON_FIELDS) {
      if (person[f] === undefined && before[f] === undefined) continue;
      const path = `${section}.${f}`;
      rows.push({ path, section, field: f, sent: display(f, person[f]), current: display(f, before[f]), changed: changed.has(path) });
    }
  }
  return rows;
}
