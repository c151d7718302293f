/**
 * The mail sender: one loop that takes the oldest due mail of the outbox, marks it sending, sends it over SMTP
 * and records the classified outcome (smtp-send.ts), then waits the configured interval (providers limit how
 * fast a shop may send). Offline or with the SMTP login refused, the mail goes back to the queue and the loop
 * waits; nothing is lost. A mail whose outcome is unknown stays 送信結果不明 until staff decide.
 */
import type { MailEncoding } from '../../../shared/mail/types';
import type { Logger } from '../app/logger';
import type { Clock } from '../np/store';
import { composeMail } from './compose';
import type { MailRow } from './outbox-store';
import type { MailService } from './service';
import { openSmtpLink, type SmtpLink, type SmtpOutcome, type SmtpTarget, type SmtpTimeouts } from './smtp-send';
import { messageOf } from '../../../shared/error-message';

export interface ResolvedTarget {
  smtp: SmtpTarget;
  fromName: string;
  fromAddress: string;
  bcc: string;
  encoding: MailEncoding;
  intervalMs: number;
}

export type TargetAnswer = { ok: true; target: ResolvedTarget } | { ok: false; reason: string };

export interface MailSenderDeps {
  /** The current session's mail service; null while none is open. */
  service(): MailService | null;
  resolve(): Promise<TargetAnswer>;
  clock: Clock;
  log: Logger;
  onChanged(orderIds: number[]): void;
  /** Wait before trying again when the server cannot be reached (default 30 s). */
  offlineRetryMs?: number;
  /** Waits after a 4xx answer; the mail fails after the last one. */
  retryDelaysMs?: readonly number[];
  timeouts?: SmtpTimeouts;
}

export interface MailSender {
  /** New mail queued or settings changed: look now. */
  kick(): void;
  /** Why mails wait (offline, not configured), or null. */
  waiting(): string | null;
  stop(): Promise<void>;
}

const IDLE_MS = 60_000;

export function startMailSender(deps: MailSenderDeps): MailSender {
  const offlineRetryMs = deps.offlineRetryMs ?? 30_000;
  const retryDelays = deps.retryDelaysMs ?? [60_000, 5 * 60_000, 15 * 60_000];
  let stopped = false;
  let waiting: string | null = null;
  let wake: (() => void) | null = null;
  /** The open connection while mails keep coming, for the target it was opened for. */
  let link: { key: string; smtp: SmtpLink } | null = null;
  const closeLink = () => {
    link?.smtp.close();
    link = null;
  };
  function linkFor(target: SmtpTarget): SmtpLink {
    const key = JSON.stringify(target);
    if (link?.key !== key) {
      closeLink();
      link = { key, smtp: openSmtpLink(target, deps.timeouts) };
    }
    return link.smtp;
  }

  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      wake = done;
    });
  /** The send interval: only stop() cuts it short (new mail must not speed the pace up). */
  let pacing = false;
  const pace = async (ms: number) => {
    pacing = true;
    await nap(ms);
    pacing = false;
  };

  async function sendOne(row: MailRow, target: ResolvedTarget): Promise<SmtpOutcome> {
    const message = await composeMail({
      fromName: target.fromName,
      fromAddress: target.fromAddress,
      to: row.to_address,
      subject: row.subject,
      body: row.body,
      messageId: row.message_id,
      date: new Date(deps.clock.now()),
      encoding: target.encoding,
    });
    const to = [row.to_address, ...(target.bcc && row.origin !== 'test' ? [target.bcc] : [])];
    return linkFor(target.smtp).send({ from: target.fromAddress, to }, message);
  }

  function record(service: MailService, row: MailRow, outcome: SmtpOutcome): void {
    const now = deps.clock.now();
    const { outbox } = service;
    switch (outcome.kind) {
      case 'sent': {
        const note = outcome.rejected.length ? `一部の宛先（${outcome.rejected.join('、')}）は受け付けられませんでした。` : null;
        outbox.finish(row.id, 'sent', note, now);
        break;
      }
      case 'refused':
        outbox.finish(row.id, 'failed', outcome.message, now);
        break;
      case 'unknown':
        outbox.finish(row.id, 'unknown', outcome.message, now);
        break;
      case 'retry': {
        const delay = retryDelays[row.attempts - 1]; // attempts counts this one
        if (delay === undefined) outbox.finish(row.id, 'failed', `${outcome.message}（${row.attempts}回試して送れませんでした）`, now);
        else outbox.finish(row.id, 'queued', outcome.message, now, now + delay);
        break;
      }
      case 'offline':
      case 'config':
        outbox.finish(row.id, 'queued', outcome.message, now, now);
        break;
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      const service = deps.service();
      const now = deps.clock.now();
      const row = service?.outbox.nextDue(now);
      if (!service || !row) {
        closeLink(); // idle: no connection held open
        const next = service?.outbox.nextDueAt();
        await nap(next ? Math.min(IDLE_MS, next - now) : IDLE_MS);
        continue;
      }
      let answer: TargetAnswer;
      try {
        answer = await deps.resolve();
      } catch (e) {
        // e.g. the stored SMTP password cannot be decrypted (another OS user, a reset keychain)
        answer = { ok: false, reason: messageOf(e) };
      }
      if (stopped) break;
      if (!answer.ok) {
        closeLink();
        waiting = answer.reason;
        await nap(offlineRetryMs);
        continue;
      }
      if (!service.outbox.claim(row.id, deps.clock.now())) continue;
      deps.onChanged(row.order_id ? [row.order_id] : []);
      let outcome: SmtpOutcome;
      try {
        outcome = await sendOne(row, answer.target);
      } catch (e) {
        deps.log.error('mail: composing or sending failed', e);
        outcome = { kind: 'unknown', message: `送信処理中にエラーが発生しました（${messageOf(e)}）。届いたかどうか分かりません。` };
      }
      try {
        record(service, { ...row, attempts: row.attempts + 1 }, outcome);
      } catch (e) {
        // The session closed meanwhile (demo reset, quit): the row stays 'sending' and becomes 送信結果不明 on open.
        deps.log.warn('mail: outcome not recorded', e);
      }
      deps.onChanged(row.order_id ? [row.order_id] : []);
      if (outcome.kind === 'offline' || outcome.kind === 'config') {
        waiting = outcome.message;
        deps.log.warn(`mail: waiting (${outcome.kind}): ${outcome.message}`);
        await nap(offlineRetryMs);
        continue;
      }
      waiting = null;
      if (answer.target.intervalMs > 0) await pace(answer.target.intervalMs);
    }
  }

  const running = loop()
    .catch((e: unknown) => deps.log.error('mail sender stopped', e))
    .finally(closeLink);
  return {
    kick: () => {
      if (!pacing) wake?.();
    },
    waiting: () => waiting,
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
