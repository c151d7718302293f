/**
 * The NP後払い API client: one method per endpoint (np-api.md §4), Basic auth + X-NP-Terminal-Id, a timeout,
 * and every answer validated with zod into a typed batch answer (results + errors, both may be present) or a
 * typed NpClientError. Nothing here throws anything else, and no error, message or log ever carries the
 * credentials (the Authorization header is built here and never leaves this module).
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod';
import {
  NP_ENDPOINTS,
  type NpAuthoriResult,
  type NpCredentials,
  type NpEndpoint,
  type NpIdItem,
  type NpIdResult,
  type NpItemError,
  type NpPaymentResult,
  type NpRegisterItem,
  type NpReregisterItem,
  type NpReregisterResult,
  type NpShipmentItem,
  type NpUpdateItem,
} from '../../../shared/np/api-types';
import { NpClientError } from './client-error';

export { NpClientError, type NpFailureKind } from './client-error';

/** What NP answered to one batch: the accepted items and the refused ones (with their codes). */
export interface NpBatchAnswer<R> {
  httpStatus: number;
  results: R[];
  errors: NpItemError[];
}

export interface NpClientOptions {
  baseUrl: string;
  credentials: NpCredentials;
  /** NP recommends about 30 s (np-api.md §2). */
  timeoutMs?: number;
}

export interface NpClient {
  readonly baseUrl: string;
  register(items: NpRegisterItem[]): Promise<NpBatchAnswer<NpAuthoriResult>>;
  update(items: NpUpdateItem[]): Promise<NpBatchAnswer<NpAuthoriResult>>;
  cancel(items: NpIdItem[]): Promise<NpBatchAnswer<NpIdResult>>;
  shipments(items: NpShipmentItem[]): Promise<NpBatchAnswer<NpIdResult>>;
  authorizationsFind(items: NpIdItem[]): Promise<NpBatchAnswer<NpAuthoriResult>>;
  paymentsFind(items: NpIdItem[]): Promise<NpBatchAnswer<NpPaymentResult>>;
  reregister(items: NpReregisterItem[]): Promise<NpBatchAnswer<NpReregisterResult>>;
  /**
   * Checks the credentials the way integrators do (np-api.md §2): an empty /authorizations/find is answered
   * 400 with valid credentials, 401/403 with bad ones. Resolves `{ ok: false, error }` instead of throwing.
   */
  verifyCredentials(): Promise<{ ok: true } | { ok: false; error: NpClientError }>;
  /**
   * NP's clock now, as the Date header of the latest answer said (1 s resolution) plus the time since, or null
   * before any answer. Dates NP checks against its own day (請求書発行日) are taken from it (server-clock.ts).
   */
  serverNow(): number | null;
  close(): void;
}

const authoriResult = z.enum(['00', '10', '20', '40', '50']);
/** NP's transaction id: 11 half-width alphanumerics (E0100002 / E0100003); anything else is a bad answer. */
const npId = z.string().regex(/^[A-Za-z0-9]{11}$/u, { error: 'not an NP transaction id (11 alphanumerics)' });

const itemErrorSchema = z.object({
  codes: z.array(z.string()).min(1),
  id: z.string().optional(),
});

const authoriResultSchema = z.object({
  np_transaction_id: npId,
  shop_transaction_id: z.string().optional(),
  authori_result: authoriResult,
  authori_required_date: z.string().optional(),
  authori_ng: z.string().optional(),
  authori_hold: z.array(z.string()).optional(),
});
const idResultSchema = z.object({ np_transaction_id: npId });
const paymentResultSchema = z.object({
  np_transaction_id: npId,
  payment_status: z.enum(['10', '20', '30']),
  customer_payment_date: z.string().optional(),
});
const reregisterResultSchema = z.object({
  base_np_transaction_id: npId,
  np_transaction_id: npId,
  shop_transaction_id: z.string().optional(),
  authori_result: authoriResult.optional(),
  authori_required_date: z.string().optional(),
});

function envelope<R extends z.ZodType>(result: R) {
  return z.object({ results: z.array(result).optional(), errors: z.array(itemErrorSchema).optional() });
}

/** Network error codes that mean the request never left this machine: NP certainly did not process it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

function describe(endpoint: NpEndpoint): string {
  return `${NP_ENDPOINTS[endpoint].method} ${NP_ENDPOINTS[endpoint].path}`;
}

/** Turns whatever axios threw into an NpClientError (never keeps the axios error: its config holds the auth header). */
function fromTransportError(endpoint: NpEndpoint, err: unknown, timeoutMs: number): NpClientError {
  const code = axios.isAxiosError(err) ? (err.code ?? '') : '';
  const causeCode = (err as { cause?: { code?: string } } | null)?.cause?.code ?? '';
  if (TIMEOUT_CODES.has(code) || TIMEOUT_CODES.has(causeCode)) {
    return new NpClientError('timeout', endpoint, `${describe(endpoint)}: no answer within ${timeoutMs} ms`, {
      mayHaveReachedNp: true,
    });
  }
  const netCode = code && code !== 'ERR_NETWORK' ? code : causeCode || code || 'unknown';
  return new NpClientError('network', endpoint, `${describe(endpoint)}: network error ${netCode}`, {
    mayHaveReachedNp: !NOT_SENT_CODES.has(netCode),
  });
}

function parseBody(raw: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof raw !== 'string') return { ok: true, value: raw };
  if (raw.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Maps an HTTP answer to a batch answer or an NpClientError. */
function interpret<R>(
  endpoint: NpEndpoint,
  res: AxiosResponse<unknown>,
  schema: z.ZodType<{ results?: R[]; errors?: NpItemError[] }>,
): { answer: NpBatchAnswer<R>; body: unknown } | { error: NpClientError; body: unknown } {
  const status = res.status;
  const parsed = parseBody(res.data);
  const body = parsed.ok ? parsed.value : null;
  const where = describe(endpoint);
  if (status === 401) return { error: new NpClientError('auth', endpoint, `${where}: 401 credentials refused`, { httpStatus: status }), body };
  if (status === 403) return { error: new NpClientError('forbidden', endpoint, `${where}: 403 forbidden`, { httpStatus: status }), body };
  if (status >= 500 || status === 429) {
    // 503 (and 429) say the request was not processed; other 5xx may come after NP processed it.
    return {
      error: new NpClientError('server', endpoint, `${where}: HTTP ${status}`, {
        httpStatus: status,
        mayHaveReachedNp: status !== 503 && status !== 429,
      }),
      body,
    };
  }
  if (!parsed.ok) {
    return { error: new NpClientError('bad_response', endpoint, `${where}: HTTP ${status} answer is not JSON`, { httpStatus: status }), body };
  }
  if ((status >= 200 && status < 300) || status === 400) {
    const checked = schema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const at = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : '';
      return { error: new NpClientError('bad_response', endpoint, `${where}: HTTP ${status} unexpected answer (${at})`, { httpStatus: status }), body };
    }
    const results = checked.data.results ?? [];
    const errors = checked.data.errors ?? [];
    if (results.length === 0 && errors.length === 0) {
      return { error: new NpClientError('bad_response', endpoint, `${where}: HTTP ${status} answer has neither results nor errors`, { httpStatus: status }), body };
    }
    if (status === 400 && results.length > 0) {
      return { error: new NpClientError('bad_response', endpoint, `${where}: HTTP 400 answer with results`, { httpStatus: status }), body };
    }
    return { answer: { httpStatus: status, results, errors }, body };
  }
  // Any other status (404, 405, 422, …): NP did not process the request.
  return {
    error: new NpClientError('http', endpoint, `${where}: unexpected HTTP ${status}`, { httpStatus: status, mayHaveReachedNp: false }),
    body,
  };
}

export function createNpClient(opts: NpClientOptions): NpClient {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const { merchantCode, spCode, terminalId } = opts.credentials;
  // No keep-alive: a reused socket the server already closed fails with ECONNRESET although the request never
  // reached NP, which would make a register look ambiguous. A fresh connection per batch costs little.
  const httpAgent = new http.Agent({ keepAlive: false });
  const httpsAgent = new https.Agent({ keepAlive: false });
  const ax: AxiosInstance = axios.create({
    baseURL: baseUrl,
    timeout: timeoutMs,
    httpAgent,
    httpsAgent,
    proxy: false,
    maxRedirects: 0,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    headers: {
      Authorization: `Basic ${Buffer.from(`${merchantCode}:${spCode}`, 'utf8').toString('base64')}`,
      'X-NP-Terminal-Id': terminalId,
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'application/json',
    },
  });

  let serverDate: { at: number; seenAt: number } | null = null;
  function observeDate(res: AxiosResponse<unknown>): void {
    const header = res.headers?.date;
    const at = typeof header === 'string' ? Date.parse(header) : Number.NaN;
    if (Number.isFinite(at)) serverDate = { at, seenAt: performance.now() };
  }

  async function call<T, R>(
    endpoint: NpEndpoint,
    items: T[],
    schema: z.ZodType<{ results?: R[]; errors?: NpItemError[] }>,
  ): Promise<NpBatchAnswer<R>> {
    const { method, path } = NP_ENDPOINTS[endpoint];
    const request = { transactions: items };
    let res: AxiosResponse<unknown>;
    try {
      res = await ax.request({ method, url: path, data: request, signal: AbortSignal.timeout(timeoutMs + 1000) });
    } catch (err) {
      throw fromTransportError(endpoint, err, timeoutMs);
    }
    observeDate(res);
    const out = interpret(endpoint, res, schema);
    if ('error' in out) throw out.error;
    return out.answer;
  }

  const authoriEnvelope = envelope(authoriResultSchema);
  const idEnvelope = envelope(idResultSchema);

  return {
    baseUrl,
    register: (items) => call('register', items, authoriEnvelope),
    update: (items) => call('update', items, authoriEnvelope),
    cancel: (items) => call('cancel', items, idEnvelope),
    shipments: (items) => call('shipments', items, idEnvelope),
    authorizationsFind: (items) => call('authorizationsFind', items, authoriEnvelope),
    paymentsFind: (items) => call('paymentsFind', items, envelope(paymentResultSchema)),
    reregister: (items) => call('reregister', items, envelope(reregisterResultSchema)),
    async verifyCredentials() {
      try {
        await call('authorizationsFind', [], authoriEnvelope);
        return { ok: true };
      } catch (err) {
        const error = err instanceof NpClientError ? err : new NpClientError('bad_response', 'authorizationsFind', 'unexpected failure');
        if (error.kind === 'bad_response' || error.kind === 'http') {
          // A 400 for the empty request is the expected "credentials fine" answer; so is any well-formed answer.
          if (error.httpStatus !== null && error.httpStatus < 500) return { ok: true };
        }
        return { ok: false, error };
      }
    },
    serverNow: () => (serverDate ? serverDate.at + (performance.now() - serverDate.seenAt) : null),
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
