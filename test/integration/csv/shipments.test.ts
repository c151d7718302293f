/**
 * Bulk 出荷報告 from carrier CSVs: Yamato B2クラウド and Sagawa e飛伝 layouts (CP932, as those tools write them)
 * and a plain 注文番号/配送業者/配送伝票番号 file; the preview says per row what will happen and why; apply
 * queues through the real NP service and the sync reports the shipments to the sandbox over real sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyShipments, parseShipmentCsv, previewShipments } from '../../../electron/core/csv/shipments';
import { createCsvService } from '../../../electron/core/csv/service';
import { createImportStager } from '../../../electron/core/csv/import-stager';
import { deriveNpStatus, type NpStatus } from '../../../shared/np/status';
import { npOrder, openTestStore, startTestSandbox, testEngine, type TestSandbox, type TestStore } from '../np/helpers';
import { cp932, csvText, tempDir, utf8 } from './helpers';

const tmp = tempDir('atobarai-csv-ship-');
let t: TestSandbox;
let s: TestStore;
const NOW = Date.UTC(2026, 10, 10);
const ids: Record<string, number> = {};
const npStatus = (id: number): NpStatus | null => deriveNpStatus(s.np.store.state(id));
const orderNo = (i: number) => npOrder(i).orderNo;

beforeAll(async () => {
  t = await startTestSandbox();
  s = openTestStore(tmp.file('ship.sqlite'));
  // 1–8: registered and 審査OK; 9: 与信審査中; 10: NP後払い, not registered; 11: クレジットカード.
  for (let i = 1; i <= 11; i++) {
    const input = i === 11 ? npOrder(i, { paymentMethod: 'credit_card' }) : npOrder(i, {}, i === 9 ? '審査テスト' : '');
    ids[orderNo(i)] = s.orders.insert(input, NOW).id;
    if (i <= 9) s.np.queue(ids[orderNo(i)]!, 'register');
  }
  const summary = await testEngine(s, t.sb).run();
  expect(summary.error).toBeNull();
  expect(npStatus(ids[orderNo(1)]!)).toBe('ok');
  expect(npStatus(ids[orderNo(9)]!)).toBe('reviewing');
});
afterAll(async () => {
  s.db.close();
  await t.stop();
  tmp.cleanup();
});

const B2_HEADER = ['お客様管理番号', '送り状種類', 'クール区分', '伝票番号', '出荷予定日', 'お届け予定（指定）日', '配達時間帯', 'お届け先コード', 'お届け先電話番号', 'お届け先電話番号枝番', 'お届け先郵便番号', 'お届け先住所', 'お届け先アパートマンション名', 'お届け先会社・部門１', 'お届け先会社・部門２', 'お届け先名', 'お届け先名(ｶﾅ)', '敬称', '品名１', '記事'];
const b2Row = (no: string, slip: string) => [no, '0', '0', slip, '2026/11/10', '', '', '', '03-1234-5678', '', '107-0052', '東京都港区赤坂1-2-3', '赤坂ビル', '', '', '山田 太郎', 'ﾔﾏﾀﾞ ﾀﾛｳ', '様', '緑茶', ''];

const EHIDEN_HEADER = ['お問合せ送り状No.', '出荷日時', '住所録コード', 'お届け先電話番号', 'お届け先郵便番号', 'お届け先住所１', 'お届け先住所２', 'お届け先住所３', 'お届け先ＪＩＳコード', 'お届け先名称１', 'お届け先名称２', 'グループ名', 'お客様管理ナンバー', 'お客様コード', '荷送人電話番号'];
const ehidenRow = (slip: string, no: string) => [slip, '2026/11/10 15:00', '', '03-1234-5678', '107-0052', '東京都港区赤坂', '1-2-3', '', '', '山田 太郎', '', '', no, '', '03-0000-0000'];

describe('parsing carrier layouts', () => {
  it('recognises a Yamato B2クラウド export and takes ヤマト運輸 as the carrier', () => {
    const parsed = parseShipmentCsv(cp932(csvText([B2_HEADER, b2Row('T000001', '123456789012'), b2Row('T000002', '1234-5678-9013')])));
    expect(parsed.encoding).toBe('cp932');
    expect(parsed.layout).toBe('yamato_b2');
    expect(parsed.rows.map((r) => [r.line, r.orderNo, r.carrierCode, r.slipNo, r.reasons])).toEqual([
      [2, 'T000001', '59010', '123456789012', []],
      [3, 'T000002', '59010', '1234-5678-9013', []],
    ]);
  });

  it('recognises a Sagawa e飛伝 export (お問合せ送り状No. / お客様管理ナンバー) and takes 佐川急便 as the carrier', () => {
    const parsed = parseShipmentCsv(cp932(csvText([EHIDEN_HEADER, ehidenRow('400012345678', 'T000003')])));
    expect(parsed.layout).toBe('sagawa_ehiden');
    expect(parsed.rows.map((r) => [r.orderNo, r.carrierCode, r.slipNo])).toEqual([['T000003', '50000', '400012345678']]);
  });

  it('reads a plain file with carrier names or NP codes, and says what is wrong with a row', () => {
    const rows = [
      ['注文番号', '配送業者', '配送伝票番号'],
      ['T000005', 'ゆうパック', '1111-2222-3333'],
      ['T000006', '59010', '２２２２３３３３４４４４'],
      ['T000007', 'ABC運輸', '1'],
      ['T000008', 'ヤマト', '1.23457E+11'],
      ['T000005', '佐川', '999'],
      ['', 'ヤマト', '1'],
      ['T000004', '', '5555'],
    ];
    const parsed = parseShipmentCsv(utf8(csvText(rows)));
    expect(parsed.layout).toBe('generic');
    const byLine = Object.fromEntries(parsed.rows.map((r) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ carrierCode: '59041', slipNo: '1111-2222-3333', reasons: [] });
    expect(byLine[3]).toMatchObject({ carrierCode: '59010', slipNo: '222233334444', reasons: [] });
    expect(byLine[4]!.reasons).toEqual([expect.stringMatching(/配送業者「ABC運輸」が分かりません/u)]);
    expect(byLine[5]!.reasons).toEqual([expect.stringMatching(/Excelで数値に変換され/u)]);
    expect(byLine[6]!.reasons).toEqual([expect.stringMatching(/2行目にもあります/u)]);
    expect(byLine[7]!.reasons).toEqual([expect.stringMatching(/注文番号が空です/u)]);
    expect(byLine[8]!.reasons).toEqual([expect.stringMatching(/配送業者が分かりません/u)]);
    // The carrier chosen on the screen fills rows that name none.
    const withDefault = parseShipmentCsv(utf8(csvText(rows)), { defaultCarrierCode: '50000' });
    expect(withDefault.rows.find((r) => r.line === 8)).toMatchObject({ carrierCode: '50000', reasons: [] });
  });

  it('refuses a file without 注文番号 and 配送伝票番号 columns as a whole', () => {
    const parsed = parseShipmentCsv(utf8(csvText([['名前', '住所'], ['a', 'b']])));
    expect(parsed.rows).toEqual([]);
    expect(parsed.fileErrors).toEqual([expect.stringMatching(/注文番号と配送伝票番号の列が見つかりません/u)]);
  });
});

describe('preview and apply', () => {
  it('previews per row, queues 出荷報告 for the eligible ones in one go, and the sync reports them to NP', async () => {
    const file = cp932(
      csvText([
        B2_HEADER,
        b2Row('T000001', '123456789012'), // 2: ready
        b2Row('T000009', '123456789013'), // 3: 与信審査中
        b2Row('T000010', '123456789014'), // 4: 未登録
        b2Row('T000011', '123456789015'), // 5: クレジットカード
        b2Row('X99999', '123456789016'), // 6: unknown order
        b2Row('T000002', '1.23457E+11'), // 7: Excel ate the digits
        b2Row('T000003', '123456789017'), // 8: ready
      ]),
    );
    const parsed = parseShipmentCsv(file);
    const preview = previewShipments(s.db, s.orders, parsed, npStatus, 'b2.csv');
    expect(preview.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'ready'],
      [3, 'not_eligible'],
      [4, 'not_eligible'],
      [5, 'not_eligible'],
      [6, 'unknown_order'],
      [7, 'invalid'],
      [8, 'ready'],
    ]);
    expect(preview.rows[1]!.reason).toMatch(/NP後払いステータスが「与信審査中」/u);
    expect(preview.rows[2]!.reason).toMatch(/取引登録がまだ/u);
    expect(preview.rows[3]!.reason).toMatch(/支払方法がクレジットカード/u);
    expect(preview.rows[4]!.reason).toMatch(/注文番号「X99999」の受注が見つかりません/u);
    expect(preview.counts).toEqual({ ready: 2, queued: 0, not_eligible: 3, unknown_order: 1, invalid: 1 });
    expect(s.np.pendingCount()).toBe(0); // the preview writes nothing

    const applied = applyShipments(s.db, s.orders, parsed, {
      queue: (id, action, params) => s.np.queue(id, action, params),
      npStatus,
      now: NOW,
      onWritten: (id) => s.np.refresh(id),
    });
    expect(applied.rows.filter((r) => r.outcome === 'queued').map((r) => [r.orderNo, r.npStatus])).toEqual([
      ['T000001', 'shipping'],
      ['T000003', 'shipping'],
    ]);
    expect(s.orders.get(ids.T000001!)).toMatchObject({ carrierCode: '59010', slipNo: '123456789012' });
    expect(s.orders.get(ids.T000009!)!.slipNo).toBe(''); // not eligible: untouched

    const summary = await testEngine(s, t.sb).run();
    expect(summary.error).toBeNull();
    expect(npStatus(ids.T000001!)).toBe('shipped');
    const remote = await t.admin.transaction(s.np.store.state(ids.T000001!).npTransactionId!);
    expect(JSON.stringify(remote)).toContain('123456789012');

    // The same file again: those two are 出荷報告済 now.
    const again = previewShipments(s.db, s.orders, parseShipmentCsv(file), npStatus);
    expect(again.rows.filter((r) => r.line === 2 || r.line === 8).map((r) => r.reason)).toEqual(['すでに出荷報告済みです', 'すでに出荷報告済みです']);
  });

  it('goes through the CSV service with files as base64 (e飛伝 layout)', () => {
    const service = createCsvService({ ...s, csvImport: createImportStager({ file: ':memory:' }) });
    const file = { fileName: 'ehiden.csv', dataBase64: cp932(csvText([EHIDEN_HEADER, ehidenRow('400012345678', 'T000004'), ehidenRow('400012345679', 'T000005')])).toString('base64') };
    const preview = service.shipmentsPreview({ file });
    expect(preview).toMatchObject({ fileName: 'ehiden.csv', layout: 'sagawa_ehiden', counts: { ready: 2 } });
    const result = service.shipmentsApply({ file }, NOW);
    expect(result.counts).toMatchObject({ queued: 2, not_eligible: 0 });
    expect(s.orders.get(ids.T000004!)).toMatchObject({ carrierCode: '50000', slipNo: '400012345678' });
    expect(npStatus(ids.T000005!)).toBe('shipping');
  });
});
