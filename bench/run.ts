/**
 * npm run bench [-- --quick]: the app's speed where staff feel it, at shop scale, against the floor the
 * hardware and NP allow. Prints a table and writes bench-results.json (an array of
 * { name, value, unit, target, ok, detail }). Not part of npm test. --quick uses 10,000 orders.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchRow } from './types';
import { messageOf } from '../shared/error-message';

const quick = process.argv.includes('--quick');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]?.split(',') : null;
const orders = quick ? 10_000 : 100_000;

const SUITES: { name: string; run: () => Promise<BenchRow[]> }[] = [
  { name: 'store', run: async () => (await import('./store')).benchStore({ count: orders }) },
  { name: 'csv', run: async () => (await import('./csv')).benchCsv({ count: orders }) },
  { name: 'csv-staged', run: async () => (await import('./csv-staged')).benchCsvStaged({ count: orders }) },
  { name: 'sync', run: async () => (await import('./sync')).benchSync({ count: quick ? 2_000 : 10_000 }) },
  { name: 'launch', run: async () => (await import('./launch')).benchLaunch({ count: orders }) },
  { name: 'mail', run: async () => (await import('./mail')).benchMail({ count: 1_000 }) },
  { name: 'documents', run: async () => (await import('./documents')).benchDocuments({ notes: quick ? 200 : 1_000 }) },
];

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  for (const suite of SUITES) {
    if (only && !only.includes(suite.name)) continue;
    const started = performance.now();
    process.stderr.write(`bench: ${suite.name}…\n`);
    try {
      rows.push(...(await suite.run()));
    } catch (e) {
      rows.push({ name: `${suite.name}: failed`, value: Number.NaN, unit: '', ok: false, detail: messageOf(e) });
    }
    process.stderr.write(`bench: ${suite.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const table = rows.map((r) => ({ name: r.name, value: r.value, unit: r.unit, target: r.target ?? '', ok: r.ok === undefined ? '' : r.ok ? 'ok' : 'MISS' }));
  console.table(table);
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString(), quick };
  writeFileSync('bench-results.json', `${JSON.stringify(rows.map((r) => ({ ...r, machine })), null, 2)}\n`);
  const misses = rows.filter((r) => r.ok === false);
  console.log(`bench: ${rows.length} figures, ${misses.length} below target${misses.length ? `: ${misses.map((m) => m.name).join('; ')}` : ''}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
