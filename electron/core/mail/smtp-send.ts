/**
 * One mail over SMTP (nodemailer's SMTPConnection), every outcome classified — like np/client.ts for NP:
 *
 *   sent     the server answered 2xx to the message
 *   refused  the server refused this mail with 5xx (its answer is kept): sending it again would fail again
 *   retry    the server answered 4xx (try later)
 *   offline  the server could not be reached or the session failed before the message was handed over:
 *            nothing was delivered, the mail waits
 *   config   the server refused the shop's login or sender address: every mail would fail, they all wait
 *   unknown  the connection was lost after the whole message was handed over and before the server answered:
 *            it may have been delivered (送信結果不明). Never resent automatically.
 *
 * The message goes in as a stream that SMTPConnection pipes only after the server accepted DATA (354); when the
 * stream has ended, the message and its final dot have been handed to the socket.
 */
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export interface SmtpTarget {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  user: string;
  password: string | null;
}

export type SmtpOutcome =
  | { kind: 'sent'; response: string; rejected: string[] }
  | { kind: 'refused' | 'retry' | 'offline' | 'config' | 'unknown'; message: string };

export interface SmtpTimeouts {
  connectMs?: number;
  socketMs?: number;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  rejected?: string[];
}

const answer = (e: SmtpError): string => (e.response ?? e.message).trim();

function classify(e: SmtpError, handedOver: boolean, server: string): SmtpOutcome {
  const code = e.responseCode ?? 0;
  // Encryption could not be set up (before any message went out): every mail would fail the same way.
  if (!handedOver && (e.code === 'ETLS' || e.command === 'STARTTLS' || (!code && /ssl|tls|certificate|wrong version number/iu.test(e.message)))) {
    return {
      kind: 'config',
      message: `SMTPサーバー（${server}）と暗号化した接続を確立できません（${e.message}）。暗号化（STARTTLS / SSL/TLS）とポート番号の設定を確認してください。`,
    };
  }
  if (code >= 400) {
    const temporary = code < 500;
    if (e.code === 'EAUTH') return { kind: 'config', message: `SMTPサーバーがログインを拒否しました（${answer(e)}）。ユーザー名とパスワードを確認してください。` };
    if (e.command === 'MAIL FROM') {
      return temporary
        ? { kind: 'retry', message: `SMTPサーバーが一時的に受け付けませんでした（${answer(e)}）。` }
        : { kind: 'config', message: `SMTPサーバーが差出人アドレスを拒否しました（${answer(e)}）。差出人メールアドレスを確認してください。` };
    }
    if (e.command === 'CONN' || e.command === 'EHLO' || e.command === 'HELO') {
      return { kind: 'offline', message: `SMTPサーバーが接続を受け付けませんでした（${answer(e)}）。` };
    }
    return temporary
      ? { kind: 'retry', message: `SMTPサーバーが一時的に受け付けませんでした（${answer(e)}）。` }
      : { kind: 'refused', message: `SMTPサーバーが受け付けませんでした（${answer(e)}）。` };
  }
  if (e.code === 'EENVELOPE') return { kind: 'refused', message: `宛先を受け付けられませんでした（${e.message}）。` };
  if (e.code === 'EAUTH') return { kind: 'config', message: `SMTPサーバーにログインできません（${e.message}）。ユーザー名とパスワードを確認してください。` };
  if (handedOver) {
    return {
      kind: 'unknown',
      message: `メール本文の送信後、SMTPサーバーの応答を待つ間に接続が切れました（${e.message}）。届いたかどうか分かりません。`,
    };
  }
  return { kind: 'offline', message: `SMTPサーバー（${server}）に接続できません（${e.message}）。` };
}

/** One open SMTP session: the connection, and a promise that rejects with the first error it emits. */
interface Session {
  conn: SMTPConnection;
  step<T>(run: (cb: (err: SmtpError | null, value?: T) => void) => void): Promise<T>;
}

async function openSession(target: SmtpTarget, timeouts: SmtpTimeouts): Promise<Session> {
  const conn = new SMTPConnection({
    host: target.host,
    port: target.port,
    secure: target.security === 'tls',
    requireTLS: target.security === 'starttls',
    ignoreTLS: target.security === 'none',
    name: 'atobarai-desk.localhost',
    connectionTimeout: timeouts.connectMs ?? 15_000,
    greetingTimeout: timeouts.connectMs ?? 15_000,
    socketTimeout: timeouts.socketMs ?? 60_000,
  });
  const failed = new Promise<never>((_resolve, reject) => conn.on('error', (e: SmtpError) => reject(e)));
  failed.catch(() => undefined);
  const step = <T>(run: (cb: (err: SmtpError | null, value?: T) => void) => void): Promise<T> =>
    Promise.race([new Promise<T>((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value as T)))), failed]);
  try {
    await step<void>((cb) => conn.connect(() => cb(null)));
    if (target.user) await step<void>((cb) => conn.login({ user: target.user, pass: target.password ?? '' }, (err) => cb(err as SmtpError | null)));
  } catch (e) {
    conn.close();
    throw e;
  }
  return { conn, step };
}

/**
 * A connection kept open for consecutive mails (the sender's bulk sends): one greeting and login for many
 * messages. Any failure closes it. A reused connection the server dropped while idle fails before the
 * message is handed over; that mail is then tried once more on a new connection (nothing can have arrived).
 */
export interface SmtpLink {
  send(envelope: { from: string; to: string[] }, message: Buffer): Promise<SmtpOutcome>;
  close(): void;
}

const MESSAGES_PER_CONNECTION = 100;

export function openSmtpLink(target: SmtpTarget, timeouts: SmtpTimeouts = {}): SmtpLink {
  let session: Session | null = null;
  let sent = 0;
  const server = `${target.host}:${target.port}`;
  /** Says goodbye (QUIT) on a healthy connection; a failed one is just closed. */
  const close = (healthy = true) => {
    if (!session) return;
    if (healthy) {
      try {
        session.conn.quit();
      } catch {
        // closing anyway
      }
    }
    session.conn.close();
    session = null;
    sent = 0;
  };
  async function attempt(envelope: { from: string; to: string[] }, message: Buffer): Promise<SmtpOutcome & { reused: boolean }> {
    const reused = session !== null;
    let handedOver = false;
    try {
      session ??= await openSession(target, timeouts);
      const { step, conn } = session;
      const stream = Readable.from([message]);
      stream.once('end', () => (handedOver = true));
      const info = await step<SMTPConnection.SentMessageInfo>((cb) => conn.send(envelope, stream, (err, i) => cb(err as SmtpError | null, i)));
      if (++sent >= MESSAGES_PER_CONNECTION) close();
      return { kind: 'sent', response: String(info.response ?? '').trim(), rejected: (info.rejected ?? []).map(String), reused };
    } catch (e) {
      close(false);
      return { ...classify(e as SmtpError, handedOver, server), reused };
    }
  }
  return {
    async send(envelope, message) {
      const first = await attempt(envelope, message);
      const { reused: _reused, ...outcome } = first.reused && first.kind === 'offline' ? await attempt(envelope, message) : first;
      return outcome;
    },
    close: () => close(),
  };
}

/** One mail on a connection of its own. */
export async function sendOverSmtp(
  target: SmtpTarget,
  envelope: { from: string; to: string[] },
  message: Buffer,
  timeouts: SmtpTimeouts = {},
): Promise<SmtpOutcome> {
  const link = openSmtpLink(target, timeouts);
  try {
    return await link.send(envelope, message);
  } finally {
    link.close();
  }
}
