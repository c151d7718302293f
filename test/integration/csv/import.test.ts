/**
 * Order import: encodings detected from real files (CP932, UTF-8 with and without BOM), headers recognised,
 * malformed rows reported by line with Japanese reasons while the rest of the file is read, mixed line
 * endings, goods lines grouped by 注文番号, and the store keyed by 注文番号 (a second import changes nothing).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository } from '../../../electron/core/orders';
import { createNpService } from '../../../electron/core/np/np-service';
import { detectEncoding } from '../../../electron/core/csv/read';
import { parseOrderCsv } from '../../../electron/core/csv/parse-orders';
import { importOrders } from '../../../electron/core/csv/import-orders';
import { orderInputOf } from '../../../shared/order';
import { createPresetStore } from '../../../electron/core/csv/presets';
import { createCsvService, npExportInfo } from '../../../electron/core/csv/service';
import { createImportStager, type ImportStager } from '../../../electron/core/csv/import-stager';
import { exportOrdersCsv } from '../../../electron/core/csv/export';
import { deriveNpStatus } from '../../../shared/np/status';
import { ApiError } from '../../../shared/api-result';
import { Sink, cp932, csvText, tempDir, utf8, utf8bom } from './helpers';

const tmp = tempDir('atobarai-csv-import-');
afterAll(() => tmp.cleanup());
let dbCount = 0;
const stagers: ImportStager[] = [];
afterAll(() => Promise.all(stagers.map((st) => st.close())));

function openStore() {
  const file = tmp.file(`import-${++dbCount}.sqlite`);
  const db = openDatabase(file);
  const csvImport = createImportStager({ file });
  stagers.push(csvImport);
  return { db, repo: createOrderRepository(db), np: createNpService(db), csvImport };
}

/** A shop cart's export: split names and addresses, hyphenated TEL, 全角 digits, ¥ amounts. */
const SHOP_HEADER = ['受注番号', '注文日時', 'お支払い方法', '注文者 姓', '注文者 名', 'フリガナ（姓）', 'フリガナ（名）', '郵便番号', '都道府県', '住所1', '住所2', '電話番号', 'メールアドレス', '商品名', '単価（税込）', '個数', '送料', '備考'];
const shopRows = [
  SHOP_HEADER,
  ['1001', '2026/11/01 10:15:00', 'NP後払い', '山田', '太郎', 'やまだ', 'たろう', '107-0052', '東京都', '港区赤坂', '１－２－３ 赤坂ビル101', '03-1234-5678', 'taro@example.jp', '有機緑茶 100g', '￥1,200', '2', '660', ''],
  ['1001', '2026/11/01 10:15:00', 'NP後払い', '山田', '太郎', 'やまだ', 'たろう', '107-0052', '東京都', '港区赤坂', '１－２－３ 赤坂ビル101', '03-1234-5678', 'taro@example.jp', 'ほうじ茶 ﾃｨｰﾊﾞｯｸﾞ', '800', '1', '660', ''],
  ['1002', '2026/1/5 9:03', 'クレジットカード', '髙橋', '花子', 'タカハシ', 'ハナコ', '5300001', '大阪府', '大阪市北区梅田', '1-1-1', '０９０－１１１１－２２２２', 'hanako@example.jp', '急須, 常滑焼', '3500', '1', '0', '="悪い"'],
];

describe('reading files', () => {
  it('detects CP932, UTF-8 with BOM and UTF-8 without BOM from the bytes', () => {
    const text = csvText(shopRows);
    expect(detectEncoding(cp932(text))).toBe('cp932');
    expect(detectEncoding(utf8bom(text))).toBe('utf8bom');
    expect(detectEncoding(utf8(text))).toBe('utf8');
    for (const buf of [cp932(text), utf8bom(text), utf8(text)]) {
      const parsed = parseOrderCsv(buf);
      expect(parsed.headers).toEqual(SHOP_HEADER);
      expect(parsed.orders.map((o) => o.orderNo)).toEqual(['1001', '1002']);
    }
  });

  it('refuses UTF-16 (Excel "Unicode text") with a Japanese message', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('注文番号\t', 'utf16le')]);
    expect(() => parseOrderCsv(utf16)).toThrowError(ApiError);
    expect(() => parseOrderCsv(utf16)).toThrowError(/UTF-16/u);
  });

  it('recognises common Japanese headers, split names and split addresses', () => {
    const parsed = parseOrderCsv(cp932(csvText(shopRows)));
    expect(parsed.encoding).toBe('cp932');
    expect(parsed.suggestedMapping).toMatchObject({
      orderNo: [0],
      orderedAt: [1],
      paymentMethod: [2],
      'customer.name': [3, 4],
      'customer.kana': [5, 6],
      'customer.zip': [7],
      'customer.address': [8, 9, 10],
      'customer.tel': [11],
      'customer.email': [12],
      'line.name': [13],
      'line.unitPrice': [14],
      'line.quantity': [15],
      shippingFee: [16],
      note: [17],
    });
    expect(parsed.missingRequired).toEqual([]);
  });

  it('turns consecutive rows of one 注文番号 into one order and normalises what carts write', () => {
    const parsed = parseOrderCsv(cp932(csvText(shopRows)));
    expect(parsed.rejected).toEqual([]);
    const [a, b] = parsed.orders;
    expect(a!.lines).toEqual([2, 3]);
    expect(a!.input).toMatchObject({
      orderNo: '1001',
      orderedAt: Date.UTC(2026, 10, 1, 1, 15, 0),
      paymentMethod: 'np_atobarai',
      status: 'new',
      invoiceType: 'separate',
      shippingFee: 660,
      customer: { name: '山田 太郎', kana: 'ヤマダ タロウ', zip: '1070052', address: '東京都港区赤坂１－２－３ 赤坂ビル101', tel: '0312345678' },
      shipTo: null,
      lines: [
        { name: '有機緑茶 100g', unitPrice: 1200, quantity: 2 },
        { name: 'ほうじ茶 ティーバッグ', unitPrice: 800, quantity: 1 },
      ],
    });
    expect(b!.input).toMatchObject({ orderedAt: Date.UTC(2026, 0, 5, 0, 3, 0), paymentMethod: 'credit_card', customer: { tel: '09011112222' }, note: '="悪い"' });
  });
});

describe('malformed rows', () => {
  const header = ['注文番号', '受注日', '支払方法', 'お名前', '郵便番号', '住所', '電話番号', '商品名', '単価', '数量'];
  const good = (no: string) => [no, '2026/11/01 10:00', 'NP後払い', '山田 太郎', '1070052', '東京都港区赤坂1-2-3', '0312345678', '緑茶', '1000', '1'];
  const line = (cells: string[]) => cells.map((c) => `"${c}"`).join(',');

  it('reports each bad line with its number and a Japanese reason, and reads every other line', () => {
    const lines = [
      line(header), // 1
      line(good('1')), // 2
      line(good('2')).split(',').slice(0, 8).join(','), // 3: too few columns
      line(good('3')).replace('"山田 太郎"', '"山田 "太郎"'), // 4: broken quotes
      line([...good('4').slice(0, 1), '2026/02/30 10:00', ...good('4').slice(2)]), // 5: no such date
      line([...good('5').slice(0, 1), 'あした', ...good('5').slice(2)]), // 6: not a date
      line([...good('6').slice(0, 6), '12345', ...good('6').slice(7)]), // 7: invalid TEL
      line([...good('7'), 'extra']), // 8: too many columns
      line(good('8')), // 9
      line([...good('9').slice(0, 9), '二']), // 10: quantity not a number
      line([...good('10').slice(0, 2), 'ビットコイン', ...good('10').slice(3)]), // 11: unknown payment method
      line(good('11')), // 12
    ];
    const parsed = parseOrderCsv(cp932(lines.join('\r\n') + '\r\n'));
    expect(parsed.orders.map((o) => o.orderNo)).toEqual(['1', '8', '11']);
    const byLine = new Map(parsed.rejected.map((p) => [p.line, p.reasons.join(' / ')]));
    expect([...byLine.keys()]).toEqual([3, 4, 5, 6, 7, 8, 10, 11]);
    expect(byLine.get(3)).toMatch(/列の数が足りません（見出しは10列、この行は8列）/u);
    expect(byLine.get(4)).toMatch(/引用符/u);
    expect(byLine.get(5)).toMatch(/受注日「2026\/02\/30 10:00」は存在しない日付です/u);
    expect(byLine.get(6)).toMatch(/受注日「あした」は日付として読めません/u);
    expect(byLine.get(7)).toMatch(/電話番号は10桁または11桁/u);
    expect(byLine.get(8)).toMatch(/列の数が多すぎます/u);
    expect(byLine.get(10)).toMatch(/数量「二」は整数ではありません/u);
    expect(byLine.get(11)).toMatch(/支払方法「ビットコイン」が分かりません/u);
  });

  it('reads past a quote left open: the line is reported, the lines it swallowed are read again', () => {
    const lines = [
      line(header),
      line(good('1')),
      `"2","2026/11/01 10:00","NP後払い","山田 太郎,1070052,東京都港区,0312345678,緑茶,1000,1`, // 3: 山田 太郎 never closed
      line(good('3')),
      `"4","2026/11/01 10:00","NP後払い","山田 太郎","1070052","東京都港区","0312345678","緑茶","1000,1`, // 5: open at the end of the file
    ];
    const parsed = parseOrderCsv(utf8(lines.join('\n') + '\n'));
    expect(parsed.orders.map((o) => o.orderNo)).toEqual(['1', '3']);
    expect(parsed.rejected).toEqual([
      { line: 3, orderNo: '', reasons: [expect.stringMatching(/引用符（"）の使い方が正しくありません/u)] },
      { line: 5, orderNo: '', reasons: [expect.stringMatching(/引用符（"）が閉じられていない/u)] },
    ]);
  });

  it('reads a file with mixed line endings (CRLF, LF, CR) line by line, with a value spanning lines', () => {
    const rows = [header, good('1'), good('2'), good('3'), good('4')].map(line);
    rows[2] = rows[2]!.replace('"緑茶"', '"緑茶\r\n（2行目）"');
    const text = `${rows[0]}\r\n${rows[1]}\n${rows[2]}\r${rows[3]}\r\n\r\n${rows[4]}\n`;
    const parsed = parseOrderCsv(utf8(text));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.orders.map((o) => [o.orderNo, o.lines])).toEqual([
      ['1', [2]],
      ['2', [3]],
      ['3', [5]],
      ['4', [7]],
    ]);
    expect(parsed.orders[1]!.input.lines[0]!.name).toBe('緑茶\r\n（2行目）');
  });

  it('rejects every line of an order when one of its goods lines is bad, and a 注文番号 that comes back later', () => {
    const rows = [header, good('1'), [...good('1').slice(0, 8), 'abc', '1'], good('2'), good('1')];
    const parsed = parseOrderCsv(utf8(csvText(rows)));
    expect(parsed.orders.map((o) => o.orderNo)).toEqual(['2']);
    expect(parsed.rejected.map((p) => [p.line, p.reasons[0]])).toEqual([
      [2, expect.stringMatching(/3行目に誤りがあるため/u)],
      [3, expect.stringMatching(/単価「abc」は整数（円）ではありません/u)],
      [5, expect.stringMatching(/2行目の注文と重複しています/u)],
    ]);
  });

  it('rejects the whole order when one of its rows has the wrong column count', () => {
    const rows = [line(header), line(good('1')), line(good('1')).split(',').slice(0, 9).join(','), line(good('1')), line(good('2'))];
    const parsed = parseOrderCsv(utf8(rows.join('\n') + '\n'));
    expect(parsed.orders.map((o) => o.orderNo)).toEqual(['2']);
    expect(parsed.rejected.map((p) => [p.line, p.reasons[0]])).toEqual([
      [2, expect.stringMatching(/3行目に誤りがあるため/u)],
      [3, expect.stringMatching(/列の数が足りません/u)],
      [4, expect.stringMatching(/3行目に誤りがあるため/u)],
    ]);
  });

  it('rejects rows with bytes that are neither Shift_JIS nor UTF-8', () => {
    const text = [line(header), line(good('1')), line(good('2')).replace('山田 太郎', '山田 @@'), line(good('3'))].join('\r\n') + '\r\n';
    const bytes = cp932(text);
    const at = bytes.indexOf(Buffer.from('@@'));
    bytes[at] = 0x85; // 0x85 0x40: a lead byte with no character in CP932
    const parsed = parseOrderCsv(bytes);
    expect(parsed.encoding).toBe('cp932');
    expect(parsed.orders.map((o) => o.orderNo)).toEqual(['1', '3']);
    expect(parsed.rejected).toEqual([{ line: 3, orderNo: '2', reasons: [expect.stringMatching(/読み取れない文字があります/u)] }]);
  });

  it('says which required fields are not mapped and imports nothing then', () => {
    const parsed = parseOrderCsv(utf8(csvText([['注文番号', '備考'], ['1', 'x']])));
    expect(parsed.missingRequired).toEqual(expect.arrayContaining(['orderedAt', 'paymentMethod', 'customer.name', 'line.name']));
    expect(parsed.orders).toEqual([]);
  });
});

describe('importing into the store', () => {
  const header = ['注文番号', '受注日', '支払方法', 'お名前', '郵便番号', '住所', '電話番号', '商品名', '単価', '数量', 'NP取引ID'];
  const row = (no: string, price = '1000', npId = '') => [no, '2026/11/01 10:00', 'NP後払い', '山田 太郎', '1070052', '東京都港区赤坂1-2-3', '0312345678', '緑茶', price, '1', npId];

  it('inserts new orders in one transaction; the same file again changes nothing; a changed file updates', () => {
    const { db, repo } = openStore();
    const file = utf8bom(csvText([header, row('1'), row('2'), row('3', '1000', 'AB123456789')]));
    const first = importOrders(db, repo, parseOrderCsv(file), 1000);
    expect(first).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: [] });
    const stored = repo.getByOrderNo('2')!;
    expect(stored).toMatchObject({ total: 1000, createdAt: 1000, updatedAt: 1000 });

    const again = importOrders(db, repo, parseOrderCsv(file), 2000);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, updatedOrders: [] });
    expect(repo.getByOrderNo('2')!.updatedAt).toBe(1000);

    const changed = importOrders(db, repo, parseOrderCsv(utf8bom(csvText([header, row('1'), row('2', '1500'), row('4')]))), 3000);
    expect(changed).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
    expect(changed.updatedOrders).toEqual([{ orderId: stored.id, orderNo: '2', lines: [3] }]);
    expect(repo.getByOrderNo('2')).toMatchObject({ total: 1500, updatedAt: 3000 });
  });

  it('keeps stored values of fields the file does not map (staff’s SHOPメモ survives a re-import)', () => {
    const { db, repo } = openStore();
    const file = utf8(csvText([header, row('1')]));
    importOrders(db, repo, parseOrderCsv(file), 1000);
    const stored = repo.getByOrderNo('1')!;
    repo.update(stored.id, { ...orderInputOf(stored), shopMemo: '電話で確認済み', status: 'paid' }, 1500);
    const report = importOrders(db, repo, parseOrderCsv(file), 2000);
    expect(report).toMatchObject({ unchanged: 1, updated: 0 });
    expect(repo.getByOrderNo('1')).toMatchObject({ shopMemo: '電話で確認済み', status: 'paid' });
  });

  it('lists NP後払い orders without an NP取引ID for confirmation and returns the ids to attach; queues nothing', () => {
    const { db, repo, np } = openStore();
    const card = [...row('9')];
    card[2] = 'クレジットカード';
    const report = importOrders(db, repo, parseOrderCsv(utf8(csvText([header, row('1'), row('2', '1000', 'AB123456789'), card]))), 1000, {
      npStatus: (id) => deriveNpStatus(np.store.state(id)),
    });
    expect(report.registrationCandidates).toEqual([{ orderId: repo.getByOrderNo('1')!.id, orderNo: '1', name: '山田 太郎', total: 1000 }]);
    expect(report.transactionIds).toEqual([{ orderId: repo.getByOrderNo('2')!.id, npTransactionId: 'AB123456789' }]);
    expect(np.pendingCount()).toBe(0);
    // Not registered yet: a second import asks again; once registered (queued), it does not.
    np.queue(repo.getByOrderNo('1')!.id, 'register');
    const again = importOrders(db, repo, parseOrderCsv(utf8(csvText([header, row('1')]))), 2000, { npStatus: (id) => deriveNpStatus(np.store.state(id)) });
    expect(again.registrationCandidates).toEqual([]);
  });

  it('rolls back everything when the transaction fails part way', () => {
    const { db, repo } = openStore();
    const parsed = parseOrderCsv(utf8(csvText([header, row('1'), row('2')])));
    const failing = { ...repo, insertMany: (inputs: Parameters<typeof repo.insertMany>[0], now: number) => {
      repo.insertMany(inputs, now);
      throw new Error('disk full');
    } };
    expect(() => importOrders(db, failing, parsed, 1000)).toThrow('disk full');
    expect(repo.count()).toBe(0);
  });
});

describe('the CSV service (what the contract calls)', () => {
  const header = ['注文番号', '受注日', '支払方法', 'お名前', '郵便番号', '住所', '電話番号', '商品名', '単価', '数量', 'NP取引ID'];
  const row = (no: string, npId = '') => [no, '2026/11/01 10:00', 'NP後払い', '山田 太郎', '1070052', '東京都港区赤坂1-2-3', '0312345678', '緑茶', '1000', '1', npId];
  const payload = (rows: string[][]) => ({ fileName: 'orders.csv', dataBase64: cp932(csvText(rows)).toString('base64') });

  it('stages the file once, previews counts per action with a sample, then commits by stage id and attaches the NP取引IDs', async () => {
    const { db, repo, np, csvImport } = openStore();
    const service = createCsvService({ db, orders: repo, np, csvImport });
    const commitOpts = (now: number) => ({ now, siteName: '' });
    const file = payload([header, row('1'), row('2', 'AB123456789'), ['3', 'あした', ...row('3').slice(2)]]);
    const preview = await service.importStage({ file });
    expect(preview).toMatchObject({ fileName: 'orders.csv', encoding: 'cp932', dataRows: 3, counts: { insert: 2, update: 0, unchanged: 0, rejected: 1 }, missingRequired: [] });
    expect(preview.stageId).toMatch(/^[0-9a-f-]{36}$/u);
    expect(preview.sample.map((o) => [o.orderNo, o.action, o.npTransactionId])).toEqual([
      ['1', 'insert', null],
      ['2', 'insert', 'AB123456789'],
    ]);
    expect(repo.count()).toBe(0); // a preview writes nothing

    const report = await service.importCommit({ stageId: preview.stageId, mapping: preview.mapping }, commitOpts(1000));
    expect(report).toMatchObject({ inserted: 2, attachProblems: [] });
    const two = repo.getByOrderNo('2')!.id;
    expect(np.store.state(two).npTransactionId).toBe('AB123456789');
    expect(report.registrationCandidates.map((c) => c.orderNo)).toEqual(['1']);
    // A committed stage is gone: the same id cannot import twice.
    await expect(service.importCommit({ stageId: preview.stageId, mapping: preview.mapping }, commitOpts(1000))).rejects.toThrow(/取り込み中のファイルが見つかりません/u);

    // The export's NP columns come from the NP store: 未登録 for 1, the attached id (与信審査中) for 2.
    const sink = new Sink();
    await exportOrdersCsv({ orders: [repo.getByOrderNo('1')!, repo.get(two)!], kind: 'orders', encoding: 'utf8bom', out: sink, np: npExportInfo(np) });
    const lines = sink.bytes().subarray(3).toString('utf8').split('\r\n');
    expect(lines[1]).toMatch(/,"未登録",""$/u);
    expect(lines[2]).toMatch(/,"与信審査中","AB123456789"$/u);

    // Again: nothing changes, the id is already attached; an id used by another order is reported, not thrown.
    const staged = await service.importStage({ file: payload([header, row('1'), row('2', 'AB123456789'), row('4', 'AB123456789')]) });
    const again = await service.importCommit({ stageId: staged.stageId, mapping: preview.mapping }, commitOpts(2000));
    expect(again).toMatchObject({ inserted: 1, unchanged: 2 });
    expect(again.attachProblems).toEqual([{ orderId: repo.getByOrderNo('4')!.id, orderNo: '4', npTransactionId: 'AB123456789', message: expect.stringMatching(/別の受注（注文番号 2）/u) }]);
  });

  it('re-maps a staged file without sending it again, applies a saved preset by name and deletes presets with mapping null', async () => {
    const { db, repo, np, csvImport } = openStore();
    const service = createCsvService({ db, orders: repo, np, csvImport });
    const mapping = Object.fromEntries(header.slice(0, 10).map((h, i) => [['orderNo', 'orderedAt', 'paymentMethod', 'customer.name', 'customer.zip', 'customer.address', 'customer.tel', 'line.name', 'line.unitPrice', 'line.quantity'][i]!, [h]]));
    expect(service.savePreset({ name: '自社カート', mapping })).toHaveLength(1);
    const staged = await service.importStage({ file: payload([header, row('1')]) });
    expect(staged.mapping.npTransactionId).toEqual([10]); // recognised from the header
    const preview = await service.importPreview({ stageId: staged.stageId, presetName: '自社カート' });
    expect(preview).toMatchObject({ stageId: staged.stageId, presetName: '自社カート', counts: { insert: 1 } });
    expect(preview.mapping.npTransactionId).toBeUndefined(); // not in the preset
    const unmapped = await service.importPreview({ stageId: staged.stageId, mapping: { orderNo: [0] } });
    expect(unmapped.missingRequired).toContain('customer.name');
    await expect(service.importPreview({ stageId: staged.stageId, presetName: 'ない' })).rejects.toThrowError(/プリセット「ない」が見つかりません/u);
    expect(service.savePreset({ name: '自社カート', mapping: null })).toEqual([]);
  });
});

describe('presets', () => {
  it('saves mappings by header text in the settings table and applies them to a file whose columns moved', () => {
    const { db } = openStore();
    const store = createPresetStore(db);
    const mapping = { orderNo: ['受注番号'], orderedAt: ['注文日時'], paymentMethod: ['お支払い方法'], 'customer.name': ['注文者 姓', '注文者 名'], 'customer.zip': ['郵便番号'], 'customer.address': ['都道府県', '住所1', '住所2'], 'customer.tel': ['電話番号'], 'line.name': ['商品名'], 'line.unitPrice': ['単価（税込）'], 'line.quantity': ['個数'] };
    expect(store.save({ name: 'カートA', mapping })).toEqual([{ name: 'カートA', mapping }]);
    store.save({ name: 'あとで消す', mapping: { orderNo: ['x'] } });
    expect(store.remove('あとで消す').map((p) => p.name)).toEqual(['カートA']);
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'csv.presets'").pluck().get() as string;
    expect(JSON.parse(stored)).toEqual([{ name: 'カートA', mapping }]);

    // The same cart, columns reversed.
    const reversed = shopRows.map((r) => [...r].reverse());
    const parsed = parseOrderCsv(cp932(csvText(reversed)), { preset: createPresetStore(db).get('カートA')! });
    expect(parsed.presetName).toBe('カートA');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.orders.map((o) => [o.orderNo, o.input.customer.address])).toEqual([
      ['1001', '東京都港区赤坂１－２－３ 赤坂ビル101'],
      ['1002', '大阪府大阪市北区梅田1-1-1'],
    ]);
  });
});
