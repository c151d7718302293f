/**
 * Talking to NP for the sync engine: one request with in-run retries (exponential backoff with jitter) for
 * transient failures, every attempt and its answer in the exchange log (np_events kind 'exchange', never
 * credentials), and the run stopped when NP is unreachable or refuses the credentials.
 */
import type { NpEndpoint, NpIdItem } from '../../../shared/np/api-types';
import type { SyncRunError } from '../../../shared/sync';
import { pathOf } from './apply';
import { NpClientError, type NpBatchAnswer } from './client';
import { backoffDelay, sleep, type BackoffPolicy } from './retry';
import type { Clock, NpStore } from './store';

/** What the transport reads and updates of the run it sends for. */
export interface TransportRun {
  id: number;
  requests: number;
  /** NP could not be reached (retries exhausted) or refused the credentials: no more requests in this run. */
  unreachable: boolean;
  error: SyncRunError | null;
}

export interface SendOptions {
  retryable: (e: NpClientError) => boolean;
  /** Before each attempt (e.g. mark the outbox rows `sending`, attempts + 1). */
  beforeAttempt?: () => void;
}

export interface NpTransport {
  /** One request, retried in the run while transient; the answer, or the final error. */
  send<R>(run: TransportRun, endpoint: NpEndpoint, items: unknown[], call: () => Promise<NpBatchAnswer<R>>, opts: SendOptions): Promise<NpBatchAnswer<R> | NpClientError>;
  /** Stop talking to NP in this run: credentials refused, or NP unreachable after the retries. */
  stop(run: TransportRun, e: NpClientError): void;
}

export interface TransportOptions {
  store: NpStore;
  clock: Clock;
  retry: BackoffPolicy;
  random: () => number;
  warn: (message: string) => void;
}

/** Each timeout costs the full client timeout (30 s against NP): two in one request mean NP is not answering. */
const MAX_TIMEOUTS = 2;

/** What the exchange log keeps of a request: outbox items are logged one by one already, finds keep their ids. */
function logged(endpoint: NpEndpoint, items: unknown[]): unknown {
  if (endpoint === 'authorizationsFind' || endpoint === 'paymentsFind') return { ids: (items as NpIdItem[]).map((i) => i.np_transaction_id) };
  return { count: items.length };
}

export function createNpTransport(opts: TransportOptions): NpTransport {
  const { store, clock, retry, random } = opts;

  function exchange(run: TransportRun, endpoint: NpEndpoint, items: unknown[], outcome: string, httpStatus: number | null, answer: unknown): void {
    store.appendEvent(
      { kind: 'exchange', run_id: run.id, endpoint: pathOf(endpoint), http_status: httpStatus, outcome, body: { request: logged(endpoint, items), answer } },
      clock.now(),
    );
  }

  return {
    async send(run, endpoint, items, call, o) {
      let timeouts = 0;
      for (let attempt = 1; ; attempt++) {
        o.beforeAttempt?.();
        run.requests++;
        try {
          const answer = await call();
          exchange(run, endpoint, items, 'answer', answer.httpStatus, { results: answer.results, errors: answer.errors });
          return answer;
        } catch (err) {
          const e = err instanceof NpClientError ? err : new NpClientError('bad_response', endpoint, `unexpected failure: ${String(err)}`);
          exchange(run, endpoint, items, e.kind, e.httpStatus, { error: e.toJSON() });
          opts.warn(`sync ${run.id}: ${e.message} (attempt ${attempt})`);
          if (e.kind === 'timeout') timeouts++;
          if (e.credentialsProblem || !o.retryable(e) || attempt >= retry.attempts || timeouts >= MAX_TIMEOUTS || run.unreachable) return e;
          await sleep(backoffDelay(retry, attempt, random));
          if (run.unreachable) return e;
        }
      }
    },
    stop(run, e) {
      if (!run.error || e.credentialsProblem) run.error = { code: e.localCode, message: e.userMessage };
      run.unreachable = true;
    },
  };
}
