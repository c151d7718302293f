/**
 * Recognising the columns of a shop's order CSV by their Japanese (or English) headers, as carts write
 * them: 注文番号 / 受注番号, お名前 / 氏名 or 姓 + 名, 住所 or 都道府県 + 住所1 + 住所2, お届け先… / 配送先…,
 * 単価（税込）, 郵便番号（ハイフンなし） … Headers are compared after NFKC, lower case, and without spaces,
 * brackets, 様 and notes such as 税込 or 必須.
 */
import { IMPORT_FIELDS, IMPORT_FIELD_INFO, type CsvColumnMapping, type CsvResolvedMapping, type ImportField } from '../../../shared/csv';

const NOISE = /税込み?|税抜き?|\(円\)|必須|任意|半角|全角|ハイフン(?:なし|無し|あり|有り)?|yyyy.?mm.?dd.*|※.*/gu;

/** The comparable form of a header. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(NOISE, '')
    .replace(/[\s()[\]{}「」【】<>・._\-:：#＃様]/gu, '');
}

const BUYER_PREFIXES = ['', '注文者', 'ご注文者', '購入者', 'ご購入者', 'お客様', '顧客', '請求先', '会員'];
const SHIP_PREFIXES = ['配送先', 'お届け先', '届け先', '送付先', '送り先', '発送先', '配達先', 'お届け'];

interface PersonWords {
  name: string[];
  kana: string[];
  companyName: string[];
  departmentName: string[];
  zip: string[];
  address: string[];
  tel: string[];
}
const PERSON_WORDS: PersonWords = {
  name: ['お名前', '氏名', '名前', '名', '名称', 'name'],
  kana: ['フリガナ', 'ふりがな', 'カナ', 'かな', 'お名前フリガナ', 'お名前カナ', '氏名フリガナ', '氏名カナ', '名前フリガナ', '名前カナ', 'kana'],
  companyName: ['会社名', '法人名', '企業名', '会社', 'company'],
  departmentName: ['部署名', '部署', 'department'],
  zip: ['郵便番号', '〒', 'zip', 'zipcode', 'postalcode', 'postcode'],
  address: ['住所', 'ご住所', 'address'],
  tel: ['電話番号', '電話', 'tel', 'phone', '電話番号1'],
};
/** Headers of a name or address split over several columns, in the order they are joined. */
const PERSON_PARTS: Partial<Record<keyof PersonWords, string[][]>> = {
  name: [
    ['姓', 'お名前姓', '氏名姓', '名前姓', '苗字', 'lastname', 'familyname'],
    ['名', 'お名前名', '氏名名', '名前名', 'firstname', 'givenname'],
  ],
  kana: [
    ['セイ', 'せい', 'フリガナ姓', 'フリガナセイ', 'お名前セイ', '氏名セイ', 'お名前フリガナ姓', 'お名前カナ姓', 'お名前フリガナセイ', '姓カナ', '姓フリガナ', 'カナ姓', 'カナセイ'],
    ['メイ', 'めい', 'フリガナ名', 'フリガナメイ', 'お名前メイ', '氏名メイ', 'お名前フリガナ名', 'お名前カナ名', 'お名前フリガナメイ', '名カナ', '名フリガナ', 'カナ名', 'カナメイ'],
  ],
  address: [
    ['都道府県', '都道府県名', 'prefecture', 'state', 'province'],
    ['住所1', '住所', '市区町村', '市区郡町村', '市区町村名', 'address1', 'city'],
    ['住所2', '番地', '町名番地', '町名', '丁目番地', '住所番地', 'address2'],
    ['住所3', '建物名', '建物名等', 'マンション名', 'ビル名', 'address3'],
  ],
};

type Words = { single: string[]; parts?: string[][] };

function personWords(prefixes: string[], word: keyof PersonWords, excludeBare: string[]): Words {
  const single = prefixes.flatMap((p) => PERSON_WORDS[word].filter((w) => p !== '' || !excludeBare.includes(w)).map((w) => p + w));
  const parts = PERSON_PARTS[word]?.map((alts) => prefixes.flatMap((p) => alts.map((w) => p + w)));
  return parts ? { single, parts } : { single };
}

const PERSON_FIELDS = ['name', 'kana', 'companyName', 'departmentName', 'zip', 'address', 'tel'] as const;
/** Bare 名 and 名称 are given names or goods, not full names. */
const BARE_EXCLUDED = ['名', '名称'];

const WORDS: Record<ImportField, Words> = {
  orderNo: { single: ['注文番号', '受注番号', '注文no', '注文id', '受注id', '受注no', 'オーダー番号', 'オーダーid', 'orderno', 'ordernumber', 'orderid', 'order'] },
  orderedAt: { single: ['受注日', '受注日時', '注文日', '注文日時', '購入日', '購入日時', '注文受付日', '注文受付日時', 'orderdate', 'orderedat', 'createdat'] },
  status: { single: ['対応状況', '受注ステータス', '注文ステータス', 'ステータス', '対応ステータス', 'status'] },
  paymentMethod: { single: ['支払方法', '支払い方法', 'お支払方法', 'お支払い方法', '決済方法', '決済種別', '支払区分', 'paymentmethod', 'payment'] },
  ...(Object.fromEntries(
    PERSON_FIELDS.flatMap((w) => [
      [`customer.${w}`, personWords(BUYER_PREFIXES, w, BARE_EXCLUDED)],
      [`shipTo.${w}`, personWords(SHIP_PREFIXES, w, [])],
    ]),
  ) as Record<`customer.${(typeof PERSON_FIELDS)[number]}` | `shipTo.${(typeof PERSON_FIELDS)[number]}`, Words>),
  'customer.email': { single: ['メールアドレス', 'メール', 'eメール', 'eメールアドレス', 'email', 'mail', 'mailaddress', 'emailaddress', '注文者メールアドレス', '購入者メールアドレス', 'お客様メールアドレス'] },
  'customer.birthDate': { single: ['生年月日', '誕生日', '注文者生年月日', '購入者生年月日', 'birthday', 'birthdate', 'dateofbirth'] },
  'customer.gender': { single: ['性別', '注文者性別', '購入者性別', 'gender', 'sex'] },
  'line.name': { single: ['商品名', '品名', '商品', '商品名称', '商品タイトル', 'itemname', 'productname', 'item', 'product'] },
  'line.unitPrice': { single: ['単価', '商品単価', '販売単価', '価格', '販売価格', '商品価格', 'unitprice', 'price'] },
  'line.quantity': { single: ['数量', '個数', '注文数', '購入数', '注文数量', '購入数量', 'qty', 'quantity'] },
  'line.taxRate': { single: ['税率', '消費税率', '商品税率', 'taxrate'] },
  shippingFee: { single: ['送料', '配送料', '配送料金', '送料合計', 'shipping', 'shippingfee'] },
  fee: { single: ['手数料', '決済手数料', '支払手数料', '代引手数料', '代引き手数料', '後払い手数料', 'np後払い手数料', 'fee'] },
  discount: { single: ['値引き', '値引', '値引額', '値引き額', '割引', '割引額', 'クーポン値引', 'クーポン割引', 'discount'] },
  carrier: { single: ['配送業者', '配送会社', '運送会社', '配送業者名', '宅配業者', '配送業者コード', '運送業者', 'carrier'] },
  slipNo: { single: ['配送伝票番号', '伝票番号', '送り状番号', 'お問い合わせ番号', 'お問合せ番号', '問い合わせ番号', '追跡番号', 'trackingnumber', 'tracking'] },
  invoiceType: { single: ['請求書区分', '請求書', '請求書送付方法', '請求書発行方法', '請求書送付区分'] },
  note: { single: ['備考', '備考欄', 'お客様備考', '連絡事項', 'ご要望', '要望', 'コメント', '通信欄', 'メッセージ', 'お問い合わせ', 'note', 'notes', 'comment'] },
  shopMemo: { single: ['shopメモ', 'ショップメモ', '店舗メモ', '管理メモ', '社内メモ', 'メモ', 'memo'] },
  shippedAt: { single: ['発送日', '発送日時', '出荷日', '出荷日時', 'shippedat', 'shipdate'] },
  paidAt: { single: ['入金日', '入金日時', '支払日', '決済日', 'paidat'] },
  npTransactionId: { single: ['np取引id', 'nptransactionid', 'np取引番号', '取引id', 'np後払い取引id'] },
};

/** Header key → field, first listed wins. */
const SINGLE = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
  for (const w of [IMPORT_FIELD_INFO[field].label, ...WORDS[field].single]) {
    const k = headerKey(w);
    if (k && !SINGLE.has(k)) SINGLE.set(k, field);
  }
}

/**
 * What the app recognises in these headers: each column to at most one field. Split columns are looked for
 * first (注文者 姓 + 注文者 名 is a name, though 注文者名 alone would be one), then whole-value headers.
 */
export function suggestMapping(headers: readonly string[]): CsvResolvedMapping {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const mapping: CsvResolvedMapping = {};
  for (const field of IMPORT_FIELDS) {
    const parts = WORDS[field].parts;
    if (!parts) continue;
    const cols: number[] = [];
    for (const alts of parts) {
      const wanted = new Set(alts.map(headerKey));
      const i = keys.findIndex((k, j) => !used.has(j) && !cols.includes(j) && wanted.has(k));
      if (i >= 0) cols.push(i);
    }
    if (cols.length >= 2) {
      mapping[field] = cols;
      for (const c of cols) used.add(c);
    }
  }
  keys.forEach((k, i) => {
    const field = SINGLE.get(k);
    if (field && !mapping[field] && !used.has(i)) {
      mapping[field] = [i];
      used.add(i);
    }
  });
  return mapping;
}

/** The column index of a header: the exact text first, then the comparable form. */
export function findHeader(headers: readonly string[], header: string): number {
  const exact = headers.findIndex((h) => h.trim() === header.trim());
  if (exact >= 0) return exact;
  const key = headerKey(header);
  return headers.findIndex((h) => headerKey(h) === key);
}

export interface ResolvedMappingResult {
  mapping: CsvResolvedMapping;
  /** Headers named by the mapping that this file does not have. */
  missingHeaders: string[];
  /** Column indexes past the last column. */
  badIndexes: number[];
}

/** Column references (indexes or header texts) → indexes of this file. */
export function resolveMapping(headers: readonly string[], mapping: CsvColumnMapping): ResolvedMappingResult {
  const resolved: CsvResolvedMapping = {};
  const missingHeaders: string[] = [];
  const badIndexes: number[] = [];
  for (const field of IMPORT_FIELDS) {
    const refs = mapping[field];
    if (!refs?.length) continue;
    const cols: number[] = [];
    for (const ref of refs) {
      if (typeof ref === 'number') {
        if (ref < headers.length) cols.push(ref);
        else badIndexes.push(ref);
      } else {
        const i = findHeader(headers, ref);
        if (i >= 0) cols.push(i);
        else missingHeaders.push(ref);
      }
    }
    if (cols.length) resolved[field] = IMPORT_FIELD_INFO[field].joiner === null ? cols.slice(0, 1) : cols;
  }
  return { mapping: resolved, missingHeaders, badIndexes };
}

/** Whether two resolved mappings give every field the same columns (whatever order their keys were set in). */
export function sameMapping(a: CsvResolvedMapping, b: CsvResolvedMapping): boolean {
  return IMPORT_FIELDS.every((f) => (a[f] ?? []).join() === (b[f] ?? []).join());
}

/** A resolved mapping as header texts (how presets store it). */
export function mappingToHeaders(headers: readonly string[], mapping: CsvResolvedMapping): Partial<Record<ImportField, string[]>> {
  const out: Partial<Record<ImportField, string[]>> = {};
  for (const field of IMPORT_FIELDS) {
    const cols = mapping[field];
    if (cols?.length) out[field] = cols.map((c) => headers[c] ?? '').filter((h) => h !== '');
  }
  return out;
}
