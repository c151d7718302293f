/**
 * The import is ONE transaction, NP取引ID attachment included (issue 13 §5): a child process importing a file
 * whose orders the cart registered with NP is killed with SIGKILL while it writes orders and while it links
 * their NP取引IDs. After each kill the store passes integrity_check and holds none of the file — no order
 * showing 未登録 that NP already has (registering it again would charge twice). A run that is not killed
 * imports and links everything.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { cp932, csvText, tempDir } from './helpers';

const CHILD = fileURLToPath(new URL('./import-crash-child.ts', import.meta.url));
const ORDERS = 600;
const CHUNK = 50;
const tmp = tempDir('atobarai-csv-crash-');
afterAll(() => tmp.cleanup());

const header = ['注文番号', '受注日', '支払方法', 'お名前', '郵便番号', '住所', '電話番号', '商品名', '単価', '数量', 'NP取引ID'];
function file(): string {
  const rows = Array.from({ length: ORDERS }, (_, i) => [
    String(50_000 + i),
    '2026/11/01 10:00',
    'NP後払い',
    '山田 太郎',
    '1070052',
    `東京都港区赤坂1-2-3 赤坂ビル${100 + i}`,
    `090${String(10_000_000 + i).slice(-8)}`,
    '緑茶',
    '1000',
    '1',
    `AB${String(100_000_000 + i).slice(-9)}`,
  ]);
  const path = tmp.file('cart.csv');
  writeFileSync(path, cp932(csvText([header, ...rows])));
  return path;
}

function runChild(db: string, csv: string, killAt: string, bulkMin: number): Promise<{ signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, csv, killAt, String(CHUNK), String(bulkMin)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (_code, signal) => resolve({ signal, out, err }));
  });
}

function facts(path: string) {
  const db = openDatabase(path);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      orders: db.prepare('SELECT count(*) FROM orders').pluck().get() as number,
      linked: db.prepare('SELECT count(*) FROM np_transactions WHERE np_transaction_id IS NOT NULL').pluck().get() as number,
      unregisteredNp: db.prepare("SELECT count(*) FROM orders WHERE payment_method = 'np_atobarai' AND np_status IS NULL").pluck().get() as number,
      indexes: db.prepare("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name)").pluck().get() as string,
    };
  } finally {
    db.close();
  }
}

describe('a crash during an import', () => {
  it.each([
    ['with the indexes kept', 1_000_000],
    ['with the indexes suspended for a bulk insert', 0],
  ])('killed while writing orders or while linking NP取引IDs (%s), the store holds none of the file; a clean run holds all of it', { timeout: 120_000 }, async (_, bulkMin) => {
    const csv = file();
    const db = tmp.file(`store-${bulkMin}.sqlite`);
    openDatabase(db).close(); // migrated, empty
    const indexes = facts(db).indexes;
    expect(indexes).toContain('orders_ordered_at');

    for (const phase of ['writing', 'linking']) {
      const run = await runChild(db, csv, phase, bulkMin);
      expect(run.signal, run.err).toBe('SIGKILL');
      expect(facts(db)).toEqual({ integrity: 'ok', orders: 0, linked: 0, unregisteredNp: 0, indexes });
    }

    const clean = await runChild(db, csv, 'none', bulkMin);
    expect(clean.signal, clean.err).toBeNull();
    expect(JSON.parse(clean.out)).toEqual({ inserted: ORDERS, attached: ORDERS });
    expect(facts(db)).toEqual({ integrity: 'ok', orders: ORDERS, linked: ORDERS, unregisteredNp: 0, indexes });
  });
});
