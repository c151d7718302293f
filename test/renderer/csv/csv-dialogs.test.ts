/**
 * The CSV dialogs against the contract (an in-memory transport that validates every call with the contract's
 * own schemas): the import flow from a picked file to the registration choice, the shipment preview and apply,
 * the export menu with the remembered encoding and the lossy-character list. Plus the pure helpers.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import CsvImportDialog from '../../../renderer/src/features/csv/CsvImportDialog.vue';
import CsvShipmentDialog from '../../../renderer/src/features/csv/CsvShipmentDialog.vue';
import CsvExportMenu from '../../../renderer/src/features/csv/CsvExportMenu.vue';
import { bytesToBase64, columnOptions, compactMapping, editableMapping, mappingAsHeaders } from '../../../renderer/src/features/csv/csv-file';
import type { CsvImportPreview, CsvImportReport, ShipmentPreview } from '../../../shared/csv';
import type { AppSettings } from '../../../shared/contract';
import { useAppStore } from '../../../renderer/src/stores/app';
import { freshPinia, mountApp, settle, useMemoryTransport } from '../helpers';
import { createAppI18n } from '../../../renderer/src/i18n';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

const SETTINGS: AppSettings = {
  environment: 'sandbox',
  defaultCarrierCode: '50000',
  autoRefreshMinutes: 15,
  csvEncoding: 'utf8bom',
  creditLimit: 55_000,
  siteName: '',
  npHistoryRetentionMonths: 13,
  shop: { name: '', zip: '', address: '', tel: '', email: '' },
  deliveryNoteGreeting: '',
};

/** Puts a file into the dialog's file input, as a user picking it would. */
async function pickFile(w: VueWrapper, selector: string, bytes: Uint8Array, name: string): Promise<void> {
  const input = w.find(`${selector} input[type="file"]`);
  expect(input.exists()).toBe(true);
  const file = new File([bytes.slice().buffer], name, { type: 'text/csv' });
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await settle(10);
}

const textIn = (selector: string): string => document.querySelector(selector)?.textContent ?? '';

describe('csv-file helpers', () => {
  it('encodes bytes as base64 across chunk boundaries', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const back = Uint8Array.from(atob(bytesToBase64(bytes)), (c) => c.charCodeAt(0));
    expect(back).toEqual(bytes);
  });

  it('describes columns with an example value and turns a mapping into header texts', () => {
    const options = columnOptions(['注文番号', '電話番号'], [['', ''], ['1001', '03-1234-5678']]);
    expect(options).toEqual([
      { value: 0, label: '1列目: 注文番号（例: 1001）' },
      { value: 1, label: '2列目: 電話番号（例: 03-1234-5678）' },
    ]);
    const editable = editableMapping({ orderNo: [0] });
    expect(editable['customer.tel']).toEqual([]);
    editable['customer.tel'] = [1];
    expect(compactMapping(editable)).toEqual({ orderNo: [0], 'customer.tel': [1] });
    expect(mappingAsHeaders(['注文番号', '電話番号'], compactMapping(editable))).toEqual({ orderNo: ['注文番号'], 'customer.tel': ['電話番号'] });
  });
});

describe('CsvImportDialog', { timeout: 20_000 }, () => {
  const STAGE = '6f1c2a4e-5b7d-4c8e-9f00-123456789abc';
  const preview: CsvImportPreview = {
    stageId: STAGE,
    fileName: 'orders.csv',
    encoding: 'cp932',
    headers: ['注文番号', '受注日'],
    sampleRows: [['1001', '2026/11/01']],
    mapping: { orderNo: [0], orderedAt: [1] },
    suggestedMapping: { orderNo: [0], orderedAt: [1] },
    presetName: null,
    presetMissingHeaders: [],
    missingRequired: [],
    dataRows: 3,
    counts: { insert: 1, update: 1, unchanged: 0, rejected: 1 },
    rejected: [{ line: 4, orderNo: '1003', reasons: ['電話番号は10桁または11桁の数字で入力してください'] }],
    sample: [
      { orderNo: '1001', lines: [2], action: 'insert', name: '山田 太郎', total: 3685, paymentMethod: 'NP後払い', npTransactionId: null },
      { orderNo: '1002', lines: [3], action: 'update', name: '佐藤 花子', total: 1200, paymentMethod: 'NP後払い', npTransactionId: null },
    ],
  };
  const report: CsvImportReport = {
    inserted: 1,
    updated: 1,
    unchanged: 0,
    rejected: preview.rejected,
    updatedOrders: [{ orderId: 2, orderNo: '1002', lines: [3] }],
    insertedOrderIds: [1],
    registrationCandidates: [
      { orderId: 1, orderNo: '1001', name: '山田 太郎', total: 3685 },
      { orderId: 7, orderNo: '1007', name: '鈴木 一郎', total: 500 },
    ],
    transactionIds: [],
    attachProblems: [],
  };

  it('reads the picked file, shows the encoding, counts and rejected lines, imports, and emits the orders staff chose to register', async () => {
    const t = useMemoryTransport({
      csvPresets: () => ({ presets: [{ name: 'カートA', mapping: { orderNo: ['注文番号'] } }], exportEncoding: 'cp932' }),
      csvImportStage: () => preview,
      csvImportCommit: () => report,
    });
    const w = mountApp(CsvImportDialog, { props: { modelValue: false } });
    await w.setProps({ modelValue: true });
    await settle();
    const bytes = new Uint8Array([0x92, 0x8d, 0x95, 0xb6, 0x94, 0xd4, 0x8d, 0x86, 0x0d, 0x0a]); // 注文番号 in Shift_JIS
    await pickFile(w, '[data-test="csv-import-file"]', bytes, 'orders.csv');

    const stageCall = t.calls.find((c) => c.method === 'csvImportStage')!;
    expect(stageCall.input).toEqual({ file: { fileName: 'orders.csv', dataBase64: bytesToBase64(bytes) } });
    expect(textIn('[data-test="csv-import-encoding"]')).toContain('Shift_JIS（CP932）');
    expect(textIn('[data-test="csv-import-counts"]')).toMatch(/新規\s*1\s*件.*更新\s*1\s*件.*取り込めない行\s*1\s*行/su);
    expect(textIn('[data-test="csv-import-rejected"]')).toContain('電話番号は10桁または11桁');

    const commit = document.querySelector<HTMLButtonElement>('[data-test="csv-import-commit"]')!;
    expect(commit.textContent).toContain('2件を取り込む');
    commit.click();
    await settle(10);
    expect(t.calls.find((c) => c.method === 'csvImportCommit')!.input).toEqual({ stageId: STAGE, mapping: { orderNo: [0], orderedAt: [1] } });
    expect(w.emitted('imported')?.[0]).toEqual([report]);
    expect(textIn('[data-test="csv-import-report"]')).toContain('新規 1件・更新 1件・変更なし 0件');

    // Both candidates are ticked; staff untick one and confirm.
    const boxes = document.querySelectorAll<HTMLInputElement>('[data-test="csv-import-candidates"] input[type="checkbox"]');
    expect(boxes).toHaveLength(2);
    boxes[1]!.click();
    await settle();
    const register = document.querySelector<HTMLButtonElement>('[data-test="csv-import-register"]')!;
    expect(register.textContent).toContain('選んだ1件を取引登録する');
    register.click();
    await settle();
    expect(w.emitted('register')?.[0]).toEqual([[1]]);
  });

  it('sends a changed mapping (several columns joined for a name) before it lets staff import', async () => {
    const t = useMemoryTransport({
      csvPresets: () => ({ presets: [], exportEncoding: 'cp932' }),
      csvImportStage: () => ({ ...preview, headers: ['注文番号', '受注日', '姓', '名'], sampleRows: [['1001', '2026/11/01', '山田', '太郎']] }),
      csvImportPreview: () => ({ ...preview, headers: ['注文番号', '受注日', '姓', '名'], sampleRows: [['1001', '2026/11/01', '山田', '太郎']] }),
    });
    const w = mountApp(CsvImportDialog, { props: { modelValue: false } });
    await w.setProps({ modelValue: true });
    await settle();
    await pickFile(w, '[data-test="csv-import-file"]', new Uint8Array([0x61]), 'x.csv');
    const name0 = w.find('[data-test="map-customer.name-0"]');
    expect(name0.findAll('option').map((o) => o.text())).toContain('3列目: 姓（例: 山田）');
    await name0.setValue('2');
    await w.find('button[aria-label="お名前に列を足す"]').trigger('click'); // takes the next column: 名
    expect((w.find('[data-test="map-customer.name-1"]').element as HTMLSelectElement).value).toBe('3');
    expect(document.querySelector<HTMLButtonElement>('[data-test="csv-import-commit"]')!.disabled).toBe(true); // not checked yet
    document.querySelector<HTMLButtonElement>('[data-test="csv-import-apply-mapping"]')!.click();
    await settle(10);
    // The file was sent once; the new mapping is checked by stage id.
    expect(t.calls.filter((c) => c.method === 'csvImportStage')).toHaveLength(1);
    const calls = t.calls.filter((c) => c.method === 'csvImportPreview');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.input).toEqual({ stageId: STAGE, mapping: { orderNo: [0], orderedAt: [1], 'customer.name': [2, 3] } });
  });

  it('does not let staff import while required fields are unmapped', async () => {
    useMemoryTransport({
      csvPresets: () => ({ presets: [], exportEncoding: 'cp932' }),
      csvImportStage: () => ({ ...preview, mapping: {}, missingRequired: ['orderNo', 'customer.tel'] }),
    });
    const w = mountApp(CsvImportDialog, { props: { modelValue: false } });
    await w.setProps({ modelValue: true });
    await settle();
    await pickFile(w, '[data-test="csv-import-file"]', new Uint8Array([0x61]), 'x.csv');
    expect(textIn('[data-test="csv-import-missing"]')).toContain('注文番号、電話番号');
    expect(document.querySelector<HTMLButtonElement>('[data-test="csv-import-commit"]')!.disabled).toBe(true);
  });
});

describe('CsvImportDialog while importing', { timeout: 20_000 }, () => {
  it('shows the core\'s progress and offers 中止; a stopped import says nothing changed', async () => {
    const STAGE = '0b7e3f0a-1c2d-4e5f-8a9b-abcdefabcdef';
    const base = { stageId: STAGE, fileName: 'big.csv', encoding: 'utf8' as const, headers: ['注文番号'], sampleRows: [], mapping: { orderNo: [0] }, suggestedMapping: { orderNo: [0] }, presetName: null, presetMissingHeaders: [], missingRequired: [], dataRows: 100_000, counts: { insert: 100_000, update: 0, unchanged: 0, rejected: 0 }, rejected: [], sample: [] };
    let finish: ((r: CsvImportReport) => void) | null = null;
    const t = useMemoryTransport({
      csvPresets: () => ({ presets: [], exportEncoding: 'cp932' }),
      csvImportStage: () => base,
      csvImportCommit: () => new Promise<CsvImportReport>((r) => (finish = r)),
      csvImportCancel: () => ({ cancelled: true }),
    });
    const w = mountApp(CsvImportDialog, { props: { modelValue: false } });
    await w.setProps({ modelValue: true });
    await settle();
    await pickFile(w, '[data-test="csv-import-file"]', new Uint8Array([0x61]), 'big.csv');
    document.querySelector<HTMLButtonElement>('[data-test="csv-import-commit"]')!.click();
    await settle(5);
    t.emit('csvImportProgress', { stageId: STAGE, phase: 'writing', done: 40_000, total: 100_000 });
    t.emit('csvImportProgress', { stageId: 'another-stage', phase: 'writing', done: 1, total: 2 }); // not this dialog's
    await settle(5);
    expect(textIn('[data-test="csv-import-progress"]')).toContain('注文を書き込んでいます（40,000 / 100,000件）');
    expect(document.querySelector('[data-test="csv-import-commit"]')).toBeNull();
    document.querySelector<HTMLButtonElement>('[data-test="csv-import-cancel"]')!.click();
    await settle(5);
    expect(t.calls.find((c) => c.method === 'csvImportCancel')?.input).toEqual({ stageId: STAGE });
    finish!({ inserted: 0, updated: 0, unchanged: 0, rejected: [], updatedOrders: [], insertedOrderIds: [], registrationCandidates: [], transactionIds: [], attachProblems: [], cancelled: true });
    await settle(10);
    expect(textIn('[data-test="csv-import-cancelled"]')).toContain('取り込みを中止しました');
    expect(w.emitted('imported')).toBeUndefined();
  });

  it('says how many orders of a large file it has read while the preview is being made', async () => {
    const STAGE = '0b7e3f0a-1c2d-4e5f-8a9b-abcdefabcdef';
    const base = { stageId: STAGE, fileName: 'big.csv', encoding: 'utf8' as const, headers: ['注文番号'], sampleRows: [], mapping: { orderNo: [0] }, suggestedMapping: { orderNo: [0] }, presetName: null, presetMissingHeaders: [], missingRequired: [], dataRows: 100_000, counts: { insert: 100_000, update: 0, unchanged: 0, rejected: 0 }, rejected: [], sample: [] };
    let finish: ((p: CsvImportPreview) => void) | null = null;
    const t = useMemoryTransport({
      csvPresets: () => ({ presets: [], exportEncoding: 'cp932' }),
      csvImportStage: () => new Promise<CsvImportPreview>((r) => (finish = r)),
    });
    const w = mountApp(CsvImportDialog, { props: { modelValue: false } });
    await w.setProps({ modelValue: true });
    await settle();
    await pickFile(w, '[data-test="csv-import-file"]', new Uint8Array([0x61]), 'big.csv');
    t.emit('csvImportProgress', { stageId: STAGE, phase: 'reading', done: 42_000, total: 0 });
    await settle(5);
    expect(textIn('[data-test="csv-import-reading"]')).toContain('ファイルの注文を読み取って確認しています（42,000件）');
    finish!(base);
    await settle(10);
    expect(document.querySelector('[data-test="csv-import-reading"]')).toBeNull();
    expect(textIn('[data-test="csv-import-counts"]')).toContain('新規 100,000件');
  });

  it('speaks English in the English UI', async () => {
    useMemoryTransport({ csvPresets: () => ({ presets: [], exportEncoding: 'cp932' }) });
    const w = mountApp(CsvImportDialog, { props: { modelValue: false }, global: { plugins: [createAppI18n('en')] } });
    await w.setProps({ modelValue: true });
    await settle();
    expect(textIn('[data-test="csv-import"]')).toContain('Drop a CSV file here');
    expect(textIn('[data-test="csv-import"]')).not.toMatch(/ファイルをここに/u);
  });
});

describe('CsvShipmentDialog', { timeout: 20_000 }, () => {
  const row = (line: number, outcome: ShipmentPreview['rows'][number]['outcome'], reason: string | null) => ({
    line,
    orderNo: `T${line}`,
    carrierCode: '59010',
    carrierName: 'ヤマト運輸',
    slipNo: `12345678901${line}`,
    outcome,
    reason,
    orderId: outcome === 'unknown_order' ? null : line,
    npStatus: outcome === 'ready' ? ('ok' as const) : null,
  });
  const preview: ShipmentPreview = {
    fileName: 'b2.csv',
    encoding: 'cp932',
    layout: 'yamato_b2',
    rows: [row(2, 'ready', null), row(3, 'unknown_order', '注文番号「T3」の受注が見つかりません'), row(4, 'ready', null)],
    counts: { ready: 2, queued: 0, not_eligible: 0, unknown_order: 1, invalid: 0 },
    fileErrors: [],
  };
  const applied: ShipmentPreview = {
    ...preview,
    rows: preview.rows.map((r) => (r.outcome === 'ready' ? { ...r, outcome: 'queued' as const, npStatus: 'shipping' as const } : r)),
    counts: { ready: 0, queued: 2, not_eligible: 0, unknown_order: 1, invalid: 0 },
  };

  it('previews the rows (problems first), then queues the ready ones and shows the result per row', async () => {
    const t = useMemoryTransport({ csvShipmentsPreview: () => preview, csvShipmentsApply: () => applied });
    const w = mountApp(CsvShipmentDialog, { props: { modelValue: false } });
    await w.setProps({ modelValue: true });
    await settle();
    await pickFile(w, '[data-test="csv-shipments-file"]', new Uint8Array([0x61, 0x0a]), 'b2.csv');
    expect(textIn('[data-test="csv-shipments-layout"]')).toContain('ヤマト運輸 B2クラウド');
    const firstRow = document.querySelector('[data-test="csv-shipments-rows"] tbody tr')!;
    expect(firstRow.textContent).toContain('注文が見つかりません');
    const button = document.querySelector<HTMLButtonElement>('[data-test="csv-shipments-apply"]')!;
    expect(button.textContent).toContain('2件の出荷報告を登録する');
    button.click();
    await settle(10);
    expect(t.calls.map((c) => c.method)).toEqual(['csvShipmentsPreview', 'csvShipmentsApply']);
    expect(w.emitted('applied')?.[0]).toEqual([applied]);
    expect(textIn('[data-test="csv-shipments-rows"]')).toContain('出荷報告を送信待ちにしました');
    expect(textIn('[data-test="csv-shipments-rows"]')).toContain('出荷報告依頼中');
  });
});

describe('CsvExportMenu', { timeout: 20_000 }, () => {
  it('exports everything the criteria match (no paging) in the remembered encoding, and lists characters Shift_JIS lost', async () => {
    const t = useMemoryTransport({
      appInfo: () => ({ version: '0.0.0', mode: 'demo', environment: 'sandbox', transport: 'http', credentialsProblem: null }),
      getSettings: () => ({ ...SETTINGS, csvEncoding: 'cp932' }),
      csvExport: (input: { kind: 'orders' | 'shipto_goods'; encoding: 'cp932' | 'utf8bom' }) => ({
        kind: input.kind,
        encoding: input.encoding,
        fileName: '受注CSV_20261128_1204.csv',
        filePath: '/tmp/受注CSV_20261128_1204.csv',
        download: null,
        rows: 2,
        lossy: [{ orderNo: '1001', field: 'お名前', chars: ['😀'] }],
      }),
    });
    const startup = useAppStore().ready(); // App.vue's startup load, already running when the toolbar mounts
    const w = mountApp(CsvExportMenu, { props: { criteria: { name: '山田', offset: 200, limit: 100 } } });
    await startup;
    await settle();
    await w.find('[data-test="csv-export-orders"]').trigger('click');
    await settle(10);
    const call = t.calls.find((c) => c.method === 'csvExport')!;
    expect(call.input).toEqual({ criteria: { name: '山田' }, kind: 'orders', encoding: 'cp932' });
    // The settings come from the app's one startup load (the menu does not ask again).
    expect(t.calls.filter((c) => c.method === 'getSettings')).toHaveLength(1);
    expect(w.emitted('exported')).toHaveLength(1);
    // The lossy list is its own chunk, loaded with the first export that needs it.
    await vi.waitFor(() => expect(textIn('[data-test="csv-lossy"]')).toContain('1001'));
    expect(textIn('[data-test="csv-lossy"]')).toContain('😀');
  });
});
