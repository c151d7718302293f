/**
 * The mail feature behind the contract: a mail service per open database, the one sender loop, where mail
 * goes (demo inbox, a --smtp-host override, or the shop's SMTP server) and the automation after each sync.
 *
 * Demo mode never sends to a real mail server: demo orders carry made-up addresses, so their mail goes to the
 * in-process loopback server and staff read it in the デモ受信箱.
 */
import type { Database } from 'better-sqlite3';
import type { MailDelivery, MailSettingsView } from '../../../shared/mail/types';
import type { CoreContext } from '../app/context';
import { runMailAutomation } from './automation';
import { startLoopbackSmtp, type LoopbackSmtp } from './demo-smtp';
import { startMailSender, type MailSender, type TargetAnswer } from './sender';
import { createMailService, type MailService } from './service';
import type { SmtpTimeouts } from './smtp-send';

export interface MailOptions {
  /** Send every mail to this server without login (npm run web --smtp-host/--smtp-port, tests, benchmarks). */
  smtpOverride?: { host: string; port: number };
  offlineRetryMs?: number;
  retryDelaysMs?: readonly number[];
  timeouts?: SmtpTimeouts;
}

export interface MailModule {
  /** The current database's mail service. */
  service(): MailService;
  sender: MailSender;
  delivery(): MailDelivery;
  view(): Promise<MailSettingsView>;
  /** Demo mode's server (started on first use), or null outside demo mode. */
  demoServer(): Promise<LoopbackSmtp | null>;
  stop(): Promise<void>;
}

const DEMO_FROM = 'shop@example.jp';

export function createMailModule(ctx: CoreContext, opts: MailOptions = {}): MailModule {
  const services = new WeakMap<Database, MailService>();
  let demo: Promise<LoopbackSmtp> | null = null;

  function service(): MailService {
    const s = ctx.session();
    let m = services.get(s.db);
    if (!m) {
      m = createMailService({ db: s.db, orders: s.orders, appSettings: s.settings, clock: ctx.clock });
      services.set(s.db, m);
    }
    return m;
  }
  const currentService = (): MailService | null => (ctx.session().db.open ? service() : null);
  const isDemo = () => ctx.session().settings.get().environment === 'sandbox';

  function delivery(): MailDelivery {
    if (opts.smtpOverride) return { kind: 'override', label: `指定のSMTPサーバー（${opts.smtpOverride.host}:${opts.smtpOverride.port}、起動オプション）` };
    if (isDemo()) return { kind: 'demo', label: 'デモ受信箱（アプリ内のメールサーバー。実際には送信されません）' };
    const s = service().config.settings();
    return s.host ? { kind: 'smtp', label: `${s.host}:${s.port}` } : { kind: 'unconfigured', label: 'SMTPサーバーが未設定です' };
  }

  async function demoServer(): Promise<LoopbackSmtp | null> {
    if (!isDemo()) return null;
    demo ??= startLoopbackSmtp();
    return demo;
  }

  async function resolve(): Promise<TargetAnswer> {
    const s = service().config.settings();
    const common = { fromName: s.fromName, bcc: s.bcc, encoding: s.encoding, intervalMs: s.sendIntervalMs };
    const loopback = (host: string, port: number): TargetAnswer => ({
      ok: true,
      target: { ...common, fromAddress: s.fromAddress || DEMO_FROM, smtp: { host, port, security: 'none', user: '', password: null } },
    });
    if (opts.smtpOverride) return loopback(opts.smtpOverride.host, opts.smtpOverride.port);
    const server = await demoServer();
    if (server) return loopback(server.host, server.port);
    if (!s.host) return { ok: false, reason: 'SMTPサーバーが設定されていません。設定 → メールで送信サーバーを登録してください。' };
    if (!s.fromAddress) return { ok: false, reason: '差出人メールアドレスが設定されていません。設定 → メールで登録してください。' };
    const password = s.user ? await ctx.secrets.loadSecret('smtpPassword') : null;
    return { ok: true, target: { ...common, fromAddress: s.fromAddress, smtp: { host: s.host, port: s.port, security: s.security, user: s.user, password } } };
  }

  const sender = startMailSender({
    service: currentService,
    resolve,
    clock: ctx.clock,
    log: ctx.log,
    offlineRetryMs: opts.offlineRetryMs,
    retryDelaysMs: opts.retryDelaysMs,
    timeouts: opts.timeouts,
    onChanged: (orderIds) => ctx.bus.emit('mailChanged', { orderIds }),
  });

  const unsubscribe = ctx.bus.subscribe((message) => {
    if (message.name !== 'syncFinished') return;
    const m = currentService();
    if (!m) return;
    const results = runMailAutomation(ctx.session().db, m);
    for (const r of results.filter((x) => x.outcome === 'refused')) ctx.log.warn(`mail automation: not queued for ${r.orderNo}: ${r.message}`);
    const queued = results.filter((r) => r.outcome === 'queued');
    if (queued.length) {
      ctx.log.info(`mail automation: ${queued.length} mails queued`);
      ctx.bus.emit('mailChanged', { orderIds: queued.map((r) => r.orderId) });
      sender.kick();
    }
  });

  return {
    service,
    sender,
    delivery,
    demoServer,
    async view() {
      const m = service();
      return {
        settings: m.config.settings(),
        passwordSet: (await ctx.secrets.loadSecret('smtpPassword').catch(() => null)) !== null,
        delivery: delivery(),
        storageUnavailable: await ctx.secrets.unavailableReason(),
        queued: m.outbox.queuedCount(),
        waiting: sender.waiting(),
      };
    },
    async stop() {
      unsubscribe();
      await sender.stop();
      if (demo) await (await demo).stop();
      demo = null;
    },
  };
}
