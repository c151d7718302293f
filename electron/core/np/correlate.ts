/**
 * Which of NP's answers belongs to which request item: pure functions over a batch and its answer (no I/O).
 * Outbox items are matched by shop_transaction_id (registers) or np_transaction_id (the rest); find items by
 * np_transaction_id. An item NP said nothing about is `unanswered` (the engine decides what that means).
 */
import type { NpItemError } from '../../../shared/np/api-types';
import type { NpBatchAnswer } from './client';
import type { OutboxRow } from './store';
import type { FindTarget } from './apply';

export type OutboxResult = { np_transaction_id: string; shop_transaction_id?: string };

export type OutboxVerdict<R = OutboxResult> =
  | { row: OutboxRow; kind: 'accepted'; result: R }
  | { row: OutboxRow; kind: 'refused'; codes: string[] }
  | { row: OutboxRow; kind: 'unanswered' };

/** The key NP echoes for an outbox row: shop_transaction_id for a register, np_transaction_id otherwise. */
export function outboxKey(row: OutboxRow): string {
  const p = JSON.parse(row.payload) as { shop_transaction_id?: string; np_transaction_id?: string };
  return (row.action === 'register' ? p.shop_transaction_id : p.np_transaction_id) ?? '';
}

/** Item errors by id, and the codes of request-level errors (no id: they concern every item). */
function errorsById(errors: readonly NpItemError[]): { byId: Map<string, string[]>; requestLevel: string[] } {
  const byId = new Map<string, string[]>();
  const requestLevel: string[] = [];
  for (const e of errors) {
    if (e.id === undefined) requestLevel.push(...e.codes);
    else byId.set(e.id, [...(byId.get(e.id) ?? []), ...e.codes]);
  }
  return { byId, requestLevel };
}

export function correlateOutbox<R extends OutboxResult>(rows: readonly OutboxRow[], answer: Pick<NpBatchAnswer<R>, 'results' | 'errors'>): OutboxVerdict<R>[] {
  const isRegister = rows[0]?.action === 'register';
  const results = new Map<string, R>();
  for (const r of answer.results) {
    const key = isRegister ? r.shop_transaction_id : r.np_transaction_id;
    if (key !== undefined) results.set(key, r);
  }
  // A single register answered by a single result without the echoed shop id is still unambiguous.
  if (isRegister && rows.length === 1 && answer.results.length === 1 && results.size === 0) results.set(outboxKey(rows[0]!), answer.results[0]!);
  const { byId, requestLevel } = errorsById(answer.errors as NpItemError[]);
  return rows.map((row) => {
    const key = outboxKey(row);
    const result = results.get(key);
    if (result) return { row, kind: 'accepted', result };
    const codes = byId.get(key) ?? (requestLevel.length ? requestLevel : null);
    return codes ? { row, kind: 'refused', codes } : { row, kind: 'unanswered' };
  });
}

export type FindVerdict<R> = { target: FindTarget; result: R } | { target: FindTarget; codes: string[] };

/** Results and item errors of a find that concern this batch (anything else NP sent is ignored). */
export function correlateFinds<R extends { np_transaction_id: string }>(batch: readonly FindTarget[], answer: Pick<NpBatchAnswer<R>, 'results' | 'errors'>): FindVerdict<R>[] {
  const byId = new Map(batch.map((t) => [t.np_transaction_id, t]));
  const verdicts: FindVerdict<R>[] = [];
  for (const r of answer.results) {
    const target = byId.get(r.np_transaction_id);
    if (target) verdicts.push({ target, result: r });
  }
  for (const e of answer.errors as NpItemError[]) {
    const target = e.id === undefined ? undefined : byId.get(e.id);
    if (target) verdicts.push({ target, codes: e.codes });
  }
  return verdicts;
}
