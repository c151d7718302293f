/**
 * Demo mode's mail server: a real SMTP server (smtp-server) on a free loopback port, in process. What arrives is
 * parsed (mailparser) and kept for the デモ受信箱, so the whole mail flow shows without a mail account.
 * Also the server the tests and the benchmark send to.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { DemoInboxMessage } from '../../../shared/mail/types';

export interface ReceivedMail extends DemoInboxMessage {
  raw: Buffer;
  envelopeTo: string[];
}

export interface LoopbackSmtp {
  host: string;
  port: number;
  received(): ReceivedMail[];
  stop(): Promise<void>;
}

const addressText = (a: AddressObject | AddressObject[] | undefined): string =>
  (Array.isArray(a) ? a : a ? [a] : []).map((x) => x.text).join(', ');

export interface LoopbackSmtpOptions {
  /** Keep at most this many messages (oldest dropped). */
  keep?: number;
  /** Called with each raw message before the server answers; throwing an Error with responseCode answers that code. */
  onMessage?: (raw: Buffer) => void;
  server?: Partial<SMTPServerOptions>;
}

export async function startLoopbackSmtp(opts: LoopbackSmtpOptions = {}): Promise<LoopbackSmtp> {
  const keep = opts.keep ?? 1000;
  const inbox: ReceivedMail[] = [];
  let nextId = 1;
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    banner: 'Atobarai Desk demo mail server',
    logger: false,
    ...opts.server,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        try {
          opts.onMessage?.(raw);
        } catch (e) {
          callback(e as Error);
          return;
        }
        simpleParser(raw)
          .then((parsed) => {
            const headerEnd = raw.indexOf('\r\n\r\n');
            inbox.push({
              id: nextId++,
              receivedAt: Date.now(),
              from: addressText(parsed.from),
              to: addressText(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              headers: raw.subarray(0, headerEnd < 0 ? raw.length : headerEnd).toString('latin1'),
              raw,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            });
            if (inbox.length > keep) inbox.splice(0, inbox.length - keep);
            callback();
          })
          .catch((e: unknown) => callback(e as Error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined); // a client's broken connection must not crash the app
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    received: () => inbox.slice(),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
