/**
 * npm run bench [-- --quick] [-- --orders N] [-- --only store,launch]: the app's speed where staff feel it, at
 * shop scale, against the floor the hardware and NP allow. Prints a table and writes bench-results.json (an array
 * of { name, value, unit, target, ok, detail }). Not part of npm test. Orders: --orders N (default 100,000);
 * --quick uses 10,000 (and 2,000 for sync). --only runs the named suites (store, csv, sync, launch). --db FILE:
 * the store and launch suites use that store, built there by the store suite when it does not exist (a million
 * orders take many minutes to build: build once, measure many times).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchRow } from './types';
import { messageOf } from '../shared/error-message';
import { argValue } from './args';

const quick = process.argv.includes('--quick');
const only = argValue('--only')?.split(',') ?? null;
const orders = quick ? 10_000 : Number(argValue('--orders') ?? 100_000);
/** store and launch: a store file kept between runs (built by the store suite when missing, then reused). */
const db = argValue('--db');
if (!Number.isInteger(orders) || orders < 1) throw new Error(`--orders must be a positive integer: ${argValue('--orders')}`);

const SUITES: { name: string; run: () => Promise<BenchRow[]> }[] = [
  { name: 'store', run: async () => (await import('./store')).benchStore({ count: orders, db }) },
  { name: 'csv', run: async () => (await import('./csv')).benchCsv({ count: orders }) },
  { name: 'csv-staged', run: async () => (await import('./csv-staged')).benchCsvStaged({ count: orders }) },
  { name: 'sync', run: async () => (await import('./sync')).benchSync({ count: quick ? 2_000 : 10_000 }) },
  { name: 'launch', run: async () => (await import('./launch')).benchLaunch({ count: orders, db }) },
  { name: 'mail', run: async () => (await import('./mail')).benchMail({ count: 1_000 }) },
  { name: 'documents', run: async () => (await import('./documents')).benchDocuments({ notes: quick ? 200 : 1_000 }) },
];

async function main(): Promise<void> {
  const unknown = only?.filter((n) => !SUITES.some((s) => s.name === n)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown suite ${unknown.join(', ')} (known: ${SUITES.map((s) => s.name).join(', ')})`);
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
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString(), quick, orders };
  writeFileSync('bench-results.json', `${JSON.stringify(rows.map((r) => ({ ...r, machine })), null, 2)}\n`);
  const misses = rows.filter((r) => r.ok === false);
  console.log(`bench: ${rows.length} figures, ${misses.length} below target${misses.length ? `: ${misses.map((m) => m.name).join('; ')}` : ''}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
