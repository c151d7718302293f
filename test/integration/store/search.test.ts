/**
 * Every filter of the seed's search form, alone and combined, with sorting and paging: the store's answer must
 * equal the independent oracle (search-oracle.ts) over ≥ 5,000 generated orders, for several seeds.
 */
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository, type OrderRepository } from '../../../electron/core/orders';
import { DEFAULT_DEMO_NOW, generateOrders } from '../../../electron/core/demo/generate';
import { createRandom } from '../../../electron/core/demo/random';
import { orderTotal } from '../../../shared/order';
import { parseOrderInput } from '../../../shared/order-schema';
import { NP_STATUSES } from '../../../shared/np/status';
import { DAY_MS, toJstDate } from '../../../shared/jst-date';
import { ORDER_SORT_KEYS, type OrderSearchCriteria } from '../../../shared/search';
import { ValidationError } from '../../../shared/validation';
import { oraclePurchaseCounts, oracleSearch, type OracleOrder } from './search-oracle';
import { tempDir } from './helpers';

const COUNT = 5000;
const SEEDS = [101, 202, 303];
const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface Fixture {
  db: Database;
  repo: OrderRepository;
  orders: OracleOrder[];
}

/** Store COUNT generated orders; give them varied 更新日 and NP statuses; return the oracle's copy. */
function buildFixture(seed: number): Fixture {
  const db = openDatabase(tmp.file(`search-${seed}.sqlite`));
  const repo = createOrderRepository(db);
  const r = createRandom(seed * 7 + 1);
  const inputs = generateOrders({ seed, count: COUNT, invalidShare: 0.02 });
  const setNp = db.prepare('UPDATE orders SET np_status = ? WHERE id = ?');
  const orders: OracleOrder[] = [];
  db.transaction(() => {
    inputs.forEach((input, i) => {
      const created = input.orderedAt + r.int(0, 3600) * 1000;
      const updated = r.chance(0.3) ? Math.min(DEFAULT_DEMO_NOW, created + r.int(1, 20) * DAY_MS) : created;
      const saved = repo.insert(input, created);
      if (updated !== created) repo.update(saved.id, input, updated);
      const npStatus = input.paymentMethod === 'np_atobarai' ? ([...NP_STATUSES, null][(i * 7 + seed) % 16] ?? null) : null;
      if (npStatus) setNp.run(npStatus, saved.id);
      orders.push({ ...parseOrderInput(input), id: saved.id, total: orderTotal(input), createdAt: created, updatedAt: updated, npStatus });
    });
  })();
  return { db, repo, orders };
}

/** Filters derived from the data, so text filters hit real orders (and fold what staff would type). */
function criteriaFor(f: Fixture, seed: number): Record<string, OrderSearchCriteria> {
  const r = createRandom(seed);
  const pick = () => r.pick(f.orders);
  const a = pick();
  const b = pick();
  const surname = a.customer.name.split(/[ \u3000]/u)[0] ?? a.customer.name;
  const kanaSurname = (b.customer.kana.split(/[ \u3000]/u)[0] ?? '').replace(/[\u30a1-\u30f6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
  const emailOrder = f.orders.find((o) => o.customer.email.length > 8 && o.id > a.id) ?? a;
  const emailPart = emailOrder.customer.email.slice(0, 6).toUpperCase();
  const tel = pick().customer.tel;
  const telQuery = `${tel.slice(0, 3)}-${tel.slice(3, 7)}`;
  const day = (ms: number) => toJstDate(ms);
  const mid = f.orders[Math.floor(f.orders.length / 2)] as OracleOrder;
  const firstNo = Number(f.orders.find((o) => /^\d+$/u.test(o.orderNo))?.orderNo ?? 10001);
  return {
    'order number range': { orderNo: { from: firstNo + 500, to: firstNo + 899 } },
    'order number from (全角 text)': { orderNo: { from: String(firstNo + 4000).replace(/\d/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) } },
    'order number to': { orderNo: { to: firstNo + 50 } },
    'status (one)': { statuses: ['backordered'] },
    'status (several)': { statuses: ['new', 'processing', 'cancelled'] },
    'name (surname)': { name: surname },
    'name (full name typed without the space)': { name: a.customer.name.replace(/[ \u3000]/gu, '') },
    'kana (hiragana)': { kana: kanaSurname },
    'kana (half-width katakana with a space)': { kana: 'ﾔﾏﾀﾞ ' },
    'email (upper case, part)': { email: emailPart },
    'email (domain)': { email: 'example.JP' },
    'TEL (hyphenated, part)': { tel: telQuery },
    'TEL (全角)': { tel: '０９０' },
    'birth date range': { birthDate: { from: '1970-01-01', to: '1979-12-31' } },
    'birth date from': { birthDate: { from: '2000-06-15' } },
    gender: { genders: ['female'] },
    'gender (unknown + male)': { genders: ['unknown', 'male'] },
    'has a note': { hasNote: true },
    'payment method': { paymentMethods: ['cod', 'amazon_pay'] },
    'order date range (JST days)': { orderedAt: { from: day(mid.orderedAt), to: day(mid.orderedAt + 6 * DAY_MS) } },
    'order date, one day': { orderedAt: { from: day(mid.orderedAt), to: day(mid.orderedAt) } },
    'update date from': { updatedAt: { from: day(mid.orderedAt) } },
    'update date range': { updatedAt: { from: day(mid.orderedAt - 10 * DAY_MS), to: day(mid.orderedAt) } },
    'shipment date range': { shippedAt: { from: day(mid.orderedAt - 20 * DAY_MS), to: day(mid.orderedAt) } },
    'amount range': { total: { from: 3000, to: 5000 } },
    'amount from (text with 円 and commas)': { total: { from: '１５,０００円' } },
    'amount to': { total: { to: 1500 } },
    'goods (contains)': { goods: '緑茶' },
    'goods (半角 query, 全角 name)': { goods: 'aセット' },
    'NP status (one)': { npStatuses: ['ok'] },
    'NP status (several + 未登録)': { npStatuses: ['hold', 'ng', 'none'] },
    'NP status (未登録 only)': { npStatuses: ['none'] },
    'invoice type': { invoiceTypes: ['bundled'] },
    'combined: NP orders under review this month': {
      paymentMethods: ['np_atobarai'],
      npStatuses: ['reviewing', 'hold', 'none'],
      orderedAt: { from: day(mid.orderedAt) },
      total: { from: 2000 },
    },
    'combined: kana + status + invoice type': { kana: kanaSurname, statuses: ['shipped', 'paid', 'new'], invoiceTypes: ['separate'] },
    'combined: note + gender + birth date + goods': { hasNote: true, genders: ['female'], birthDate: { to: '1990-12-31' }, goods: '茶' },
    'combined: order no + amount + NP status': { orderNo: { from: firstNo, to: firstNo + 3000 }, total: { from: 1000, to: 8000 }, npStatuses: ['ok', 'shipped'] },
    'empty filters are ignored': { name: '', kana: '  ', email: null, statuses: [], total: { from: '', to: null }, orderedAt: {}, hasNote: false },
    'every status chosen = no filter': { statuses: ['processing', 'new', 'awaiting_payment', 'paid', 'cancelled', 'backordered', 'shipped'] },
    'no match': { name: '存在しない名前' },
  };
}

describe.each(SEEDS)('order search over %i-seeded orders', (seed) => {
  let f: Fixture;
  beforeAll(() => {
    f = buildFixture(seed);
  });
  afterAll(() => f.db.close());

  it('stores what the oracle holds', () => {
    expect(f.repo.count()).toBe(COUNT);
    const r = createRandom(seed + 1);
    for (let i = 0; i < 20; i++) {
      const o = r.pick(f.orders);
      const { npStatus: _np, ...order } = o;
      expect(f.repo.get(o.id)).toEqual(order);
    }
  });

  it('answers every filter exactly as the independent filter does (first page, hit count)', () => {
    const cases = criteriaFor(f, seed);
    const nonEmpty: string[] = [];
    for (const [label, criteria] of Object.entries(cases)) {
      const expected = oracleSearch(f.orders, criteria);
      const got = f.repo.search({ ...criteria, limit: 200 });
      expect(got.total, label).toBe(expected.length);
      expect(got.rows.map((row) => row.id), label).toEqual(expected.slice(0, 200).map((o) => o.id));
      if (expected.length > 0 && expected.length < COUNT) nonEmpty.push(label);
    }
    // The filters must narrow: all but the three cases meant to be empty or unfiltered hit some but not all orders.
    expect(Object.keys(cases).filter((l) => !nonEmpty.includes(l)).sort()).toEqual(['empty filters are ignored', 'every status chosen = no filter', 'no match'].sort());
  });

  it('sorts by every list column both ways, with stable paging', () => {
    const base: OrderSearchCriteria = { total: { from: 1000 } };
    for (const key of ORDER_SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const expected = oracleSearch(f.orders, { ...base, sort: { key, dir } }).map((o) => o.id);
        for (const [offset, limit] of [[0, 50], [1234, 100], [expected.length - 30, 100]] as const) {
          const got = f.repo.search({ ...base, sort: { key, dir }, offset, limit });
          expect(got.rows.map((r) => r.id), `${key} ${dir} @${offset}`).toEqual(expected.slice(offset, offset + limit));
          expect(got.total).toBe(expected.length);
          expect(got.offset).toBe(offset);
        }
        // Without filters the sort may use its own index: still the same order.
        const unfiltered = oracleSearch(f.orders, { sort: { key, dir } }).map((o) => o.id);
        expect(f.repo.search({ sort: { key, dir }, offset: 2000, limit: 60 }).rows.map((r) => r.id), `${key} ${dir} unfiltered`).toEqual(unfiltered.slice(2000, 2060));
      }
    }
  });

  it('pages through all matches without gaps or repeats', () => {
    const criteria: OrderSearchCriteria = { paymentMethods: ['np_atobarai'], sort: { key: 'customerKana', dir: 'asc' } };
    const expected = oracleSearch(f.orders, criteria).map((o) => o.id);
    const seen: number[] = [];
    for (let offset = 0; offset < expected.length; offset += 1000) seen.push(...f.repo.search({ ...criteria, offset, limit: 1000 }).rows.map((r) => r.id));
    expect(seen).toEqual(expected);
    expect(f.repo.search({ ...criteria, offset: expected.length, limit: 10 }).rows).toEqual([]);
  });

  it('fills the list columns, including 購入履歴 and NP未反映', () => {
    const counts = oraclePurchaseCounts(f.orders);
    const withRepeat = f.orders.filter((o) => (counts.get(o.id) ?? 0) > 1);
    expect(withRepeat.length).toBeGreaterThan(100);
    const target = withRepeat[0] as OracleOrder;
    f.db.prepare('UPDATE orders SET np_dirty = 1 WHERE id = ?').run(target.id);
    const got = f.repo.search({ orderNo: { from: target.orderNo, to: target.orderNo } });
    expect(got.rows).toEqual([
      {
        id: target.id,
        orderNo: target.orderNo,
        orderedAt: target.orderedAt,
        customerName: target.customer.name,
        customerKana: target.customer.kana,
        paymentMethod: target.paymentMethod,
        total: target.total,
        status: target.status,
        npStatus: target.npStatus,
        npDirty: true,
        invoiceType: target.invoiceType,
        purchaseCount: counts.get(target.id),
        printedAt: null,
      },
    ]);
    const page = f.repo.search({ sort: { key: 'orderedAt', dir: 'asc' }, limit: 300 });
    for (const row of page.rows) expect(row.purchaseCount).toBe(counts.get(row.id));
  });

  it('iterates every match in sort order, as full orders', () => {
    const criteria: OrderSearchCriteria = { statuses: ['shipped'], sort: { key: 'total', dir: 'desc' }, limit: 5 };
    const expected = oracleSearch(f.orders, criteria);
    const got = [...f.repo.iterate(criteria)];
    expect(got.map((o) => o.id)).toEqual(expected.map((o) => o.id));
    expect(got.length).toBeGreaterThan(1000);
    const { npStatus: _np, ...first } = expected[0] as OracleOrder;
    expect(got[0]).toEqual(first);
  });
});

describe('search criteria validation', () => {
  let f: Fixture;
  beforeAll(() => {
    f = { db: openDatabase(tmp.file('criteria.sqlite')), repo: undefined as never, orders: [] };
    f.repo = createOrderRepository(f.db);
  });
  afterAll(() => f.db.close());

  const issuesOf = (criteria: unknown) => {
    try {
      f.repo.search(criteria as OrderSearchCriteria);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues.map((i) => ({ path: i.path, message: i.message }));
    }
    throw new Error('expected a ValidationError');
  };

  it('rejects wrong types with a message naming the field', () => {
    expect(issuesOf({ statuses: 'new' })).toEqual([{ path: 'statuses', message: '対応状況は配列で指定してください' }]);
    expect(issuesOf({ total: { from: 'たくさん' } })).toEqual([{ path: 'total.from', message: '購入金額（開始）は0以上の整数で入力してください' }]);
    expect(issuesOf({ orderedAt: { from: '2026/11/01' } })).toEqual([{ path: 'orderedAt.from', message: '受注日（開始）は日付（YYYY-MM-DD）で入力してください' }]);
    expect(issuesOf({ npStatuses: ['審査OK'] })).toEqual([{ path: 'npStatuses.0', message: 'NP後払いステータスの値が正しくありません' }]);
    expect(issuesOf({ hasNote: 'yes' })).toEqual([{ path: 'hasNote', message: '備考欄の条件は true / false で指定してください' }]);
    expect(issuesOf({ name: 42 })).toEqual([{ path: 'name', message: 'お名前は文字列で指定してください' }]);
    expect(issuesOf({ sort: { key: 'email', dir: 'asc' } })).toEqual([{ path: 'sort.key', message: '並び替えの項目が正しくありません' }]);
    expect(issuesOf({ limit: 1001 })).toEqual([{ path: 'limit', message: '表示件数は1000件以下で指定してください' }]);
    expect(issuesOf({ offset: -1 })).toEqual([{ path: 'offset', message: '表示開始位置は0以上で指定してください' }]);
    expect(issuesOf({ birthDate: { from: '1990-01-01', to: '1980-01-01' } })).toEqual([{ path: 'birthDate.from', message: '生年月日の開始が終了より後になっています' }]);
    expect(issuesOf({ colour: 'red' })).toEqual([{ path: '', message: '不明な項目があります: colour' }]);
    expect(issuesOf('everything')).toEqual([{ path: '', message: '検索条件はオブジェクトで指定してください' }]);
  });

  it('puts every wrong field in the error message', () => {
    expect(() => f.repo.search({ limit: 0, tel: 'abc' } as OrderSearchCriteria)).toThrow(/表示件数.*limit.*TEL.*tel|TEL.*tel.*表示件数.*limit/u);
  });

  it('validates iterate() criteria before the first item is asked for', () => {
    expect(() => f.repo.iterate({ limit: 'x' } as never)).toThrow(ValidationError);
  });
});
