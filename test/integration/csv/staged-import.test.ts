/**
 * The staged import through the contract handlers on a real session: the file is sent once and read once in
 * the worker thread; re-mapping and the commit name the stage. The commit reports progress, can be stopped
 * (中止: nothing written), and while it writes the app's connection keeps answering searches from the last
 * committed state; a write of the app meanwhile fails fast with a clear message instead of freezing the app.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/app/session';
import { mapCoreError } from '../../../electron/core/app/errors';
import { csvContractHandlers } from '../../../electron/core/app/handlers/csv-contract';
import { contract } from '../../../shared/contract';
import type { CsvImportProgress } from '../../../shared/csv';
import { sampleOrder } from '../store/helpers';
import { createImportStager } from '../../../electron/core/csv/import-stager';
import { cp932, csvText, tempDir, testSession } from './helpers';

const tmp = tempDir('atobarai-csv-staged-');
const sessions: Session[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  tmp.cleanup();
});

function setup() {
  const session = testSession(tmp.file(`s-${sessions.length}.sqlite`));
  sessions.push(session);
  const progress: CsvImportProgress[] = [];
  const handlers = csvContractHandlers({ session: () => session, clock: { now: () => 5_000 }, changed: () => {}, importProgress: (p) => progress.push(p) });
  return { session, handlers, progress };
}

const header = ['注文番号', '受注日', '支払方法', 'お名前', '郵便番号', '住所', '電話番号', '商品名', '単価', '数量', '社内用'];
function file(orders: number) {
  const rows = Array.from({ length: orders }, (_, i) => [
    String(70_000 + i),
    '2026/11/01 10:00',
    'クレジットカード',
    '山田 太郎',
    '1070052',
    `東京都港区赤坂1-2-3 赤坂ビル${100 + (i % 800)}`,
    `090${String(10_000_000 + i).slice(-8)}`,
    '緑茶',
    '1000',
    '1',
    `memo ${i}`,
  ]);
  return { fileName: 'orders.csv', dataBase64: cp932(csvText([header, ...rows])).toString('base64') };
}

/** The store's indexes: a bulk import writes without them and must leave every one of them behind. */
function indexes(session: Session): string[] {
  return session.db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all();
}

describe('staged CSV import', () => {
  it('stages once, re-maps by stage id, commits with progress after every chunk', { timeout: 60_000 }, async () => {
    const { session, handlers, progress } = setup();
    const before = indexes(session);
    const refreshes: Promise<number>[] = [];
    const refresh = session.refreshStatistics;
    session.refreshStatistics = () => {
      const run = refresh();
      refreshes.push(run);
      return run;
    };
    const staged = await handlers.csvImportStage(contract.csvImportStage.input.parse({ file: file(5_000) }));
    expect(staged).toMatchObject({ dataRows: 5_000, counts: { insert: 5_000 } });
    expect(staged.mapping.shopMemo).toBeUndefined();
    // Map the メモ column to SHOPメモ: the same stage, no file sent.
    const remapped = await handlers.csvImportPreview(contract.csvImportPreview.input.parse({ stageId: staged.stageId, mapping: { ...staged.mapping, shopMemo: [10] } }));
    expect(remapped.mapping.shopMemo).toEqual([10]);
    const report = await handlers.csvImportCommit(contract.csvImportCommit.input.parse({ stageId: staged.stageId, mapping: remapped.mapping }));
    expect(report.inserted).toBe(5_000);
    expect(session.orders.getByOrderNo('70042')?.shopMemo).toBe('memo 42');
    // 5,000 new orders into an empty store: written without the indexes, which are all back.
    expect(indexes(session)).toEqual(before);
    // …and planner statistics for them, refreshed in the background after the commit.
    expect(refreshes).toHaveLength(1);
    expect(await refreshes[0]).toBeGreaterThan(0);
    expect(session.db.prepare("SELECT count(*) FROM sqlite_stat1 WHERE idx = 'orders_ordered_at'").pluck().get()).toBe(1);
    expect(session.orders.search({ tel: '09010004999', limit: 5 }).rows.map((r) => r.orderNo)).toEqual(['74999']);
    expect(progress.every((p) => p.stageId === staged.stageId)).toBe(true);
    // Reading the file for the preview, then for the re-mapping: the orders read so far, after every chunk.
    expect(progress.filter((p) => p.phase === 'reading').map((p) => p.done)).toEqual([2_000, 4_000, 5_000, 2_000, 4_000, 5_000]);
    expect(progress.filter((p) => p.phase === 'writing').at(-1)).toMatchObject({ done: 5_000, total: 5_000 });
    const writing = progress.filter((p) => p.phase === 'writing').map((p) => p.done);
    expect(writing.length).toBeGreaterThan(1);
    expect([...writing].sort((a, b) => a - b)).toEqual(writing);
  });

  it('中止 stops the commit between chunks: nothing is written and the stage can be committed later', { timeout: 60_000 }, async () => {
    const { session, handlers } = setup();
    const staged = await handlers.csvImportStage(contract.csvImportStage.input.parse({ file: file(20_000) }));
    const input = contract.csvImportCommit.input.parse({ stageId: staged.stageId, mapping: staged.mapping });
    let cancelled: boolean | null = null;
    const h = csvContractHandlers({
      session: () => session,
      clock: { now: () => 5_000 },
      changed: () => {},
      importProgress: () => {
        if (cancelled === null) cancelled = (h.csvImportCancel({ stageId: staged.stageId }) as { cancelled: boolean }).cancelled;
      },
    });
    const report = await h.csvImportCommit(input);
    expect(cancelled).toBe(true);
    expect(report).toMatchObject({ cancelled: true, inserted: 0 });
    expect(session.orders.count()).toBe(0);
    expect(indexes(session)).toContain('orders_ordered_at');
    // Nothing is running now: cancel says so.
    expect(await handlers.csvImportCancel({ stageId: staged.stageId })).toEqual({ cancelled: false });
    const later = await handlers.csvImportCommit(input);
    expect(later.inserted).toBe(20_000);
  });

  it('while the import writes, searches answer from the last committed state and a write fails fast with a clear message', { timeout: 60_000 }, async () => {
    const { session, handlers, progress } = setup();
    session.orders.insert({ ...sampleOrder(), orderNo: 'EXISTING' }, 1);
    const staged = await handlers.csvImportStage(contract.csvImportStage.input.parse({ file: file(20_000) }));
    const commit = Promise.resolve(handlers.csvImportCommit(contract.csvImportCommit.input.parse({ stageId: staged.stageId, mapping: staged.mapping })));
    let done = false;
    void commit.finally(() => (done = true));
    const seen: number[] = [];
    let busyError: unknown = null;
    while (!done) {
      await new Promise((r) => setTimeout(r, 5));
      if (done) break;
      seen.push(session.orders.search({ limit: 5 }).total);
      if (busyError === null && progress.length > 0) {
        // The import's transaction is open (it reported progress): the app's own write must not wait for it.
        try {
          session.orders.insert({ ...sampleOrder(), orderNo: 'DURING' }, 2);
          busyError = false;
        } catch (e) {
          busyError = e;
        }
      }
    }
    const report = await commit;
    expect(report.inserted).toBe(20_000);
    // Before the commit only the stored order, after it all of them: never a half-imported list.
    expect(seen.filter((n) => n !== 1 && n !== 20_001)).toEqual([]);
    expect(seen.filter((n) => n === 1).length).toBeGreaterThan(3);
    expect(mapCoreError(busyError)).toMatchObject({ code: 'conflict', message: expect.stringContaining('CSV取込') });
    expect(session.orders.search({ limit: 1 }).total).toBe(20_001);
  });
});

describe('a file too large for the import worker', () => {
  it('when the worker runs out of memory, the stage fails with a Japanese message and nothing is written', { timeout: 60_000 }, async () => {
    const session = testSession(tmp.file('oom.sqlite'));
    sessions.push(session);
    const small = createImportStager({ file: tmp.file('oom.sqlite'), heapMb: 8 });
    try {
      const bytes = Buffer.from(file(20_000).dataBase64, 'base64');
      await expect(small.stage({ fileName: 'big.csv', bytes }, null)).rejects.toThrow(/ファイルが大きすぎて取り込めませんでした/u);
    } finally {
      await small.close();
    }
    expect(session.orders.count()).toBe(0);
  });
});
