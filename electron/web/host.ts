/**
 * The browser host: serves the built renderer and the contract as POST /api/<method> plus
 * server-sent events at GET /api/events, for development, tests and trying the app without Electron.
 * Loopback only: it binds 127.0.0.1, refuses any other Host header (DNS rebinding) and any API call
 * without this run's random token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalize, sep } from 'node:path';
import type { Dispatch } from '../../shared/api-result';
import { CSV_MAX_BASE64_CHARS } from '../../shared/csv';
import { confinedPath, mimeTypeOf, resolveRendererFile } from '../static/renderer-files';

export interface HostTarget {
  dispatch: Dispatch;
  subscribe(listener: (message: { name: string; payload: unknown }) => void): () => void;
}

export interface BrowserHostOptions {
  port?: number; // 0 = a free port
  host?: string; // must be 127.0.0.1
  staticDir: string; // the built renderer (out/renderer)
  target: HostTarget;
  token?: string;
  /** Files the core wrote for download (CSV exports), served at /download/<name>?token=… */
  downloadDir?: string;
  maxBodyBytes?: number;
}

export interface BrowserHost {
  url: string; // http://127.0.0.1:<p>/?token=<token>
  origin: string; // http://127.0.0.1:<p>
  port: number;
  token: string;
  stop(): Promise<void>;
}

export const TOKEN_HEADER = 'x-atobarai-token';
const LOOPBACK = '127.0.0.1';
/** A request body: the largest CSV file as base64 (shared/csv.ts) and room for the rest of the call. */
const MAX_BODY_BYTES = CSV_MAX_BASE64_CHARS + 1024 * 1024;

export function assertLoopbackHost(host: string): void {
  if (host !== LOOPBACK) {
    throw new Error(`The browser host binds ${LOOPBACK} only (refusing "${host}"): it serves an unauthenticated UI to this machine alone.`);
  }
}

function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const host = opts.host ?? LOOPBACK;
  assertLoopbackHost(host);
  const token = opts.token ?? randomBytes(24).toString('hex');
  const staticRoot = normalize(opts.staticDir);
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const sseClients = new Set<ServerResponse>();
  let expectedHost = '';
  let origin = '';

  const unsubscribe = opts.target.subscribe((message) => {
    const frame = `event: ${message.name}\ndata: ${JSON.stringify(message.payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      const status = (err as { status?: number }).status ?? 500;
      if (!res.headersSent) send(res, status, { ok: false, error: { code: 'internal', message: 'リクエストを処理できませんでした。' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== expectedHost) {
      send(res, 421, 'Misdirected request: wrong Host header');
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;

    if (path.startsWith('/api/')) {
      const given = req.headers[TOKEN_HEADER] ?? url.searchParams.get('token');
      if (!tokensEqual(Array.isArray(given) ? given[0] : given, token)) {
        send(res, 401, { ok: false, error: { code: 'forbidden', message: 'アクセスが許可されていません（トークンが不正です）。' } });
        return;
      }
      const requestOrigin = req.headers.origin;
      if (requestOrigin !== undefined && requestOrigin !== origin) {
        send(res, 403, { ok: false, error: { code: 'forbidden', message: 'アクセスが許可されていません（オリジンが不正です）。' } });
        return;
      }
      if (path === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (req.method !== 'POST') {
        send(res, 405, 'Method not allowed', { allow: 'POST' });
        return;
      }
      const method = decodeURIComponent(path.slice('/api/'.length));
      const raw = await readBody(req, maxBody);
      let input: unknown;
      try {
        input = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        send(res, 400, { ok: false, error: { code: 'validation', message: 'リクエストの形式が不正です（JSONではありません）。' } });
        return;
      }
      const result = await opts.target.dispatch(method, input);
      send(res, 200, result);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed');
      return;
    }

    if (path.startsWith('/download/') && opts.downloadDir) {
      if (!tokensEqual(url.searchParams.get('token'), token)) {
        send(res, 401, 'Forbidden');
        return;
      }
      const file = confinedPath(opts.downloadDir, path.slice('/download/'.length));
      if (!file || !existsSync(file) || !statSync(file).isFile()) {
        send(res, 404, 'Not found');
        return;
      }
      const name = file.slice(file.lastIndexOf(sep) + 1);
      res.writeHead(200, {
        'content-type': mimeTypeOf(file),
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
      return;
    }

    const found = await resolveRendererFile(staticRoot, path);
    if (found.status !== 200) {
      send(res, 404, 'Not found');
      return;
    }
    res.writeHead(200, found.headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(found.file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  expectedHost = `${LOOPBACK}:${port}`;
  origin = `http://${expectedHost}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async stop() {
      unsubscribe();
      for (const client of sseClients) client.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
