/**
 * The HTTP side of the sandbox: NP's /v1 API (auth, envelope, faults) and the /__sandbox admin prefix.
 * Plain node:http; no Electron.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { NP_ENDPOINTS, NP_MAX_BATCH } from '../../shared/np/api-types';
import { isIsoDate, toJstDate } from '../../shared/jst-date';
import { FaultInjector } from './faults';
import { finaliseReview, runBatch, type OpContext } from './operations';
import { mergeRules } from './rules';
import { SandboxStore, txnState } from './store';
import type { NpOp, SandboxMerchant, SandboxRules } from './types';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export const API_PREFIX = '/v1';
export const ADMIN_PREFIX = '/__sandbox';


export interface SandboxCoreOptions {
  merchants: SandboxMerchant[];
  rules: SandboxRules;
  clock: () => Date;
  dataFile?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: object,
  ) {
    super(`HTTP ${status}`);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, { message: 'request body too large' }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for('invalid-json');
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** "/transactions/update" etc. → the operation and the method NP uses for it. */
const ROUTES = new Map<string, { op: NpOp; method: string }>(
  (Object.entries(NP_ENDPOINTS) as [NpOp, { method: string; path: string }][]).map(([op, e]) => [e.path, { op, method: e.method }]),
);

export class SandboxServer {
  readonly store: SandboxStore;
  readonly faults = new FaultInjector();
  rules: SandboxRules;
  private readonly merchants: SandboxMerchant[];
  private readonly initialRules: SandboxRules;
  private readonly hanging = new Set<ServerResponse>();
  private stopped = false;
  /** Host headers this server answers to (set once listening): loopback names with its port. */
  private allowedHosts = new Set<string>();
  readonly http: Server;

  constructor(opts: SandboxCoreOptions) {
    this.merchants = opts.merchants;
    this.rules = opts.rules;
    this.initialRules = opts.rules;
    this.store = new SandboxStore(opts.clock, opts.dataFile);
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (err instanceof HttpError) send(res, err.status, err.body);
        else send(res, 500, { message: 'sandbox internal error' });
      });
    });
  }

  /** Called once listening on a loopback address: only its names with this port are answered as Host. */
  acceptHostsFor(port: number, bindHost: string): void {
    const names = bindHost === '::1' ? ['[::1]', 'localhost'] : ['127.0.0.1', 'localhost'];
    this.allowedHosts = new Set(names.map((name) => `${name}:${port}`));
  }

  /**
   * Like the browser host: a Host other than this loopback address (DNS rebinding) gets 421, and a request a
   * page on another site sent (an Origin other than our own) gets 403 — before any route, admin or API, runs.
   */
  private refuseForeign(req: IncomingMessage, res: ServerResponse): boolean {
    const host = req.headers.host ?? '';
    if (!this.allowedHosts.has(host.toLowerCase())) {
      send(res, 421, { message: 'misdirected request: the sandbox answers only to its loopback address' });
      return true;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      send(res, 403, { message: 'cross-origin requests are refused' });
      return true;
    }
    return false;
  }

  /** Stops answering: hanging requests and idle keep-alive sockets are closed at once. */
  async close(): Promise<void> {
    this.stopped = true;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.refuseForeign(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    // Like any server, its Date header is its own clock (moved by POST /__sandbox/clock): clients learn skew from it.
    res.setHeader('Date', new Date(this.store.now()).toUTCString());
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) return this.handleNp(req, res, path.slice(API_PREFIX.length));
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      return this.handleAdmin(req, res, path.slice(ADMIN_PREFIX.length), url.searchParams);
    }
    send(res, 404, { message: 'not found (the NP API is under /v1, the sandbox admin under /__sandbox)' });
  }

  // ---------------------------------------------------------------- NP API

  private authenticate(req: IncomingMessage): SandboxMerchant {
    const header = req.headers.authorization ?? '';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (!m?.[1]) throw new HttpError(401, { message: 'Unauthorized' });
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const code = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const sp = colon >= 0 ? decoded.slice(colon + 1) : '';
    const merchant = this.merchants.find((x) => x.merchantCode === code);
    if (!merchant || !sameSecret(sp, merchant.spCode)) throw new HttpError(401, { message: 'Unauthorized' });
    const terminal = req.headers['x-np-terminal-id'];
    if (typeof terminal !== 'string' || terminal !== merchant.terminalId) throw new HttpError(403, { message: 'Forbidden' });
    return merchant;
  }

  private async handleNp(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const route = ROUTES.get(path);
    if (!route) throw new HttpError(404, { message: 'not found' });
    const override = String(req.headers['x-http-method-override'] ?? '').toUpperCase();
    const method = req.method === 'POST' && override === 'PATCH' ? 'PATCH' : req.method;
    if (method !== route.method) throw new HttpError(405, { message: `use ${route.method}` });
    const text = await readBody(req);

    if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs);
    if (this.stopped) return;
    const fault = this.faults.next(route.op);
    if (fault === '500' || fault === '503') {
      send(res, Number(fault), { message: fault === '503' ? 'Service Unavailable' : 'Internal Server Error' });
      return;
    }
    if (fault === 'timeout') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }

    const merchant = this.authenticate(req);
    const body = parseJson(text);
    const items = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { transactions?: unknown }).transactions : undefined;
    let status: number;
    let answer: object;
    if (!Array.isArray(items) || items.length === 0) {
      status = 400;
      answer = { errors: [{ codes: ['EPRO0101'] }] };
    } else if (items.length > NP_MAX_BATCH) {
      status = 400;
      answer = { errors: [{ codes: ['EPRO0102'] }] };
    } else {
      const ctx: OpContext = { store: this.store, rules: this.rules, merchant, now: this.store.now() };
      const out = runBatch(route.op, items, ctx);
      this.store.save();
      const ok = out.results.length > 0;
      status = ok ? (route.op === 'register' ? 201 : 200) : 400;
      answer = {
        ...(ok ? { results: out.results } : {}),
        ...(out.errors.length > 0 ? { errors: out.errors } : {}),
      };
    }
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    send(res, status, answer);
  }

  // ---------------------------------------------------------------- admin

  private async handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const method = req.method ?? 'GET';
    const body = method === 'POST' ? parseJson(await readBody(req)) : undefined;
    if (typeof body === 'symbol') throw new HttpError(400, { message: 'invalid JSON' });
    const now = this.store.now();
    const refreshAll = () => {
      for (const t of this.store.all()) this.store.refresh(t, this.rules, now, finaliseReview);
    };

    if (method === 'GET' && path === '/transactions') {
      refreshAll();
      this.store.save();
      const shopId = query.get('shop_transaction_id');
      const list = this.store
        .all()
        .filter((t) => shopId === null || t.shop_transaction_id === shopId)
        .sort((a, b) => a.created_at - b.created_at || a.np_transaction_id.localeCompare(b.np_transaction_id))
        .map((t) => this.store.view(t));
      return send(res, 200, list);
    }

    const txnRoute = /^\/transactions\/([^/]+)(?:\/(pay|expire|decide))?$/.exec(path);
    if (txnRoute) {
      const id = decodeURIComponent(txnRoute[1] ?? '');
      const action = txnRoute[2];
      const t = this.store.get(id);
      if (!t) throw new HttpError(404, { message: `no transaction ${id}` });
      this.store.refresh(t, this.rules, now, finaliseReview);
      if (method === 'GET' && !action) return send(res, 200, { ...t, state: txnState(t) });
      if (method !== 'POST' || !action) throw new HttpError(405, { message: 'use POST' });
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (action === 'pay') {
        if (!t.shipment || t.cancelled_at !== undefined) throw new HttpError(409, { message: 'only a shipped, not cancelled transaction can be paid' });
        if (t.paid_at !== undefined) throw new HttpError(409, { message: 'already paid' });
        if (b.date !== undefined && !isIsoDate(b.date)) throw new HttpError(400, { message: 'date must be YYYY-MM-DD' });
        this.store.markPaid(t, now, typeof b.date === 'string' ? b.date : toJstDate(now));
      } else if (action === 'expire') {
        if (t.shipment || t.cancelled_at !== undefined) throw new HttpError(409, { message: 'only an unshipped, active transaction can expire' });
        t.cancelled_at = now;
        t.cancelled_by = 'np';
      } else {
        if (t.authori_result !== '40' || !t.review) throw new HttpError(409, { message: 'the transaction is not under review (40)' });
        finaliseReview(t, now);
      }
      this.store.save();
      return send(res, 200, this.store.view(t));
    }

    if (method === 'GET' && path === '/clock') return send(res, 200, this.clockView());
    if (method === 'POST' && path === '/clock') {
      const b = (body ?? {}) as Record<string, unknown>;
      if (typeof b.advanceMs === 'number' && Number.isFinite(b.advanceMs) && b.advanceMs >= 0) {
        this.store.clockOffsetMs += b.advanceMs;
      } else if (typeof b.set === 'string' && !Number.isNaN(Date.parse(b.set))) {
        this.store.clockOffsetMs += Date.parse(b.set) - now;
      } else {
        throw new HttpError(400, { message: 'send {"advanceMs": <non-negative ms>} or {"set": "<ISO date-time>"}' });
      }
      this.store.save();
      return send(res, 200, this.clockView());
    }

    if (method === 'POST' && path === '/reset') {
      this.store.reset();
      this.faults.reset();
      this.rules = this.initialRules;
      return send(res, 200, { ok: true });
    }

    if (path === '/faults') {
      if (method === 'POST') {
        const err = this.faults.configure(body ?? {});
        if (err) throw new HttpError(400, { message: err });
      }
      return send(res, 200, this.faults.config);
    }

    if (path === '/rules') {
      if (method === 'POST') {
        const next = mergeRules(this.rules, body ?? {});
        if (typeof next === 'string') throw new HttpError(400, { message: next });
        this.rules = next;
      }
      return send(res, 200, this.rules);
    }

    if (method === 'GET' && (path === '' || path === '/health')) {
      return send(res, 200, { ok: true, now: this.clockView().now, transactions: this.store.all().length });
    }
    throw new HttpError(404, { message: 'unknown admin route' });
  }

  private clockView(): { now: string; nowJst: string; offsetMs: number } {
    const now = this.store.now();
    return { now: new Date(now).toISOString(), nowJst: toJstDate(now), offsetMs: this.store.clockOffsetMs };
  }
}
