/** A real SQLite file with orders, its mail service and a sender pointed at a loopback server (tests and the crash child). */
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository } from '../../../electron/core/orders';
import { generateOrders } from '../../../electron/core/demo/generate';
import { createSettingsStore } from '../../../electron/core/app/settings';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMailService, type MailService } from '../../../electron/core/mail/service';
import { startMailSender, type MailSender } from '../../../electron/core/mail/sender';
import { systemClock } from '../../../electron/core/np/store';

export function openMailDb(file: string): { db: Database; mail: MailService } {
  const db = openDatabase(file);
  const orders = createOrderRepository(db);
  return { db, mail: createMailService({ db, orders, appSettings: createSettingsStore(db), clock: systemClock }) };
}

/** Orders with an email address (the generator leaves a few without). */
export function seedOrders(file: string, count: number): number[] {
  const db = openDatabase(file);
  const repo = createOrderRepository(db);
  const inputs = generateOrders({ seed: 7, count: count * 2, now: Date.UTC(2026, 10, 20) }).filter((o) => o.customer.email).slice(0, count);
  const ids = repo.insertMany(inputs, Date.UTC(2026, 10, 20));
  db.close();
  return ids;
}

export function loopbackSender(mail: MailService, port: () => number, opts: { intervalMs?: number; onChanged?: (ids: number[]) => void; security?: 'none' | 'starttls' | 'tls' } = {}): MailSender {
  return startMailSender({
    service: () => mail,
    resolve: async () => ({
      ok: true,
      target: {
        smtp: { host: '127.0.0.1', port: port(), security: opts.security ?? 'none', user: '', password: null },
        fromName: 'テスト商店',
        fromAddress: 'shop@example.jp',
        bcc: '',
        encoding: 'utf8',
        intervalMs: opts.intervalMs ?? 0,
      },
    }),
    clock: systemClock,
    log: silentLogger,
    offlineRetryMs: 100,
    retryDelaysMs: [50, 50],
    timeouts: { connectMs: 2000, socketMs: 3000 },
    onChanged: opts.onChanged ?? (() => undefined),
  });
}
