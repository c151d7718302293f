/**
 * 送り状データ through the real core (SQLite file, the contract's dispatch table): each carrier's header row
 * and values, CP932 on disk, the field-limit report (values written whole, never cut), the lossy-character
 * report, and the round trip B2クラウド export → a B2-style issued file with 伝票番号 → 出荷CSV取込 → 一括出荷報告
 * reaching the NP sandbox.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { DEMO_MERCHANT, startSandbox, type RunningSandbox } from '../../../electron/sandbox';
import type { CarrierCsvResult } from '../../../shared/carrier-csv';
import type { ShipmentPreview } from '../../../shared/csv';
import { taxBreakdown } from '../../../shared/delivery-note';
import type { OrderInput } from '../../../shared/order';
import { COD, SHOP, SHORT_BUNDLED, SHORT_SEPARATE, orderInput } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'atobarai-carrier-'));
let core: AppCore;
let sandbox: RunningSandbox;
let seq = 0;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}
const create = async (o: OrderInput, registerWithNp = false) => (await call<{ order: { id: number } }>('createOrder', { order: o, registerWithNp })).order.id;

/** The written file, read back as CP932 records (header first). */
function records(result: CarrierCsvResult): string[][] {
  const bytes = readFileSync(result.filePath!);
  expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false); // no BOM: Shift_JIS
  return parse(iconv.decode(bytes, 'cp932'), { relaxColumnCount: false }) as string[][];
}
const byHeader = (rows: string[][], orderNo: string, key: number): Record<string, string> => {
  const header = rows[0]!;
  const row = rows.find((r) => r[key] === orderNo)!;
  return Object.fromEntries(header.map((h, i) => [h, row[i]!]));
};
const total = (o: OrderInput) => o.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0) + o.shippingFee + o.fee - o.discount;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  core = await createAppCore({
    dataDir: dir,
    secrets: createMemorySecretStore(),
    transport: 'http',
    sandboxTarget: { url: sandbox.url, credentials: { ...DEMO_MERCHANT } },
    ports: { exportTarget: async (name) => ({ path: join(dir, `${++seq}-${name}`), download: name }) },
  });
  await call('setSettings', { shop: SHOP });
});
afterAll(async () => {
  await core.close();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('送り状データ (CP932 CSV in the carriers’ layouts)', () => {
  let ids: number[];
  beforeAll(async () => {
    ids = [await create(SHORT_SEPARATE), await create(SHORT_BUNDLED), await create(COD)];
  });

  it('B2クラウド: the standard layout, お客様管理番号 = 注文番号, 発払い / コレクト with the amount, ご依頼主 from 設定', async () => {
    const result = await call<CarrierCsvResult>('carrierCsvExport', { orderIds: ids, carrier: 'b2cloud', shipDate: '2026-12-01' });
    expect(result).toMatchObject({ carrier: 'b2cloud', rows: 3, overLimit: [], lossy: [], missing: [] });
    expect(result.fileName).toMatch(/^送り状_B2クラウド_\d{8}_\d{4}\.csv$/u);
    const rows = records(result);
    expect(rows[0]!.slice(0, 18)).toEqual([
      'お客様管理番号', '送り状種類', 'クール区分', '伝票番号', '出荷予定日', 'お届け予定（指定）日', '配達時間帯', 'お届け先コード',
      'お届け先電話番号', 'お届け先電話番号枝番', 'お届け先郵便番号', 'お届け先住所', 'お届け先住所（アパートマンション名）',
      'お届け先会社・部門名１', 'お届け先会社・部門名２', 'お届け先名', 'お届け先名略称カナ', '敬称',
    ]);
    expect(rows[0]![27]).toBe('品名１');
    expect(rows[0]![33]).toBe('コレクト代金引換額（税込）');
    expect(rows[0]![39]).toBe('ご請求先顧客コード');
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);

    const a = byHeader(rows, '5001', 0);
    expect(a).toMatchObject({
      送り状種類: '0',
      伝票番号: '',
      出荷予定日: '2026/12/01',
      お届け先電話番号: '03-1234-5678',
      お届け先郵便番号: '107-0052',
      お届け先住所: '東京都港区赤坂1-2-3',
      'お届け先住所（アパートマンション名）': '赤坂ビル101',
      お届け先名: '山田 太郎',
      敬称: '様',
      ご依頼主電話番号: '054-212-3456', // by the numbering plan (shared/tel-zip-format.ts)
      ご依頼主郵便番号: '420-0852',
      ご依頼主住所: '静岡県静岡市葵区紺屋町1-2',
      'ご依頼主住所（アパートマンション名）': 'みどりビル3F',
      ご依頼主名: SHOP.name,
      品名１: '煎茶 100g',
      品名２: '急須（常滑焼）',
      'コレクト代金引換額（税込）': '',
    });
    const c = byHeader(rows, '5004', 0);
    expect(c).toMatchObject({
      送り状種類: '2',
      お届け先名: '鈴木 一郎', // the ship-to, not the buyer
      'お届け先会社・部門名１': '株式会社すずき商店',
      'お届け先会社・部門名２': '総務部',
      お届け先住所: '大阪府大阪市北区梅田1-1-1',
      'お届け先住所（アパートマンション名）': '梅田センタービル20F',
      お届け先電話番号: '06-6123-4567',
      'コレクト代金引換額（税込）': String(total(COD)),
      コレクト内消費税額等: String(taxBreakdown(COD).reduce((s, b) => s + b.tax, 0)),
    });
  });

  it('e飛伝Ⅲ: the e飛伝Ⅱ standard pattern, お客様管理ナンバー = 注文番号, 代引金額 for 代金引換', async () => {
    const rows = records(await call<CarrierCsvResult>('carrierCsvExport', { orderIds: ids, carrier: 'ehiden3', shipDate: '2026-12-01' }));
    expect(rows[0]!.slice(0, 9)).toEqual([
      '住所録コード', 'お届け先電話番号', 'お届け先郵便番号', 'お届け先住所１', 'お届け先住所２', 'お届け先住所３', 'お届け先名称１', 'お届け先名称２', 'お客様管理ナンバー',
    ]);
    const a = byHeader(rows, '5001', 8);
    expect(a).toMatchObject({ お届け先住所１: '東京都港区赤坂1-2-3', お届け先住所２: '', お届け先住所３: '赤坂ビル101', お届け先名称１: '山田 太郎', 代引金額: '', 元着区分: '1', 出荷日: '20261201', 品名１: '煎茶 100g', 品名２: '急須（常滑焼）' });
    const c = byHeader(rows, '5004', 8);
    expect(c).toMatchObject({ お届け先名称１: '鈴木 一郎', お届け先名称２: '株式会社すずき商店 総務部', 代引金額: String(total(COD)) });
  });

  it('ゆうプリR: お客様側管理番号 = 注文番号, 発送予定日, 元/着払/代引', async () => {
    const rows = records(await call<CarrierCsvResult>('carrierCsvExport', { orderIds: ids, carrier: 'yuprir' }));
    expect(rows[0]!.slice(0, 3)).toEqual(['お客様側管理番号', '発送予定日', '発送予定時間区分']);
    const a = byHeader(rows, '5001', 0);
    expect(a['発送予定日']).toMatch(/^\d{8}$/u); // today (JST) by default
    expect(a).toMatchObject({ '元/着払/代引': '0', お届け先郵便番号: '107-0052', お届け先住所1: '東京都港区赤坂1-2-3', お届け先住所3: '赤坂ビル101', 品名: '煎茶 100g 他1点' });
    expect(byHeader(rows, '5004', 0)).toMatchObject({ '元/着払/代引': '2', 代引金額: String(total(COD)) });
  });

  it('lists values longer than a field per order, writes them whole, and reports characters Shift_JIS cannot hold', async () => {
    const longName = '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末';
    const id = await create(
      orderInput('5010', { customer: { ...orderInput('x').customer, name: longName, address: '北海道札幌市中央区北一条西二丁目1-1 𠮷野ビル' }, lines: [{ name: '=HYPERLINK("x")', unitPrice: 100, quantity: 1 }] }),
    );
    const result = await call<CarrierCsvResult>('carrierCsvExport', { orderIds: [id], carrier: 'b2cloud' });
    expect(result.overLimit).toEqual([{ orderNo: '5010', field: 'お届け先名', value: longName, limit: 32, length: longName.length * 2 }]);
    expect(result.lossy).toEqual([{ orderNo: '5010', field: 'お届け先住所（アパートマンション名）', chars: ['𠮷'] }]);
    const row = byHeader(records(result), '5010', 0);
    expect(row['お届け先名']).toBe(longName); // never cut
    expect(row['品名１']).toBe(`'=HYPERLINK("x")`); // formula neutralised
    expect(row['お届け先住所（アパートマンション名）']).toBe('〓野ビル');

    const sagawa = await call<CarrierCsvResult>('carrierCsvExport', { orderIds: [id], carrier: 'ehiden3' });
    expect(sagawa.overLimit.map((o) => o.field)).toEqual(['お届け先名称１']); // the address spreads over 住所１・２
  });

  it('refuses more than 10,000 orders and names deleted ones', async () => {
    const tooMany = await core.dispatch('carrierCsvExport', { orderIds: Array.from({ length: 10_001 }, (_, i) => i + 1), carrier: 'b2cloud' });
    expect(tooMany.ok).toBe(false);
    const r = await call<CarrierCsvResult>('carrierCsvExport', { orderIds: [ids[0], 999_999], carrier: 'b2cloud' });
    expect(r.missing).toEqual([999_999]);
    expect(r.rows).toBe(1);
  });
});

describe('round trip: B2クラウド export → issued file with 伝票番号 → 出荷CSV取込 → 一括出荷報告 at NP', () => {
  it('maps the issued file back to the orders by お客様管理番号 and reports the shipments to the sandbox', async () => {
    const orders = [orderInput('7001'), orderInput('7002', { customer: { ...orderInput('x').customer, tel: '09011112222', email: 'b@example.jp' } })];
    const ids = [];
    for (const o of orders) ids.push(await create(o, true));
    expect((await call<{ error: unknown }>('startSync', undefined)).error).toBeNull(); // 取引登録 → 審査OK

    const exported = await call<CarrierCsvResult>('carrierCsvExport', { orderIds: ids, carrier: 'b2cloud' });
    // B2クラウド issues the labels and gives the same layout back with 伝票番号 filled in.
    const rows = records(exported);
    const issued = rows.map((r, i) => (i === 0 ? r : r.map((v, k) => (k === 3 ? `40000000000${i}` : v))));
    const csv = issued.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\r\n');
    const file = { fileName: '発行済データ.csv', dataBase64: iconv.encode(csv, 'cp932').toString('base64') };

    const preview = await call<ShipmentPreview>('csvShipmentsPreview', { file });
    expect(preview.layout).toBe('yamato_b2');
    expect(preview.rows.map((r) => [r.orderNo, r.outcome])).toEqual([['7001', 'ready'], ['7002', 'ready']]);
    const applied = await call<ShipmentPreview>('csvShipmentsApply', { file });
    expect(applied.rows.map((r) => r.outcome)).toEqual(['queued', 'queued']);
    expect((await call<{ error: unknown }>('startSync', undefined)).error).toBeNull();

    const res = await fetch(`${sandbox.adminUrl}/transactions`);
    const txns = (await res.json()) as { shop_transaction_id: string; state: string; ops: Record<string, number> }[];
    for (const no of ['7001', '7002']) {
      const t = txns.find((x) => x.shop_transaction_id === no);
      expect(t, no).toBeDefined();
      expect(t!.state).toBe('shipped');
      expect(t!.ops.shipments).toBe(1);
    }
    const detail = await call<{ order: { slipNo: string; carrierCode: string } }>('getOrder', { id: ids[0] });
    expect(detail.order).toMatchObject({ slipNo: '400000000001', carrierCode: '59010' });
  });
});
