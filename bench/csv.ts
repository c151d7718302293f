/**
 * CSV at shop scale: export N stored orders as 配送先商品CSV (streamed from repo.iterate to a file) and import
 * that file into an empty store (parse + one-transaction import), in both encodings. Reports ms, orders/s and
 * rows/s per step, and the process's peak RSS after each (maxRSS is process-wide and only grows, so the
 * steps run from the lightest to the heaviest). Target: 100,000 orders under 10 s per step.
 *
 *   npx tsx bench/csv.ts --count 100000
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../electron/core/db';
import { createOrderRepository } from '../electron/core/orders';
import { generateOrders } from '../electron/core/demo';
import { exportOrdersCsv } from '../electron/core/csv/export';
import { parseOrderCsv } from '../electron/core/csv/parse-orders';
import { importOrders } from '../electron/core/csv/import-orders';
import { CSV_ENCODINGS, type CsvEncoding } from '../shared/csv';
import { round } from './stats';
import type { BenchRow } from './types';
import { argValue } from './args';

export interface BenchCsvOptions {
  count: number;
  seed?: number;
}

/** Per step, for 100,000 orders (scaled linearly with the count). */
const STEP_MS_PER_100K = 10_000;

const MiB = 1024 * 1024;
/** The process's peak resident set so far, in MiB. */
const peakRssMiB = (): number => round((process.resourceUsage().maxRSS * 1024) / MiB);

export async function benchCsv(opts: BenchCsvOptions): Promise<BenchRow[]> {
  const { count } = opts;
  const target = Math.round((STEP_MS_PER_100K * count) / 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'atobarai-bench-csv-'));
  const rows: BenchRow[] = [];
  const step = (name: string, ms: number, extra: Record<string, unknown>) =>
    rows.push({
      name: `csv: ${name}`,
      value: round(ms),
      unit: 'ms',
      target,
      ok: ms <= target,
      detail: { ordersPerSecond: Math.round(count / (ms / 1000)), peakRssMiB: peakRssMiB(), ...extra },
    });
  try {
    const source = openDatabase(join(dir, 'source.sqlite'));
    const repo = createOrderRepository(source);
    repo.insertMany(generateOrders({ seed: opts.seed ?? 7, count }), Date.UTC(2026, 10, 28));
    const files = new Map<CsvEncoding, string>();

    for (const encoding of CSV_ENCODINGS) {
      const file = join(dir, `export-${encoding}.csv`);
      const t = performance.now();
      const summary = await exportOrdersCsv({
        orders: repo.iterate({ sort: { key: 'orderNo', dir: 'asc' } }),
        kind: 'shipto_goods',
        encoding,
        out: createWriteStream(file),
      });
      const ms = performance.now() - t;
      files.set(encoding, file);
      step(`export ${count} orders as 配送先商品CSV (${encoding})`, ms, {
        rows: summary.rows,
        rowsPerSecond: Math.round(summary.rows / (ms / 1000)),
        fileMiB: round(statSync(file).size / MiB),
        lossyCells: summary.lossy.length,
      });
    }
    source.close();

    for (const encoding of CSV_ENCODINGS) {
      const db = openDatabase(join(dir, `import-${encoding}.sqlite`));
      const target = createOrderRepository(db);
      const bytes = readFileSync(files.get(encoding)!);
      const t = performance.now();
      const parsed = parseOrderCsv(bytes);
      const parseMs = performance.now() - t;
      const report = importOrders(db, target, parsed, Date.UTC(2026, 10, 29));
      const ms = performance.now() - t;
      if (report.inserted !== count) throw new Error(`imported ${report.inserted} of ${count} orders (${report.rejected.length} rows rejected)`);
      step(`import ${count} orders from 配送先商品CSV (${encoding})`, ms, {
        rows: parsed.dataRows,
        rowsPerSecond: Math.round(parsed.dataRows / (ms / 1000)),
        parseMs: round(parseMs),
        importMs: round(ms - parseMs),
      });
      db.close();
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(argValue('--count') ?? 100_000);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer: ${argValue('--count')}`);
  benchCsv({ count }).then(
    (rows) => {
      for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} (target ≤ ${r.target}, ${r.ok ? 'ok' : 'OVER'}) ${JSON.stringify(r.detail)}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
