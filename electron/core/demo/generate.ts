/**
 * The demo data generator: realistic Japanese orders, deterministic by seed. Tests and benchmarks use it, and
 * demo mode fills an empty store with it. NP statuses are not generated: they come from the NP sandbox.
 */
import type { Customer, Gender, GoodsLine, InvoiceType, OrderInput, OrderStatus, PaymentMethod, Person } from '../../../shared/order';
import { DAY_MS, JST_OFFSET_MS } from '../../../shared/jst-date';
import { createRandom, type Random } from './random';
import { COMPANIES, DEPARTMENTS, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES, type NameEntry } from './names';
import { BUILDINGS, CATALOGUE, LONG_ADDRESS_TAIL, NOTES, SHOP_MEMOS } from './catalogue';
import { zipTable, type ZipEntry } from './zip-table';

export interface GenerateOrdersOptions {
  seed: number;
  count: number;
  /** Orders are spread over the 90 days before this instant (default: 2026-11-01 00:00 JST, so output is stable). */
  now?: number;
  /** Share (0–1) of orders made deliberately invalid for NP (name > 21, address > 55, wrong TEL digit count). */
  invalidShare?: number;
  /** The first numeric order number (default 10001). */
  firstOrderNo?: number;
}

export const DEFAULT_DEMO_NOW = Date.UTC(2026, 10, 1) - JST_OFFSET_MS;
export const DEMO_SPAN_DAYS = 90;
/** NP's length limits (np-api.md §5.2), counted in characters. */
export const NP_NAME_MAX = 21;
export const NP_ADDRESS_MAX = 55;

const PAYMENT_WEIGHTS: readonly (readonly [PaymentMethod, number])[] = [
  ['np_atobarai', 70],
  ['credit_card', 15],
  ['amazon_pay', 10],
  ['cod', 5],
];
const STATUS_WEIGHTS: readonly (readonly [OrderStatus, number])[] = [
  ['shipped', 45],
  ['new', 18],
  ['paid', 10],
  ['awaiting_payment', 8],
  ['cancelled', 8],
  ['processing', 6],
  ['backordered', 5],
];
/** NP's carrier codes (np-api.md §9): 佐川急便, ヤマト運輸, ゆうパック. */
const CARRIERS: readonly (readonly [string, number])[] = [
  ['59010', 50],
  ['50000', 35],
  ['59041', 15],
];
const LANDLINE_AREA: Readonly<Record<string, string>> = {
  東京都: '3', 大阪府: '6', 神奈川県: '45', 愛知県: '52', 北海道: '11', 福岡県: '92', 京都府: '75', 兵庫県: '78', 宮城県: '22',
  広島県: '82', 埼玉県: '48', 千葉県: '43',
};
const FAR_PREFECTURES = new Set(['北海道', '沖縄県']);
const MOBILE_PREFIXES = ['090', '080', '070'];
const EMAIL_DOMAINS = ['example.com', 'example.jp', 'example.net', 'example.org'];
const FREE_SHIPPING_FROM = 5000;
const HOUR_WEIGHTS = Array.from({ length: 24 }, (_, h) => [h, h < 6 ? 1 : h < 9 ? 3 : h < 12 ? 6 : h < 19 ? 7 : 10] as const);
const BLOCK_STYLES = [['hyphen', 60], ['chome', 25], ['lot', 15]] as const;
const EMAIL_STYLES = [['dot', 40], ['initial', 40], ['underscore', 20]] as const;
/** Share of orders placed by a buyer who ordered before (購入履歴 > 1). */
const REPEAT_SHARE = 0.25;

interface Who {
  surname: NameEntry;
  given: NameEntry;
  gender: Gender;
}

function person(r: Random): Who {
  const female = r.chance(0.58);
  return {
    surname: r.pick(SURNAMES),
    given: r.pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES),
    gender: r.chance(0.04) ? 'unknown' : female ? 'female' : 'male',
  };
}

/** '山田 太郎' — mostly a half-width space, sometimes a 全角 space or none, as carts store them. */
function fullName(r: Random, w: Who): { name: string; kana: string } {
  const sep = r.weighted<string>([[' ', 70], ['\u3000', 25], ['', 5]]);
  return { name: `${w.surname[0]}${sep}${w.given[0]}`, kana: `${w.surname[1]}${sep}${w.given[1]}` };
}

/** A TEL that follows NP's rule: mobile 090/080/070 + 8 digits (11), landline 10 digits. */
function telFor(r: Random, prefecture: string): string {
  if (r.chance(0.62)) return `${r.pick(MOBILE_PREFIXES)}${r.digits(8)}`;
  const area = LANDLINE_AREA[prefecture] ?? r.pick(['123', '234', '263', '276', '284', '422', '463', '727', '857', '985']);
  return `0${area}${r.int(1, 9)}${r.digits(9 - area.length - 1)}`;
}

function addressFor(r: Random, z: ZipEntry): string {
  const [, pref, city, town] = z;
  const style = r.weighted(BLOCK_STYLES);
  const block =
    style === 'hyphen' ? `${r.int(1, 5)}-${r.int(1, 30)}-${r.int(1, 20)}` : style === 'chome' ? `${r.int(1, 5)}丁目${r.int(1, 30)}番${r.int(1, 20)}号` : `${r.int(1, 2500)}`;
  const building = r.chance(0.55) ? ` ${r.pick(BUILDINGS)}${r.chance(0.3) ? r.pick(['A', 'B', '東', '西', '']) + '棟' : ''}${r.int(1, 12)}0${r.int(1, 9)}` : '';
  return `${pref}${city}${town}${block}${building}`;
}

function emailFor(r: Random, w: Who, n: number): string {
  if (r.chance(0.03)) return ''; // phone orders without an email
  const style = r.weighted(EMAIL_STYLES);
  const local =
    style === 'dot' ? `${w.given[2]}.${w.surname[2]}` : style === 'initial' ? `${w.surname[2]}${w.given[2][0] ?? ''}${r.int(1, 999)}` : `${w.given[2]}_${n % 1000}`;
  const email = `${local}@${r.pick(EMAIL_DOMAINS)}`;
  return r.chance(0.05) ? email.replace(/^./u, (c) => c.toUpperCase()) : email;
}

let prefectureOfZip: Map<string, string> | null = null;
const prefectureOfDemoZip = (zip: string): string => (prefectureOfZip ??= new Map(zipTable().map((z) => [z[0], z[1]]))).get(zip) ?? '';

function birthDateFor(r: Random, now: number): string | null {
  if (r.chance(0.15)) return null;
  const age = r.int(18, 82);
  const d = new Date(now - age * 365.25 * DAY_MS - r.int(0, 364) * DAY_MS);
  return d.toISOString().slice(0, 10);
}

function buyer(r: Random, n: number, now: number): Customer {
  const w = person(r);
  const z = r.pick(zipTable());
  const company = r.chance(0.08) ? r.pick(COMPANIES) : null;
  return {
    ...fullName(r, w),
    companyName: company ? company[0] : '',
    departmentName: company && r.chance(0.6) ? r.pick(DEPARTMENTS) : '',
    zip: z[0],
    address: addressFor(r, z),
    tel: telFor(r, z[1]),
    email: emailFor(r, w, n),
    birthDate: birthDateFor(r, now),
    gender: w.gender,
  };
}

/** A gift recipient: someone else, elsewhere (or the same family at another address). */
function shipTo(r: Random, c: Customer): Person {
  const w = person(r);
  const z = r.pick(zipTable());
  const family = r.chance(0.3) ? SURNAMES.find(([kanji, kana]) => c.name.startsWith(kanji) && c.kana.startsWith(kana)) : undefined;
  const name = fullName(r, family ? { ...w, surname: family } : w);
  return { ...name, companyName: '', departmentName: '', zip: z[0], address: addressFor(r, z), tel: telFor(r, z[1]) };
}

function goodsLines(r: Random): GoodsLine[] {
  const n = r.weighted<number>([[1, 45], [2, 30], [3, 15], [4, 7], [6, 3]]);
  const picked = new Set<number>();
  while (picked.size < n) picked.add(r.int(0, CATALOGUE.length - 1));
  return [...picked].map((i) => {
    const [name, unitPrice] = CATALOGUE[i] as readonly [string, number];
    return { name, unitPrice, quantity: r.weighted<number>([[1, 70], [2, 20], [3, 7], [5, 2], [10, 1]]) };
  });
}

/** 対応状況 with matching 発送日 / 入金日 / 配送伝票番号. */
function lifecycle(r: Random, orderedAt: number, now: number, pay: PaymentMethod) {
  const status = r.weighted(STATUS_WEIGHTS);
  const shipped = status === 'shipped';
  const shippedAt = shipped ? Math.min(now - 60_000, orderedAt + r.int(1, 5) * DAY_MS + r.int(0, 8 * 3600) * 1000) : null;
  const prepaid = pay === 'credit_card' || pay === 'amazon_pay';
  let paidAt: number | null = null;
  if (prepaid && status !== 'processing' && status !== 'awaiting_payment') paidAt = orderedAt + r.int(1, 600) * 1000;
  else if (status === 'paid') paidAt = Math.min(now - 60_000, orderedAt + r.int(1, 10) * DAY_MS);
  else if (pay === 'cod' && shippedAt !== null) paidAt = Math.min(now - 60_000, shippedAt + r.int(1, 3) * DAY_MS);
  const slipNo = shipped || (status === 'paid' && r.chance(0.3)) ? r.digits(12) : '';
  return { status, shippedAt, paidAt, slipNo };
}

/** Make one order deliberately invalid for NP (not for the store): too long a name, address, or a TEL of the wrong length. */
function spoil(r: Random, o: OrderInput): void {
  const c = o.customer;
  switch (r.int(0, 2)) {
    case 0:
      c.name = `${c.name}${'・ジョンソン＝ウィリアムズ＝フォンシュタインベルク'}`.slice(0, NP_NAME_MAX + 6);
      break;
    case 1:
      c.address = `${c.address}${LONG_ADDRESS_TAIL}`;
      break;
    default:
      c.tel = c.tel.length === 11 ? c.tel.slice(0, 10) : `090${c.tel.slice(3, 10)}`; // 090 with 10 digits
  }
}

/** A time of day weighted like a web shop's (evenings busy, nights quiet), in ms after JST midnight. */
function timeOfDay(r: Random): number {
  const hour = r.weighted(HOUR_WEIGHTS);
  return ((hour * 60 + r.int(0, 59)) * 60 + r.int(0, 59)) * 1000;
}

export function generateOrders(opts: GenerateOrdersOptions): OrderInput[] {
  const { seed, count } = opts;
  const now = opts.now ?? DEFAULT_DEMO_NOW;
  const invalidShare = opts.invalidShare ?? 0;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer: ${count}`);
  if (invalidShare < 0 || invalidShare > 1) throw new RangeError(`invalidShare must be within 0..1: ${invalidShare}`);
  const r = createRandom(seed);
  const todayStart = Math.floor((now + JST_OFFSET_MS) / DAY_MS) * DAY_MS - JST_OFFSET_MS;

  const times = Array.from({ length: count }, () => {
    const t = todayStart - r.int(0, DEMO_SPAN_DAYS - 1) * DAY_MS + timeOfDay(r);
    return t < now ? t : now - r.int(1, 3600) * 1000;
  }).sort((a, b) => a - b);

  let phoneOrders = 0;
  let webOrders = 0;
  const firstOrderNo = opts.firstOrderNo ?? 10001;
  const buyers: Customer[] = [];
  return times.map((orderedAt, i): OrderInput => {
    const repeat = buyers.length > 0 && r.chance(REPEAT_SHARE);
    const customer = repeat ? { ...r.pick(buyers) } : buyer(r, i, now);
    if (!repeat) buyers.push({ ...customer });
    const paymentMethod = r.weighted(PAYMENT_WEIGHTS);
    const lines = goodsLines(r);
    const subtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
    const discount = r.chance(0.1) ? Math.min(subtotal, r.pick([100, 200, 300, 500, 1000])) : 0;
    const shippingFee = subtotal - discount >= FREE_SHIPPING_FROM ? 0 : FAR_PREFECTURES.has(prefectureOfDemoZip(customer.zip)) ? 1200 : 660;
    const fee = paymentMethod === 'np_atobarai' ? r.weighted<number>([[250, 70], [0, 30]]) : paymentMethod === 'cod' ? 330 : 0;
    const life = lifecycle(r, orderedAt, now, paymentMethod);
    const phone = r.chance(0.02);
    const order: OrderInput = {
      orderNo: phone ? `T-${String(++phoneOrders).padStart(5, '0')}` : String(firstOrderNo + webOrders++),
      orderedAt,
      status: life.status,
      paymentMethod,
      customer,
      shipTo: r.chance(0.15) ? shipTo(r, customer) : null,
      lines,
      shippingFee,
      fee,
      discount,
      carrierCode: r.weighted(CARRIERS),
      slipNo: life.slipNo,
      invoiceType: r.weighted<InvoiceType>([['separate', 70], ['bundled', 30]]),
      note: r.chance(0.2) ? r.pick(NOTES) : '',
      shopMemo: r.chance(0.1) ? r.pick(SHOP_MEMOS) : '',
      shippedAt: life.shippedAt,
      paidAt: life.paidAt,
    };
    if (invalidShare > 0 && r.chance(invalidShare)) spoil(r, order);
    return order;
  });
}
