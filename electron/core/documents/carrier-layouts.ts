/**
 * The column layouts of the carriers' 送り状 import files (sources in docs/documents.md). Each column has the
 * carrier's header, its size in Shift_JIS bytes where the layout limits it (全角 = 2), whether it is free text
 * typed by people (neutralised against spreadsheet formulas) and its value for one order.
 * お客様管理番号 is always the 注文番号: the carrier's issued file then maps back to the order through 出荷CSV取込
 * (electron/core/csv/shipments.ts).
 */
import type { CarrierCsvKind } from '../../../shared/carrier-csv';
import { taxBreakdown } from '../../../shared/delivery-note';
import type { Order, Person } from '../../../shared/order';
import type { ShopProfile } from '../../../shared/shop';
import { formatTel, formatZip } from '../../../shared/tel-zip-format';
import { splitBuilding, spreadOver, type SplitAddress } from './address-fields';

/** One order as the layouts read it. */
export interface CarrierRow {
  order: Order;
  /** お届け先: the ship-to, or the buyer when the goods go to the buyer. */
  to: Person;
  toAddress: SplitAddress;
  shop: ShopProfile;
  shopAddress: SplitAddress;
  /** 出荷予定日 'YYYY-MM-DD' (JST). */
  shipDate: string;
}

export interface CarrierColumn {
  header: string;
  /** Size in Shift_JIS bytes; undefined = codes or numbers the layout fixes, not checked. */
  limit?: number;
  value(row: CarrierRow): string;
}

export function carrierRow(order: Order, shop: ShopProfile, shipDate: string): CarrierRow {
  const to = order.shipTo ?? order.customer;
  return { order, to, toAddress: splitBuilding(to.address), shop, shopAddress: splitBuilding(shop.address), shipDate };
}

const isCod = (o: Order): boolean => o.paymentMethod === 'cod';
/** The consumption tax contained in the 合計 (for コレクト / 代引 amounts). */
const taxOf = (o: Order): number => taxBreakdown(o).reduce((s, b) => s + b.tax, 0);
const slashDate = (iso: string): string => iso.replaceAll('-', '/');
const company = (p: Person): string => [p.companyName, p.departmentName].filter(Boolean).join(' ');
/** 品名 n (0-based) from the goods: the n-th line's name; the last 品名 field adds 「他N点」 for the lines left over. */
function goodsName(o: Order, n: number, fields: number): string {
  const line = o.lines[n];
  if (!line) return '';
  const rest = o.lines.length - fields;
  return n === fields - 1 && rest > 0 ? `${line.name} 他${rest}点` : line.name;
}

const empty = (header: string): CarrierColumn => ({ header, value: () => '' });
const fixed = (header: string, v: string): CarrierColumn => ({ header, value: () => v });
const code = (header: string, limit: number, value: (r: CarrierRow) => string): CarrierColumn => ({ header, limit, value });
/** Free text typed by people; like every cell, neutralised against formulas by csv/writer.ts. */
const text = code;

// ---------------------------------------------------------------------------------------------------------
// ヤマト運輸 B2クラウド: 送り状発行データレイアウト（入出力用）, the standard layout of 外部データから発行.

const B2_TRAILING = [
  '営業所止置き', '営業所コード', '発行枚数', '個数口枠の印字', 'ご請求先顧客コード', 'ご請求先分類コード', '運賃管理番号',
  'クロネコwebコレクトデータ登録', 'クロネコwebコレクト加盟店番号', 'クロネコwebコレクト申込受付番号１', 'クロネコwebコレクト申込受付番号２',
  'クロネコwebコレクト申込受付番号３', 'お届け予定ｅメール利用区分', 'お届け予定ｅメールe-mailアドレス', '入力機種', 'お届け予定ｅメールメッセージ',
  'お届け完了ｅメール利用区分', 'お届け完了ｅメールe-mailアドレス', 'お届け完了ｅメールメッセージ', 'クロネコ収納代行利用区分', '予備',
  '収納代行請求金額(税込)', '収納代行内消費税額等', '収納代行請求先郵便番号', '収納代行請求先住所', '収納代行請求先住所（アパートマンション名）',
  '収納代行請求先会社・部門名１', '収納代行請求先会社・部門名２', '収納代行請求先名(漢字)', '収納代行請求先名(カナ)', '収納代行問合せ先名(漢字)',
  '収納代行問合せ先郵便番号', '収納代行問合せ先住所', '収納代行問合せ先住所（アパートマンション名）', '収納代行問合せ先電話番号', '収納代行管理番号',
  '収納代行品名', '収納代行備考', '複数口くくりキー', '検索キータイトル1', '検索キー1', '検索キータイトル2', '検索キー2', '検索キータイトル3',
  '検索キー3', '検索キータイトル4', '検索キー4', '検索キータイトル5', '検索キー5', '予備', '予備', '投函予定メール利用区分',
  '投函予定メールe-mailアドレス', '投函予定メールメッセージ', '投函完了メール（お届け先宛）利用区分', '投函完了メール（お届け先宛）e-mailアドレス',
  '投函完了メール（お届け先宛）メールメッセージ', '投函完了メール（ご依頼主宛）利用区分', '投函完了メール（ご依頼主宛）e-mailアドレス',
  '投函完了メール（ご依頼主宛）メールメッセージ', '連携管理番号', '通知メールアドレス',
];

const B2_COLUMNS: CarrierColumn[] = [
  code('お客様管理番号', 50, (r) => r.order.orderNo),
  code('送り状種類', 1, (r) => (isCod(r.order) ? '2' : '0')), // 0 発払い, 2 コレクト
  fixed('クール区分', '0'),
  empty('伝票番号'), // issued by B2クラウド
  code('出荷予定日', 10, (r) => slashDate(r.shipDate)),
  empty('お届け予定（指定）日'),
  empty('配達時間帯'),
  empty('お届け先コード'),
  code('お届け先電話番号', 15, (r) => formatTel(r.to.tel)),
  empty('お届け先電話番号枝番'),
  code('お届け先郵便番号', 8, (r) => formatZip(r.to.zip)),
  text('お届け先住所', 64, (r) => r.toAddress.street),
  text('お届け先住所（アパートマンション名）', 32, (r) => r.toAddress.building),
  text('お届け先会社・部門名１', 50, (r) => r.to.companyName),
  text('お届け先会社・部門名２', 50, (r) => r.to.departmentName),
  text('お届け先名', 32, (r) => r.to.name),
  empty('お届け先名略称カナ'),
  fixed('敬称', '様'),
  empty('ご依頼主コード'),
  code('ご依頼主電話番号', 15, (r) => formatTel(r.shop.tel)),
  empty('ご依頼主電話番号枝番'),
  code('ご依頼主郵便番号', 8, (r) => formatZip(r.shop.zip)),
  text('ご依頼主住所', 64, (r) => r.shopAddress.street),
  text('ご依頼主住所（アパートマンション名）', 32, (r) => r.shopAddress.building),
  text('ご依頼主名', 32, (r) => r.shop.name),
  empty('ご依頼主略称カナ'),
  empty('品名コード１'),
  text('品名１', 50, (r) => goodsName(r.order, 0, 2)),
  empty('品名コード２'),
  text('品名２', 50, (r) => goodsName(r.order, 1, 2)),
  empty('荷扱い１'),
  empty('荷扱い２'),
  empty('記事'),
  code('コレクト代金引換額（税込）', 7, (r) => (isCod(r.order) ? String(r.order.total) : '')),
  code('コレクト内消費税額等', 7, (r) => (isCod(r.order) ? String(taxOf(r.order)) : '')),
  ...B2_TRAILING.map(empty),
];

// ---------------------------------------------------------------------------------------------------------
// 佐川急便 e飛伝Ⅲ: the e飛伝Ⅱ 出荷データ standard pattern (標準パターン), which e飛伝Ⅲ imports. Every text field is
// 16 全角 (32 bytes); the address is spread over 住所１・２ and the building goes to 住所３.

const EHIDEN_ADDRESS = 32;
const ehidenAddress = (a: SplitAddress, i: 0 | 1): string => spreadOver(a.street, [EHIDEN_ADDRESS, EHIDEN_ADDRESS])[i] ?? '';

const EHIDEN_COLUMNS: CarrierColumn[] = [
  empty('住所録コード'),
  code('お届け先電話番号', 14, (r) => formatTel(r.to.tel)),
  code('お届け先郵便番号', 8, (r) => formatZip(r.to.zip)),
  text('お届け先住所１', EHIDEN_ADDRESS, (r) => ehidenAddress(r.toAddress, 0)),
  text('お届け先住所２', EHIDEN_ADDRESS, (r) => ehidenAddress(r.toAddress, 1)),
  text('お届け先住所３', EHIDEN_ADDRESS, (r) => r.toAddress.building),
  text('お届け先名称１', 32, (r) => r.to.name),
  text('お届け先名称２', 32, (r) => company(r.to)),
  code('お客様管理ナンバー', 16, (r) => r.order.orderNo),
  empty('お客様コード'),
  empty('部署ご担当者'),
  empty('荷送人電話番号'),
  code('ご依頼主電話番号', 14, (r) => formatTel(r.shop.tel)),
  code('ご依頼主郵便番号', 8, (r) => formatZip(r.shop.zip)),
  text('ご依頼主住所１', EHIDEN_ADDRESS, (r) => ehidenAddress(r.shopAddress, 0)),
  text('ご依頼主住所２', EHIDEN_ADDRESS, (r) => [ehidenAddress(r.shopAddress, 1), r.shopAddress.building].filter(Boolean).join(' ')),
  text('ご依頼主名称１', 32, (r) => r.shop.name),
  empty('ご依頼主名称２'),
  empty('荷姿コード'),
  ...[0, 1, 2, 3, 4].map((n) => text(`品名${'１２３４５'[n]}`, 32, (r) => goodsName(r.order, n, 5))),
  fixed('出荷個数', '1'),
  empty('便種（スピードで選択）'),
  empty('便種（商品）'),
  empty('配達日'),
  empty('配達指定時間帯'),
  empty('配達指定時間（時分）'),
  code('代引金額', 7, (r) => (isCod(r.order) ? String(r.order.total) : '')),
  code('消費税', 7, (r) => (isCod(r.order) ? String(taxOf(r.order)) : '')),
  empty('決済種別'),
  empty('保険金額'),
  empty('保険金額印字'),
  empty('指定シール１'),
  empty('指定シール２'),
  empty('指定シール３'),
  empty('営業店止め'),
  empty('ＳＲＣ区分'),
  empty('営業店コード'),
  fixed('元着区分', '1'), // 1 元払, 2 着払
  code('出荷日', 8, (r) => r.shipDate.replaceAll('-', '')),
];

// ---------------------------------------------------------------------------------------------------------
// 日本郵便 ゆうプリR: the 発送予定データ layout (items 1–21), then ご依頼主 and 品名 columns that the shop's
// ゆうプリR import filter (フィルタ設定) maps by header.

const YUPRI_ADDRESS = 50;
const yupriAddress = (a: SplitAddress, i: 0 | 1): string => spreadOver(a.street, [YUPRI_ADDRESS, YUPRI_ADDRESS])[i] ?? '';

const YUPRI_COLUMNS: CarrierColumn[] = [
  code('お客様側管理番号', 15, (r) => r.order.orderNo),
  code('発送予定日', 8, (r) => r.shipDate.replaceAll('-', '')),
  empty('発送予定時間区分'),
  empty('出荷期限日'),
  empty('到着期限日'),
  fixed('郵便種別', '0'), // 0 ゆうパック
  fixed('保冷種別', '0'),
  code('元/着払/代引', 1, (r) => (isCod(r.order) ? '2' : '0')), // 0 元払い, 2 代引き
  empty('書留/セキュリティ/特定記録種別'),
  empty('配達時間帯指定郵便種別'),
  empty('送り状種別'),
  empty('お届け先コード'),
  code('お届け先郵便番号', 8, (r) => formatZip(r.to.zip)),
  text('お届け先住所1', YUPRI_ADDRESS, (r) => yupriAddress(r.toAddress, 0)),
  text('お届け先住所2', YUPRI_ADDRESS, (r) => yupriAddress(r.toAddress, 1)),
  text('お届け先住所3', YUPRI_ADDRESS, (r) => r.toAddress.building),
  text('お届け先名称1', YUPRI_ADDRESS, (r) => r.to.name),
  text('お届け先名称2', YUPRI_ADDRESS, (r) => company(r.to)),
  empty('お届け先敬称'),
  code('お届け先電話番号', 20, (r) => formatTel(r.to.tel)),
  empty('お届け先メールアドレス'),
  code('ご依頼主郵便番号', 8, (r) => formatZip(r.shop.zip)),
  text('ご依頼主住所1', YUPRI_ADDRESS, (r) => yupriAddress(r.shopAddress, 0)),
  text('ご依頼主住所2', YUPRI_ADDRESS, (r) => [yupriAddress(r.shopAddress, 1), r.shopAddress.building].filter(Boolean).join(' ')),
  text('ご依頼主名称1', YUPRI_ADDRESS, (r) => r.shop.name),
  code('ご依頼主電話番号', 20, (r) => formatTel(r.shop.tel)),
  text('品名', YUPRI_ADDRESS, (r) => goodsName(r.order, 0, 1)),
  code('代引金額', 7, (r) => (isCod(r.order) ? String(r.order.total) : '')),
];

export const CARRIER_LAYOUTS: Record<CarrierCsvKind, readonly CarrierColumn[]> = {
  b2cloud: B2_COLUMNS,
  ehiden3: EHIDEN_COLUMNS,
  yuprir: YUPRI_COLUMNS,
};
