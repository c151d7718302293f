/**
 * The sandbox's state: transactions, the daily id serials, the clock offset; in memory, optionally saved to a
 * JSON file after every change (written to a temporary file, then renamed: a crash never leaves half a file).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { toJstDate } from '../../shared/jst-date';
import { normalizeTel } from '../../shared/np/text';
import { NP_OPS, type NpOp, type SandboxRules, type SandboxTxn, type SandboxTxnState, type SandboxTxnView } from './types';
import { messageOf } from '../../shared/error-message';

const FILE_VERSION = 1;

interface FileShape {
  version: number;
  clockOffsetMs: number;
  serials: Record<string, number>;
  transactions: SandboxTxn[];
}

export function emptyOps(): Record<NpOp, number> {
  return Object.fromEntries(NP_OPS.map((op) => [op, 0])) as Record<NpOp, number>;
}

export function txnState(t: SandboxTxn): SandboxTxnState {
  if (t.cancelled_at !== undefined) return 'cancelled';
  if (t.paid_at !== undefined) return 'paid';
  if (t.shipment) return 'shipped';
  return 'registered';
}

export class SandboxStore {
  private txns = new Map<string, SandboxTxn>();
  /** Transactions by the buyer's normalised TEL, so the credit limit does not scan everything. */
  private byTel = new Map<string, Set<SandboxTxn>>();
  private serials: Record<string, number> = {};
  /** Added to the base clock: POST /__sandbox/clock moves it forward. */
  clockOffsetMs = 0;

  constructor(
    private readonly baseClock: () => Date,
    private readonly dataFile?: string,
  ) {
    if (dataFile && existsSync(dataFile)) this.load(dataFile);
  }

  now(): number {
    return this.baseClock().getTime() + this.clockOffsetMs;
  }

  /** A new np_transaction_id: YYMMDD (Japan date of the sandbox clock) + 5-digit daily serial. */
  nextId(now: number): string {
    const day = toJstDate(now).slice(2).replace(/-/g, '');
    for (;;) {
      const n = (this.serials[day] ?? 0) + 1;
      if (n > 99_999) throw new Error('np_transaction_id serial exhausted for today');
      this.serials[day] = n;
      const id = `${day}${String(n).padStart(5, '0')}`;
      if (!this.txns.has(id)) return id;
    }
  }

  add(t: SandboxTxn): void {
    this.txns.set(t.np_transaction_id, t);
    this.index(t);
  }

  /** Replaces the buyer of a transaction (update), keeping the TEL index right. */
  setCustomer(t: SandboxTxn, customer: SandboxTxn['customer']): void {
    this.byTel.get(normalizeTel(t.customer.tel))?.delete(t);
    t.customer = customer;
    this.index(t);
  }

  private index(t: SandboxTxn): void {
    const key = normalizeTel(t.customer.tel);
    let set = this.byTel.get(key);
    if (!set) this.byTel.set(key, (set = new Set()));
    set.add(t);
  }

  /** The transaction if it exists and belongs to this merchant (others' ids look unknown: E0100113). */
  get(id: string, merchantCode?: string): SandboxTxn | undefined {
    const t = this.txns.get(id);
    if (!t || (merchantCode !== undefined && t.merchant_code !== merchantCode)) return undefined;
    return t;
  }

  all(): SandboxTxn[] {
    return [...this.txns.values()];
  }

  /**
   * Applies what time does on its own: a review whose time is up becomes final, NP cancels what was not
   * shipped in time, shipped transactions get paid after the payment delay.
   */
  refresh(t: SandboxTxn, rules: SandboxRules, now: number, finalise: (t: SandboxTxn, at: number) => void): void {
    if (t.authori_result === '40' && t.review && now >= t.review.dueAt) finalise(t, t.review.dueAt);
    if (
      rules.autoCancelAfterMs !== null &&
      !t.shipment &&
      t.cancelled_at === undefined &&
      now >= t.created_at + rules.autoCancelAfterMs
    ) {
      t.cancelled_at = t.created_at + rules.autoCancelAfterMs;
      t.cancelled_by = 'np';
    }
    if (rules.paymentDelayMs !== null && t.shipment && t.cancelled_at === undefined && t.paid_at === undefined) {
      const due = t.shipment.reported_at + rules.paymentDelayMs;
      if (now >= due) this.markPaid(t, due);
    }
  }

  markPaid(t: SandboxTxn, at: number, date?: string): void {
    t.paid_at = at;
    t.customer_payment_date = date ?? toJstDate(at);
  }

  /**
   * The buyer's outstanding total (not cancelled, not paid, not NG) on every merchant, keyed by normalised TEL.
   * `refresh` brings each of the buyer's transactions up to now first (payments and NP cancels happen lazily).
   */
  outstanding(tel: string, refresh: (t: SandboxTxn) => void, excludeId?: string): number {
    const key = normalizeTel(tel);
    if (!key) return 0;
    let sum = 0;
    for (const t of this.byTel.get(key) ?? []) {
      if (t.np_transaction_id === excludeId) continue;
      refresh(t);
      if (t.cancelled_at !== undefined || t.paid_at !== undefined || t.authori_result === '20') continue;
      sum += t.billed_amount;
    }
    return sum;
  }

  /** Whether an active (not cancelled) transaction of this merchant uses this shop_transaction_id. */
  hasActiveShopId(merchantCode: string, shopId: string): boolean {
    for (const t of this.txns.values()) {
      if (t.merchant_code === merchantCode && t.shop_transaction_id === shopId && t.cancelled_at === undefined) return true;
    }
    return false;
  }

  view(t: SandboxTxn): SandboxTxnView {
    const state = txnState(t);
    return {
      np_transaction_id: t.np_transaction_id,
      shop_transaction_id: t.shop_transaction_id,
      merchant_code: t.merchant_code,
      settlement_type: t.settlement_type,
      billed_amount: t.billed_amount,
      state,
      authori_result: t.authori_result,
      ...(t.authori_ng ? { authori_ng: t.authori_ng } : {}),
      ...(t.authori_hold ? { authori_hold: [...t.authori_hold] } : {}),
      payment_status: t.paid_at !== undefined ? '20' : t.shipment ? '10' : null,
      ...(t.customer_payment_date ? { customer_payment_date: t.customer_payment_date } : {}),
      ...(t.base_np_transaction_id ? { base_np_transaction_id: t.base_np_transaction_id } : {}),
      ...(t.reregistered_as ? { reregistered_as: t.reregistered_as } : {}),
      created_at: new Date(t.created_at).toISOString(),
      ops: { ...t.ops },
    };
  }

  reset(): void {
    this.txns.clear();
    this.byTel.clear();
    this.serials = {};
    this.clockOffsetMs = 0;
    this.save();
  }

  save(): void {
    if (!this.dataFile) return;
    const data: FileShape = {
      version: FILE_VERSION,
      clockOffsetMs: this.clockOffsetMs,
      serials: this.serials,
      transactions: this.all(),
    };
    const tmp = `${this.dataFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 }); // POSIX: only the owner (docs/data.md)
    renameSync(tmp, this.dataFile);
  }

  private load(file: string): void {
    let data: FileShape;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as FileShape;
    } catch (err) {
      throw new Error(`sandbox data file ${file} is unreadable: ${messageOf(err)}`, { cause: err });
    }
    if (data.version !== FILE_VERSION) throw new Error(`unsupported sandbox data file version ${String(data.version)}`);
    this.clockOffsetMs = data.clockOffsetMs ?? 0;
    this.serials = data.serials ?? {};
    for (const t of data.transactions ?? []) this.add({ ...t, ops: { ...emptyOps(), ...t.ops } });
  }
}
