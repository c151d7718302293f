/**
 * The CSV contract handlers over a real session (SQLite file, NP service, settings): inputs go through the
 * contract's own zod schemas as the dispatch table would pass them, and the renderer is told which orders
 * changed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { csvContractHandlers } from '../../../electron/core/app/handlers/csv-contract';
import type { Session } from '../../../electron/core/app/session';
import { contract } from '../../../shared/contract';
import { CSV_MAX_BASE64_CHARS, csvFilePayloadSchema } from '../../../shared/csv';
import type { NpClient } from '../../../electron/core/np/client';
import { startTestSandbox, testClient, type TestSandbox } from '../np/helpers';
import { cp932, csvText, tempDir, testSession } from './helpers';

const tmp = tempDir('atobarai-csv-handlers-');
/** The handlers' clock: after the orders' dates (a shipment report marks the order 発送済み today). */
const NOW = Date.UTC(2026, 10, 28, 3);
const sessions: Session[] = [];
let sandbox: TestSandbox | null = null;
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  await sandbox?.stop();
  tmp.cleanup();
});

function setup(client: NpClient | null = null) {
  const session = testSession(tmp.file(`h-${sessions.length}.sqlite`), client);
  sessions.push(session);
  const changed: (number[] | null)[] = [];
  const handlers = csvContractHandlers({ session: () => session, clock: { now: () => NOW }, changed: (ids) => changed.push(ids) });
  return { session, handlers, changed };
}

const header = ['注文番号', '受注日', '支払方法', 'お名前', '郵便番号', '住所', '電話番号', '商品名', '単価', '数量'];
const row = (no: string) => [no, '2026/11/01 10:00', 'NP後払い', '山田 太郎', '1070052', '東京都港区赤坂1-2-3 赤坂ビル101', '0312345678', '緑茶', '1000', '1'];
const file = (rows: string[][]) => ({ fileName: 'orders.csv', dataBase64: cp932(csvText(rows)).toString('base64') });

describe('CSV contract handlers', () => {
  it('previews, imports and reports the changed orders; presets come with the remembered export encoding', async () => {
    const { session, handlers, changed } = setup();
    const preview = await handlers.csvImportStage(contract.csvImportStage.input.parse({ file: file([header, row('1'), row('2')]) }));
    expect(preview.counts).toMatchObject({ insert: 2 });

    const report = await handlers.csvImportCommit(contract.csvImportCommit.input.parse({ stageId: preview.stageId, mapping: preview.mapping }));
    expect(report.inserted).toBe(2);
    expect(changed).toEqual([report.insertedOrderIds]);
    // the file has no 配送業者: 設定's default applies, so the order can be saved and reported as it is
    expect(session.orders.getByOrderNo('1')).toMatchObject({ createdAt: NOW, carrierCode: session.settings.get().defaultCarrierCode });

    session.settings.set({ csvEncoding: 'utf8bom' });
    const saved = await handlers.csvSavePreset(contract.csvSavePreset.input.parse({ name: 'A', mapping: { orderNo: ['注文番号'] } }));
    expect(saved).toEqual({ presets: [{ name: 'A', mapping: { orderNo: ['注文番号'] } }], exportEncoding: 'utf8bom' });
    expect(await handlers.csvPresets(contract.csvPresets.input.parse(undefined))).toEqual(saved);
  });

  it('previews and applies a shipment file, telling the renderer which orders were queued', async () => {
    sandbox = await startTestSandbox();
    const { session, handlers, changed } = setup(testClient(sandbox.sb));
    const mapping = { orderNo: [0], orderedAt: [1], paymentMethod: [2], 'customer.name': [3], 'customer.zip': [4], 'customer.address': [5], 'customer.tel': [6], 'line.name': [7], 'line.unitPrice': [8], 'line.quantity': [9] };
    const staged = await handlers.csvImportStage(contract.csvImportStage.input.parse({ file: file([header, row('1'), row('2')]) }));
    const imported = await handlers.csvImportCommit(contract.csvImportCommit.input.parse({ stageId: staged.stageId, mapping }));
    // Staff confirm 取引登録 for order 1 only; the sync registers it with the sandbox (審査OK).
    const one = imported.registrationCandidates.find((c) => c.orderNo === '1')!.orderId;
    session.np.queue(one, 'register');
    expect((await session.sync.run()).error).toBeNull();
    changed.length = 0;

    const input = contract.csvShipmentsApply.input.parse({
      file: file([['注文番号', '配送業者', '配送伝票番号'], ['1', 'ヤマト', '123456789012'], ['2', 'ヤマト', '123456789013'], ['9', 'ヤマト', '1']]),
    });
    const preview = await handlers.csvShipmentsPreview(input);
    expect(preview.rows.map((r) => r.outcome)).toEqual(['ready', 'not_eligible', 'unknown_order']);
    expect(changed).toEqual([]); // a preview changes nothing
    const applied = await handlers.csvShipmentsApply(input);
    expect(applied.counts).toMatchObject({ queued: 1, not_eligible: 1, unknown_order: 1 });
    expect(changed).toEqual([[one]]);
    // the reported order is 発送済み with its 発送日; the refused one is untouched
    expect(session.orders.get(one)).toMatchObject({ status: 'shipped', shippedAt: NOW, carrierCode: '59010', slipNo: '123456789012' });
    expect(session.orders.getByOrderNo('2')).toMatchObject({ shippedAt: null, slipNo: '' });
  });
});

describe('the file payload', () => {
  it('carries a 100,000-order file (85–100 MB) and names the limit in Japanese beyond 256 MB', () => {
    const base64Of = (mb: number) => 'A'.repeat(Math.ceil((mb * 1024 * 1024 * 4) / 3));
    expect(csvFilePayloadSchema.safeParse({ fileName: '受注.csv', dataBase64: base64Of(100) }).success).toBe(true);
    const tooBig = csvFilePayloadSchema.safeParse({ fileName: '受注.csv', dataBase64: 'A'.repeat(CSV_MAX_BASE64_CHARS + 1) });
    expect(tooBig.error?.issues.map((i) => i.message)).toEqual(['ファイルが大きすぎます（256MBまで）']);
  });
});
