/**
 * The zod schema of OrderInput (受注登録 / 受注情報の編集 / CSV import), with Japanese messages per field.
 * TEL and zip are folded to digits (全角 and hyphens accepted); the store and the IPC contract both use it.
 * Limits here are the store's own; NP's stricter limits (name ≤ 21 全角, address ≤ 55, TEL 10/11-digit rule)
 * are checked when an order is sent to NP, so an order NP would refuse can still be saved and fixed later.
 */
import { z } from 'zod';
import { GENDERS, INVOICE_TYPES, ORDER_STATUSES, PAYMENT_METHODS, STANDARD_TAX_RATE, TAX_RATES, orderTotal, type OrderInput } from './order';
import { foldEmail, foldOrderNo, foldTel, foldZip } from './search-fold';
import { isIsoDate } from './jst-date';
import { isNpCarrierCode } from './np/carriers';
import { parseOrThrow, type FieldLabels } from './validation';

const MAX_TEXT = 200;
const MAX_LONG_TEXT = 4000;
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

const epochMs = (label: string) =>
  z
    .number({ error: `${label}は日時で指定してください` })
    .int({ error: `${label}は日時で指定してください` })
    .min(MIN_TIME, { error: `${label}が古すぎます` })
    .max(MAX_TIME, { error: `${label}が先すぎます` });

const yen = (label: string) =>
  z
    .number({ error: `${label}は数値で入力してください` })
    .int({ error: `${label}は整数（円）で入力してください` })
    .min(0, { error: `${label}は0円以上で入力してください` })
    .max(100_000_000, { error: `${label}が大きすぎます` });

const text = (label: string, max = MAX_TEXT) => z.string({ error: `${label}は文字列で入力してください` }).max(max, { error: `${label}は${max}文字以内で入力してください` });
const required = (label: string, max = MAX_TEXT) => text(label, max).trim().min(1, { error: `${label}を入力してください` });

const tel = (label: string) =>
  z
    .string({ error: `${label}を入力してください` })
    .transform(foldTel)
    .pipe(z.string().regex(/^\d{10,11}$/u, { error: `${label}は10桁または11桁の数字で入力してください` }));

const zip = (label: string) =>
  z
    .string({ error: `${label}を入力してください` })
    .transform(foldZip)
    .pipe(z.string().regex(/^\d{7}$/u, { error: `${label}は7桁の数字で入力してください（例: 107-0052）` }));

const personShape = (who: string) => ({
  name: required(`${who}お名前`),
  kana: text(`${who}フリガナ`),
  companyName: text(`${who}会社名`),
  departmentName: text(`${who}部署名`),
  zip: zip(`${who}郵便番号`),
  address: required(`${who}住所`),
  tel: tel(`${who}電話番号`),
});

export const PersonSchema = z.object(personShape('配送先'));

export const CustomerSchema = z.object({
  ...personShape('購入者'),
  email: z
    .string({ error: 'メールアドレスは文字列で入力してください' })
    .transform(foldEmail)
    .pipe(z.string().max(254, { error: 'メールアドレスが長すぎます' }).regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/u, { error: 'メールアドレスの形式が正しくありません' })),
  birthDate: z
    .string({ error: '生年月日は日付で入力してください' })
    .refine(isIsoDate, { error: '生年月日はYYYY-MM-DDの日付で入力してください' })
    .nullable(),
  gender: z.enum(GENDERS, { error: '性別を選択してください' }),
});

export const GoodsLineSchema = z.object({
  name: required('商品名'),
  unitPrice: z
    .number({ error: '単価は数値で入力してください' })
    .int({ error: '単価は整数（円）で入力してください' })
    .min(-100_000_000, { error: '単価が小さすぎます' })
    .max(100_000_000, { error: '単価が大きすぎます' }),
  quantity: z
    .number({ error: '数量は数値で入力してください' })
    .int({ error: '数量は整数で入力してください' })
    .min(1, { error: '数量は1以上で入力してください' })
    .max(100_000, { error: '数量が大きすぎます' }),
  taxRate: z
    .union(TAX_RATES.map((r) => z.literal(r)), { error: '税率は10%か8%（軽減税率）を選択してください' })
    .optional()
    .transform((r) => (r === STANDARD_TAX_RATE ? undefined : r)), // absent = 10%: one spelling per rate
});

export const OrderInputSchema = z
  .object({
    orderNo: z.string({ error: '注文番号を入力してください' }).transform(foldOrderNo).pipe(required('注文番号', 64)),
    orderedAt: epochMs('受注日'),
    status: z.enum(ORDER_STATUSES, { error: '対応状況を選択してください' }),
    paymentMethod: z.enum(PAYMENT_METHODS, { error: '支払方法を選択してください' }),
    customer: CustomerSchema,
    shipTo: PersonSchema.nullable(),
    lines: z.array(GoodsLineSchema, { error: '商品を入力してください' }).min(1, { error: '商品を1件以上入力してください' }).max(1000, { error: '商品は1000件までです' }),
    shippingFee: yen('送料'),
    fee: yen('手数料'),
    discount: yen('値引き'),
    carrierCode: z
      .string({ error: '配送業者を選択してください' })
      .refine(isNpCarrierCode, { error: '配送業者はNPの配送業者（5桁のコード）から選択してください' })
      .nullable(),
    slipNo: text('配送伝票番号', 64),
    invoiceType: z.enum(INVOICE_TYPES, { error: '請求書区分を選択してください' }),
    note: text('備考', MAX_LONG_TEXT),
    shopMemo: text('SHOPメモ', MAX_LONG_TEXT),
    shippedAt: epochMs('発送日').nullable(),
    paidAt: epochMs('入金日').nullable(),
  })
  .refine((o) => orderTotal(o) >= 0, { error: '購入金額（商品合計＋送料＋手数料−値引き）がマイナスになっています', path: ['discount'] });

/** Japanese names of OrderInput's fields (for messages on type errors). */
export const ORDER_FIELD_LABELS: FieldLabels = {
  orderNo: '注文番号',
  orderedAt: '受注日',
  status: '対応状況',
  paymentMethod: '支払方法',
  customer: '購入者',
  'customer.name': '購入者お名前',
  'customer.kana': '購入者フリガナ',
  'customer.companyName': '購入者会社名',
  'customer.departmentName': '購入者部署名',
  'customer.zip': '購入者郵便番号',
  'customer.address': '購入者住所',
  'customer.tel': '購入者電話番号',
  'customer.email': 'メールアドレス',
  'customer.birthDate': '生年月日',
  'customer.gender': '性別',
  shipTo: '配送先',
  'shipTo.name': '配送先お名前',
  'shipTo.kana': '配送先フリガナ',
  'shipTo.companyName': '配送先会社名',
  'shipTo.departmentName': '配送先部署名',
  'shipTo.zip': '配送先郵便番号',
  'shipTo.address': '配送先住所',
  'shipTo.tel': '配送先電話番号',
  lines: '商品',
  'lines.*': '商品',
  'lines.*.name': '商品名',
  'lines.*.unitPrice': '単価',
  'lines.*.quantity': '数量',
  'lines.*.taxRate': '税率',
  shippingFee: '送料',
  fee: '手数料',
  discount: '値引き',
  carrierCode: '配送業者',
  slipNo: '配送伝票番号',
  invoiceType: '請求書区分',
  note: '備考',
  shopMemo: 'SHOPメモ',
  shippedAt: '発送日',
  paidAt: '入金日',
};

/** Validate and normalise an order (TEL/zip to digits, email lower case); throws ValidationError. */
export function parseOrderInput(input: unknown): OrderInput {
  return parseOrThrow(OrderInputSchema, input, '受注情報', ORDER_FIELD_LABELS);
}
