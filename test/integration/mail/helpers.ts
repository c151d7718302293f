/** Mail test helpers: a real SMTP server (smtp-server + mailparser) on loopback, and a proxy that cuts the line. */
import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiResult } from '../../../shared/api-result';
import type { Core } from '../../../electron/core/app/core';

/** Exports of a test core go to a temp folder. */
export const ports = { exportTarget: async (name: string) => ({ path: join(mkdtempSync(join(tmpdir(), 'exp-')), name), download: name }) };

/** A contract call through the core's dispatch table; throws on an error result. */
export async function call<T>(core: Core, method: string, input?: unknown): Promise<T> {
  const result = (await core.dispatch(method, input)) as ApiResult<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export interface Arrived {
  raw: Buffer;
  parsed: ParsedMail;
  rcptTo: string[];
  /** The raw header block (before the blank line). */
  headers: string;
}

export interface TestSmtp {
  host: string;
  port: number;
  arrived: Arrived[];
  /** SMTP connections opened so far. */
  connections(): number;
  /** Wait until at least n messages arrived (or throw after timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<Arrived[]>;
  stop(): Promise<void>;
}

export async function startTestSmtp(opts: { rejectRcpt?: (address: string) => string | null } = {}): Promise<TestSmtp> {
  const arrived: Arrived[] = [];
  let connections = 0;
  const server = new SMTPServer({
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const why = opts.rejectRcpt?.(address.address);
      if (why) {
        const err = new Error(why) as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          arrived.push({ raw, parsed, rcptTo: session.envelope.rcptTo.map((r) => r.address), headers: raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1') });
          callback();
        }, callback);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    arrived,
    connections: () => connections,
    async waitFor(n, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (arrived.length < n) {
        if (Date.now() > end) throw new Error(`expected ${n} mails, ${arrived.length} arrived`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return arrived;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A TCP proxy in front of an SMTP server that drops the client's connection right after forwarding the end of a
 * message (the "\r\n.\r\n" after DATA): the server receives and accepts the mail, the client never hears it.
 */
export async function startDroppingProxy(
  target: { host: string; port: number },
  opts: { dropAfterData?: boolean } = {},
): Promise<{ port: number; drops: () => number; cut(): void; stop(): Promise<void> }> {
  let drops = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let inData = false;
    let tail = '';
    upstream.on('data', (c: Buffer) => {
      if (/^354/mu.test(c.toString('latin1'))) inData = true;
      if (!client.destroyed) client.write(c);
    });
    client.on('data', (c: Buffer) => {
      upstream.write(c);
      if (!inData || opts.dropAfterData === false) return;
      tail = (tail + c.toString('latin1')).slice(-5);
      if (tail === '\r\n.\r\n') {
        drops++;
        client.destroy();
      }
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    client.on('close', () => setTimeout(() => upstream.end(), 200));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    drops: () => drops,
    /** Drops every open connection (as a server does with idle clients); new ones are accepted. */
    cut: () => {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
