/**
 * The sender against real SMTP on loopback: a connection dropped after DATA is 送信結果不明 and never resent;
 * offline, mails wait and go out once the server is back; the send interval is kept; a restart resumes queued
 * mails and turns a mail left in 'sending' into 送信結果不明.
 */
import { closedPort } from '../../helpers/ports';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_MESSAGE } from '../../../electron/core/mail/outbox-store';
import { startDroppingProxy, startTestSmtp, until } from './helpers';
import { loopbackSender, openMailDb, seedOrders } from './setup';

const dir = mkdtempSync(join(tmpdir(), 'mail-sender-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the mail sender', () => {
  it('marks a mail 送信結果不明 when the connection drops after DATA, and never sends it again', async () => {
    const file = join(dir, 'drop.sqlite');
    const ids = seedOrders(file, 3);
    const smtp = await startTestSmtp();
    const proxy = await startDroppingProxy(smtp);
    const { db, mail } = openMailDb(file);
    const [queued] = mail.queue('order_received', [ids[0]!], { resend: false, origin: 'manual' });
    const sender = loopbackSender(mail, () => proxy.port);
    await until(() => mail.outbox.get(queued!.mailId!)!.state === 'unknown', 'unknown outcome');
    const row = mail.outbox.get(queued!.mailId!)!;
    expect(row.last_error).toContain('届いたかどうか分かりません');
    expect(proxy.drops()).toBe(1);
    await smtp.waitFor(1); // the server did get it: that is why nobody may resend it blindly
    for (let i = 0; i < 5; i++) {
      sender.kick();
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(smtp.arrived).toHaveLength(1);
    expect(mail.outbox.get(queued!.mailId!)).toMatchObject({ state: 'unknown', attempts: 1 });
    expect(mail.queue('order_received', [ids[0]!], { resend: false, origin: 'manual' })[0]!.outcome).toBe('confirm');
    await sender.stop();
    await proxy.stop();
    await smtp.stop();
    db.close();
  });

  it('keeps mails queued while the server cannot be reached and sends each once when it is back', async () => {
    const file = join(dir, 'offline.sqlite');
    const ids = seedOrders(file, 2);
    const { db, mail } = openMailDb(file);
    let port = await closedPort();
    const sender = loopbackSender(mail, () => port);
    const results = mail.queue('order_received', ids, { resend: false, origin: 'manual' });
    sender.kick();
    await until(() => sender.waiting() !== null, 'waiting');
    expect(sender.waiting()).toContain('接続できません');
    await new Promise((r) => setTimeout(r, 300));
    // Still waiting, never given up: between two attempts both are queued (an attempt in flight shows its mail as
    // 'sending' for the moment it tries to connect — sampling once raced with that).
    expect(results.map((r) => mail.outbox.get(r.mailId!)!.state).every((state) => state === 'queued' || state === 'sending')).toBe(true);
    await until(() => results.every((r) => mail.outbox.get(r.mailId!)!.state === 'queued'), 'both back in the queue between attempts');
    const smtp = await startTestSmtp();
    port = smtp.port;
    sender.kick();
    await until(() => results.every((r) => mail.outbox.get(r.mailId!)!.state === 'sent'), 'sent after reconnect');
    expect(sender.waiting()).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.arrived).toHaveLength(2);
    await sender.stop();
    await smtp.stop();
    db.close();
  });

  it('sends consecutive mails over one connection, and a connection dropped while idle costs nothing', async () => {
    const file = join(dir, 'reuse.sqlite');
    const ids = seedOrders(file, 6);
    const smtp = await startTestSmtp();
    const proxy = await startDroppingProxy(smtp, { dropAfterData: false });
    const { db, mail } = openMailDb(file);
    const sender = loopbackSender(mail, () => proxy.port, { intervalMs: 150 });
    const first = mail.queue('order_received', ids.slice(0, 3), { resend: false, origin: 'manual' });
    sender.kick();
    await until(() => first.every((r) => mail.outbox.get(r.mailId!)!.state === 'sent'), 'first three sent');
    expect(smtp.connections()).toBe(1);
    // The server drops the connection while the sender paces: the next mail goes out on a new one, not "offline".
    proxy.cut();
    const second = mail.queue('order_received', ids.slice(3), { resend: false, origin: 'manual' });
    sender.kick();
    await until(() => second.every((r) => mail.outbox.get(r.mailId!)!.state === 'sent'), 'next three sent');
    expect(second.map((r) => mail.outbox.get(r.mailId!)!.attempts)).toEqual([1, 1, 1]);
    expect(sender.waiting()).toBeNull();
    expect(smtp.arrived).toHaveLength(6);
    await sender.stop();
    await proxy.stop();
    await smtp.stop();
    db.close();
  });

  it('never sends in plain text when encryption is required and the server offers none: the mails wait', async () => {
    const file = join(dir, 'tls.sqlite');
    const ids = seedOrders(file, 1);
    const smtp = await startTestSmtp(); // no STARTTLS, no TLS
    const { db, mail } = openMailDb(file);
    for (const security of ['starttls', 'tls'] as const) {
      const [queued] = mail.queue('order_received', ids, { resend: true, origin: 'manual' });
      const sender = loopbackSender(mail, () => smtp.port, { security });
      await until(() => sender.waiting() !== null, `waiting (${security})`);
      expect(sender.waiting()).toContain('暗号化');
      expect(mail.outbox.get(queued!.mailId!)!.state).toBe('queued');
      await sender.stop();
    }
    expect(smtp.arrived).toHaveLength(0);
    await smtp.stop();
    db.close();
  });

  it('keeps the configured interval between two mails', async () => {
    const file = join(dir, 'rate.sqlite');
    const ids = seedOrders(file, 3);
    const smtp = await startTestSmtp();
    const { db, mail } = openMailDb(file);
    const times: number[] = [];
    mail.queue('order_received', ids, { resend: false, origin: 'manual' });
    const sender = loopbackSender(mail, () => smtp.port, { intervalMs: 250, onChanged: () => times.push(Date.now()) });
    await smtp.waitFor(3);
    const arrivals = times.filter((_, i) => i % 2 === 1); // onChanged: claimed, recorded, claimed, recorded…
    expect(arrivals).toHaveLength(3);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(240);
    expect(arrivals[2]! - arrivals[1]!).toBeGreaterThanOrEqual(240);
    await sender.stop();
    await smtp.stop();
    db.close();
  });

  it('resumes queued mails after a restart; a mail left in sending becomes 送信結果不明', async () => {
    const file = join(dir, 'restart.sqlite');
    const ids = seedOrders(file, 3);
    const first = openMailDb(file);
    const results = first.mail.queue('order_received', ids, { resend: false, origin: 'manual' });
    first.mail.outbox.claim(results[2]!.mailId!, Date.now()); // as if the app died while this one was on the wire
    first.db.close();

    const smtp = await startTestSmtp();
    const again = openMailDb(file);
    expect(again.mail.outbox.get(results[2]!.mailId!)).toMatchObject({ state: 'unknown', last_error: INTERRUPTED_MESSAGE });
    const sender = loopbackSender(again.mail, () => smtp.port);
    await smtp.waitFor(2);
    await until(() => results.slice(0, 2).every((r) => again.mail.outbox.get(r.mailId!)!.state === 'sent'), 'resumed');
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.arrived).toHaveLength(2);
    await sender.stop();
    await smtp.stop();
    again.db.close();
  });
});
