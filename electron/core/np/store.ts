/**
 * Plain access to the NP tables of migration 002 (np_transactions, np_outbox, np_events; sync_runs is
 * sync-runs.ts's) and to the two NP columns of `orders` (np_status, np_dirty). No rules here: outbox.ts and the
 * sync engine decide, this module reads and writes rows. Every method is synchronous and safe inside a caller's transaction.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { NpRegisterItem } from '../../../shared/np/api-types';
import {
  EMPTY_NP_STATE,
  type AuthoriResult,
  type NpAction,
  type NpState,
  type NpStatus,
  type PaymentStatus,
} from '../../../shared/np/status';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export type OutboxState = 'pending' | 'sending' | 'done' | 'failed' | 'ambiguous' | 'superseded' | 'resolved';

export interface TxRow {
  order_id: number;
  np_transaction_id: string | null;
  shop_transaction_id: string | null;
  authori_result: AuthoriResult | null;
  authori_hold: string; // JSON string[]
  authori_ng: string | null;
  authori_required_date: string | null;
  shipment_reported: number;
  cancelled: number;
  payment_status: PaymentStatus | null;
  customer_payment_date: string | null;
  failed_action: NpAction | null;
  error_codes: string; // JSON string[]
  accepted_payload: string | null; // JSON NpRegisterItem
  buyer_tel: string | null;
  billed_amount: number | null;
  updated_at: number;
}

/** The writable fields of np_transactions, with JSON columns as values. */
export interface TxPatch {
  np_transaction_id?: string | null;
  shop_transaction_id?: string | null;
  authori_result?: AuthoriResult | null;
  authori_hold?: string[];
  authori_ng?: string | null;
  authori_required_date?: string | null;
  shipment_reported?: boolean;
  cancelled?: boolean;
  payment_status?: PaymentStatus | null;
  customer_payment_date?: string | null;
  failed_action?: NpAction | null;
  error_codes?: string[];
  accepted_payload?: NpRegisterItem | null;
}

export interface OutboxRow {
  id: number;
  order_id: number;
  action: NpAction;
  payload: string; // JSON
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  sent_at: number | null;
  created_at: number;
  updated_at: number;
  last_error: string | null;
  /** The token of the engine that claimed the row for sending (migration 005), NULL before. */
  claimed_by: string | null;
}

export interface OutboxPatch {
  payload?: unknown;
  state?: OutboxState;
  attempts?: number;
  next_attempt_at?: number;
  sent_at?: number | null;
  last_error?: string | null;
}

export interface EventRow {
  id: number;
  at: number;
  run_id: number | null;
  order_id: number | null;
  outbox_id: number | null;
  kind: string;
  action: NpAction | null;
  endpoint: string | null;
  np_transaction_id: string | null;
  http_status: number | null;
  outcome: string | null;
  codes: string; // JSON string[]
  body: string | null; // JSON
}

export type NewEvent = Partial<Omit<EventRow, 'id' | 'at' | 'codes' | 'body' | 'kind'>> & {
  kind: string;
  codes?: string[];
  body?: unknown;
};

export const OPEN_STATES: readonly OutboxState[] = ['pending', 'sending'];

const json = (v: unknown): string => JSON.stringify(v);
const parseList = (s: string | null | undefined): string[] => (s ? (JSON.parse(s) as string[]) : []);

/** The NP state of an order from its transaction row and its open outbox action. */
export function toNpState(tx: TxRow | undefined, pendingAction: NpAction | null): NpState {
  if (!tx) return { ...EMPTY_NP_STATE, pendingAction };
  return {
    npTransactionId: tx.np_transaction_id,
    authoriResult: tx.authori_result,
    authoriHold: parseList(tx.authori_hold),
    authoriNg: tx.authori_ng,
    shipmentReported: tx.shipment_reported === 1,
    cancelled: tx.cancelled === 1,
    paymentStatus: tx.payment_status,
    customerPaymentDate: tx.customer_payment_date,
    pendingAction,
    failedAction: tx.failed_action,
    errorCodes: parseList(tx.error_codes),
  };
}

export function acceptedPayloadOf(tx: TxRow | undefined): NpRegisterItem | null {
  return tx?.accepted_payload ? (JSON.parse(tx.accepted_payload) as NpRegisterItem) : null;
}

export type NpStore = ReturnType<typeof createNpStore>;

export function createNpStore(db: Database) {
  const selectTx = db.prepare<[number], TxRow>('SELECT * FROM np_transactions WHERE order_id = ?');
  const selectTxByNpId = db.prepare<[string], TxRow>('SELECT * FROM np_transactions WHERE np_transaction_id = ?');
  const ensureTx = db.prepare<[number, number]>('INSERT OR IGNORE INTO np_transactions (order_id, updated_at) VALUES (?, ?)');
  const txUpdates = new Map<string, Statement>();

  const selectOpen = db.prepare<[number], OutboxRow>(
    "SELECT * FROM np_outbox WHERE order_id = ? AND state IN ('pending', 'sending')",
  );
  const selectOutbox = db.prepare<[number], OutboxRow>('SELECT * FROM np_outbox WHERE id = ?');
  const selectLatestOutbox = db.prepare<[number, string], OutboxRow>(
    'SELECT * FROM np_outbox WHERE order_id = ? AND state = ? ORDER BY id DESC LIMIT 1',
  );
  const insertOutboxRow = db.prepare<[number, string, string, number, number, number]>(
    "INSERT INTO np_outbox (order_id, action, payload, state, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)",
  );
  const outboxUpdates = new Map<string, Statement>();
  // The only way into `sending`: from pending, or a retry by the engine that holds the claim (docs/data.md).
  const claimRow = db.prepare<{ id: number; owner: string; now: number }>(
    `UPDATE np_outbox SET state = 'sending', attempts = attempts + 1, sent_at = @now, claimed_by = @owner, updated_at = @now
      WHERE id = @id AND (state = 'pending' OR (state = 'sending' AND claimed_by = @owner))`,
  );
  const selectByState = db.prepare<[string], OutboxRow>('SELECT * FROM np_outbox WHERE state = ? ORDER BY id');
  const selectDue = db.prepare<[string, number], OutboxRow>(
    "SELECT * FROM np_outbox WHERE state = 'pending' AND action = ? AND next_attempt_at <= ? ORDER BY id",
  );
  const countOpen = db.prepare<[], number>("SELECT count(*) FROM np_outbox WHERE state IN ('pending', 'sending')").pluck();

  const insertEvent = db.prepare(
    `INSERT INTO np_events (at, run_id, order_id, outbox_id, kind, action, endpoint, np_transaction_id, http_status, outcome, codes, body)
     VALUES (@at, @run_id, @order_id, @outbox_id, @kind, @action, @endpoint, @np_transaction_id, @http_status, @outcome, @codes, @body)`,
  );
  const selectEvents = db.prepare<[number], EventRow>('SELECT * FROM np_events WHERE order_id = ? ORDER BY id');

  // np_paid_at keeps the time the payment was first seen (the 要対応 queue 「NP入金済み」 counts from it).
  const setOrderNp = db.prepare<[NpStatus | null, number, number, number, number]>(
    'UPDATE orders SET np_status = ?, np_dirty = ?, np_paid_at = CASE WHEN ? THEN coalesce(np_paid_at, ?) ELSE NULL END WHERE id = ?',
  );
  const selectOrderStatus = db.prepare<[number], { np_status: NpStatus | null }>('SELECT np_status FROM orders WHERE id = ?');

  function patchStatement(cache: Map<string, Statement>, table: string, key: string, where: string, columns: string[]): Statement {
    let st = cache.get(key);
    if (!st) {
      st = db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @updated_at WHERE ${where}`);
      cache.set(key, st);
    }
    return st;
  }

  function txValues(patch: TxPatch): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      if (k === 'authori_hold' || k === 'error_codes') out[k] = json(v);
      else if (k === 'shipment_reported' || k === 'cancelled') out[k] = v ? 1 : 0;
      else if (k === 'accepted_payload') {
        const p = v as NpRegisterItem | null;
        out[k] = p ? json(p) : null;
        out.buyer_tel = p ? p.customer.tel.replace(/\D/g, '') : null;
        out.billed_amount = p ? p.billed_amount : null;
      } else out[k] = v;
    }
    return out;
  }

  return {
    getTx: (orderId: number): TxRow | undefined => selectTx.get(orderId),
    getTxByNpId: (npTransactionId: string): TxRow | undefined => selectTxByNpId.get(npTransactionId),

    /** Create the order's np_transactions row if needed and set the given fields. */
    patchTx(orderId: number, patch: TxPatch, now: number): void {
      ensureTx.run(orderId, now);
      const values = txValues(patch);
      const columns = Object.keys(values).sort();
      if (columns.length === 0) return;
      patchStatement(txUpdates, 'np_transactions', columns.join(','), 'order_id = @order_id', columns).run({
        ...values,
        updated_at: now,
        order_id: orderId,
      });
    },

    openAction: (orderId: number): OutboxRow | undefined => selectOpen.get(orderId),
    outbox: (id: number): OutboxRow | undefined => selectOutbox.get(id),
    latestOutbox: (orderId: number, state: OutboxState): OutboxRow | undefined => selectLatestOutbox.get(orderId, state),
    insertOutbox(orderId: number, action: NpAction, payload: unknown, now: number): number {
      return Number(insertOutboxRow.run(orderId, action, json(payload), now, now, now).lastInsertRowid);
    },
    patchOutbox(id: number, patch: OutboxPatch, now: number): void {
      const values: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) values[k] = k === 'payload' ? json(v) : v;
      const columns = Object.keys(values).sort();
      patchStatement(outboxUpdates, 'np_outbox', columns.join(','), 'id = @id', columns).run({ ...values, updated_at: now, id });
    },
    /**
     * Claim a row for sending (attempts + 1): only a pending row, or a `sending` row this owner already holds.
     * Returns the row as claimed, or undefined when another engine has it or it left the queue meanwhile.
     */
    claimOutbox(id: number, owner: string, now: number): OutboxRow | undefined {
      return claimRow.run({ id, owner, now }).changes === 1 ? selectOutbox.get(id) : undefined;
    },
    outboxInState: (state: OutboxState): OutboxRow[] => selectByState.all(state),
    /** Pending rows of one action whose next attempt is due (notBefore = Infinity takes all). */
    dueOutbox: (action: NpAction, notBefore: number): OutboxRow[] => selectDue.all(action, notBefore),
    openCount: (): number => countOpen.get() as number,

    appendEvent(ev: NewEvent, now: number): void {
      insertEvent.run({
        at: now,
        run_id: ev.run_id ?? null,
        order_id: ev.order_id ?? null,
        outbox_id: ev.outbox_id ?? null,
        kind: ev.kind,
        action: ev.action ?? null,
        endpoint: ev.endpoint ?? null,
        np_transaction_id: ev.np_transaction_id ?? null,
        http_status: ev.http_status ?? null,
        outcome: ev.outcome ?? null,
        codes: json(ev.codes ?? []),
        body: ev.body === undefined ? null : json(ev.body),
      });
    },
    events: (orderId: number): EventRow[] => selectEvents.all(orderId),

    /** The order's NP state (transaction row + open outbox action). */
    state(orderId: number): NpState {
      return toNpState(selectTx.get(orderId), selectOpen.get(orderId)?.action ?? null);
    },
    storedStatus: (orderId: number): NpStatus | null | undefined => selectOrderStatus.get(orderId)?.np_status,

    /** orders.np_status / np_dirty, and np_paid_at (set when NP first reports the payment, cleared when not paid). */
    writeOrderNp(orderId: number, status: NpStatus | null, dirty: boolean, paid = false, now = 0): void {
      setOrderNp.run(status, dirty ? 1 : 0, paid ? 1 : 0, now, orderId);
    },
  };
}
