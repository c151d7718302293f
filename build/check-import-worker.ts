/**
 * The CSV import worker as electron-vite built it (out/main/csv-import-worker.js, with its shared chunks) runs:
 * a small order file staged and committed through it on a fresh store. Run by check-packaging.mjs after the
 * build (under Node: Electron's worker threads load the same file from app.asar, which cannot be run here).
 * Usage: node --import tsx build/check-import-worker.ts <built worker>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../electron/core/db';
import { createImportStager } from '../electron/core/csv/import-stager';

const worker = process.argv[2];
if (!worker) throw new Error('usage: check-import-worker.ts <built worker>');
const dir = mkdtempSync(join(tmpdir(), 'atobarai-worker-check-'));
try {
  const file = join(dir, 'store.sqlite');
  const db = openDatabase(file);
  const stager = createImportStager({ file, workerScript: pathToFileURL(worker) });
  const rows = ['注文番号,受注日,支払方法,お名前,郵便番号,住所,電話番号,商品名,単価,数量'];
  for (let i = 1; i <= 3; i++) rows.push(`${9000 + i},2026/11/01 10:00,クレジットカード,山田 太郎,1070052,東京都港区赤坂1-2-3,0312345678,緑茶,1000,${i}`);
  const staged = await stager.stage({ fileName: 'check.csv', bytes: Buffer.from(rows.join('\r\n') + '\r\n') }, null);
  const report = await stager.commit(staged.stageId, staged.mapping, { now: Date.UTC(2026, 10, 30), siteName: '' });
  await stager.close();
  const stored = db.prepare('SELECT count(*) FROM orders').pluck().get();
  db.close();
  if (staged.counts.insert !== 3 || report.inserted !== 3 || stored !== 3) {
    throw new Error(`expected 3 orders staged, imported and stored; got ${staged.counts.insert}, ${report.inserted}, ${String(stored)}`);
  }
  console.log('the built import worker staged and imported 3 orders');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
