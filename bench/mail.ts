/**
 * Mail benchmark (not a test): N mails (default 1,000) queued in one call and delivered over real SMTP to an
 * smtp-server on loopback, with no send interval (the shop's rate limit, 1 per second by default, would make it
 * N seconds by design). Compared with the floor: the same N messages composed and sent over the same SMTP code
 * (one connection per 100 messages, as the sender does), without the outbox (no SQLite rows, no state changes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { openDatabase } from '../electron/core/db';
import { createOrderRepository } from '../electron/core/orders';
import { generateOrders } from '../electron/core/demo/generate';
import { createSettingsStore } from '../electron/core/app/settings';
import { silentLogger } from '../electron/core/app/logger';
import { createMailService } from '../electron/core/mail/service';
import { startMailSender } from '../electron/core/mail/sender';
import { composeMail } from '../electron/core/mail/compose';
import { openSmtpLink } from '../electron/core/mail/smtp-send';
import { systemClock } from '../electron/core/np/store';
import type { BenchRow } from './types';

async function countingServer(): Promise<{ port: number; ids: () => string[]; stop: () => Promise<void> }> {
  const ids: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 4096) head += c.toString('latin1');
      });
      stream.on('end', () => {
        ids.push(/^Message-ID: (.*)$/imu.exec(head)?.[1]?.trim() ?? '');
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.server.address() as AddressInfo).port, ids: () => ids.slice(), stop: () => new Promise((r) => server.close(() => r())) };
}

export async function benchMail(opts: { count: number }): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-mail-'));
  const server = await countingServer();
  try {
    const db = openDatabase(join(dir, 'mail.sqlite'));
    const orders = createOrderRepository(db);
    const inputs = generateOrders({ seed: 11, count: opts.count * 2, now: Date.UTC(2026, 10, 20) }).filter((o) => o.customer.email).slice(0, opts.count);
    const ids = orders.insertMany(inputs, Date.UTC(2026, 10, 20));
    const mail = createMailService({ db, orders, appSettings: createSettingsStore(db), clock: systemClock });

    const t0 = performance.now();
    const results = mail.queue('order_received', ids, { resend: false, origin: 'manual' });
    const queueMs = performance.now() - t0;
    if (results.some((r) => r.outcome !== 'queued')) throw new Error('not every mail was queued');

    const t1 = performance.now();
    const sender = startMailSender({
      service: () => mail,
      resolve: async () => ({
        ok: true,
        target: { smtp: { host: '127.0.0.1', port: server.port, security: 'none', user: '', password: null }, fromName: 'ベンチ商店', fromAddress: 'shop@example.jp', bcc: '', encoding: 'utf8', intervalMs: 0 },
      }),
      clock: systemClock,
      log: silentLogger,
      onChanged: () => undefined,
    });
    const sentCount = db.prepare("SELECT count(*) FROM mail_outbox WHERE state = 'sent'").pluck();
    while ((sentCount.get() as number) < opts.count) await new Promise((r) => setTimeout(r, 20));
    const deliverMs = performance.now() - t1;
    await sender.stop();
    const arrived = server.ids();
    const unique = new Set(arrived).size;

    // The floor: the same messages over the same SMTP code, without the outbox.
    const rows = mail.outbox.byIds(results.map((r) => r.mailId!));
    const t2 = performance.now();
    const link = openSmtpLink({ host: '127.0.0.1', port: server.port, security: 'none', user: '', password: null });
    for (const row of rows) {
      const message = await composeMail({ fromName: 'ベンチ商店', fromAddress: 'shop@example.jp', to: row.to_address, subject: row.subject, body: row.body, messageId: row.message_id.replace('>', '.floor>'), date: new Date(), encoding: 'utf8' });
      const outcome = await link.send({ from: 'shop@example.jp', to: [row.to_address] }, message);
      if (outcome.kind !== 'sent') throw new Error(`floor send failed: ${outcome.kind}`);
    }
    link.close();
    const floorMs = performance.now() - t2;
    db.close();

    const perSec = (opts.count / deliverMs) * 1000;
    return [
      { name: `mail: queue ${opts.count} mails (rendered, one transaction)`, value: Math.round(queueMs), unit: 'ms', detail: { perMail: queueMs / opts.count } },
      {
        name: `mail: deliver ${opts.count} queued mails to a loopback SMTP server (no send interval)`,
        value: Math.round(deliverMs),
        unit: 'ms',
        detail: { mailsPerSecond: Math.round(perSec), arrived: arrived.length, uniqueMessageIds: unique },
        ok: arrived.length === opts.count && unique === opts.count,
      },
      { name: 'mail: delivery vs the floor (same messages over the same SMTP code, no outbox)', value: Number((deliverMs / floorMs).toFixed(2)), unit: 'x', detail: { floorMs: Math.round(floorMs) } },
    ];
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
