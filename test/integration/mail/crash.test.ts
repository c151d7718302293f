/**
 * Crashes around sending: a process killed between queueing a mail and sending it (the mail goes out once after
 * the restart), and a sending process killed with SIGKILL at random points, again and again. At the end every
 * mail is sent or 送信結果不明, none arrived twice, each 'sent' arrived exactly once, and the store is intact.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { startTestSmtp, type TestSmtp } from './helpers';
import { openMailDb, seedOrders } from './setup';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mail-crash-'));
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the child; kills it when its output has `killAfter` lines of `on` (+ delayMs). Resolves whether it finished. */
function runChild(args: string[], kill: { on: string; count: number; delayMs: number } | null): Promise<{ finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (kill && !armed && out.split('\n').filter((l) => l === kill.on).length >= kill.count) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ finished: out.includes('done') });
      else if (code === 0) resolve({ finished: true });
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

function rows(file: string) {
  const db = openDatabase(file);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const all = db.prepare('SELECT id, state, message_id FROM mail_outbox ORDER BY id').all() as Array<{ id: number; state: string; message_id: string }>;
  db.close();
  return all;
}

const arrivals = (messageId: string) => smtp.arrived.filter((a) => a.parsed.messageId === messageId).length;

describe('a mail process killed', () => {
  it('between queueing and sending: after the restart the mail is sent exactly once', { timeout: 60_000 }, async () => {
    const file = join(dir, 'between.sqlite');
    const ids = seedOrders(file, 2);
    const port = String(smtp.port);
    const killed = await runChild([file, port, 'queue', ids.join(',')], { on: 'queued', count: 1, delayMs: 0 });
    expect(killed.finished).toBe(false);
    const before = rows(file);
    expect(before.map((r) => r.state)).toEqual(['queued', 'queued']);
    expect(before.every((r) => arrivals(r.message_id) === 0)).toBe(true);

    expect((await runChild([file, port, 'send'], null)).finished).toBe(true);
    const after = rows(file);
    expect(after.map((r) => r.state)).toEqual(['sent', 'sent']);
    expect(after.map((r) => arrivals(r.message_id))).toEqual([1, 1]);
  });

  it('at random points while sending: nothing is sent twice and every sent mail arrived once', { timeout: 180_000 }, async () => {
    const file = join(dir, 'random.sqlite');
    const perRound = 8;
    const rounds = 8;
    const ids = seedOrders(file, perRound * rounds);
    const port = String(smtp.port);
    let kills = 0;
    let seed = 99;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < rounds; round++) {
      const { db, mail } = openMailDb(file);
      mail.queue('order_received', ids.slice(round * perRound, (round + 1) * perRound), { resend: false, origin: 'manual' });
      db.close();
      const run = await runChild([file, port, 'send'], { on: 'step', count: 1 + Math.floor(random() * 8), delayMs: Math.floor(random() * 6) });
      if (!run.finished) kills++;
    }
    expect((await runChild([file, port, 'send'], null)).finished).toBe(true);
    expect(kills).toBeGreaterThanOrEqual(5);

    const all = rows(file);
    expect(all).toHaveLength(ids.length);
    expect(all.filter((r) => r.state === 'queued' || r.state === 'sending')).toEqual([]);
    for (const r of all) {
      if (r.state === 'sent') expect(arrivals(r.message_id), `mail ${r.id}`).toBe(1);
      else expect(arrivals(r.message_id), `mail ${r.id} (${r.state})`).toBeLessThanOrEqual(1);
    }
    const ids2 = smtp.arrived.map((a) => a.parsed.messageId);
    expect(new Set(ids2).size).toBe(ids2.length);
    expect(all.filter((r) => r.state === 'sent').length).toBeGreaterThan(ids.length / 2);
    console.info(`mail crash test: ${kills} kills while sending, ${all.filter((r) => r.state === 'sent').length} sent, ${all.filter((r) => r.state === 'unknown').length} 送信結果不明`);
  });
});
