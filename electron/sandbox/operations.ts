/**
 * The seven NP operations on a batch of items. Each item is handled on its own, in order (later items see the
 * effects of earlier ones), following np-api.md §14's order: id format → existence → state → field rules.
 */
import type { NpCustomer, NpGoods, NpItemError, NpPerson } from '../../shared/np/api-types';
import { toJstDate, jstIso } from '../../shared/jst-date';
import {
  amountMismatch,
  isEmptyDest,
  npIdCodes,
  validateRegisterItem,
  validateReregisterItem,
  validateShipmentItem,
  validateUpdateItem,
  ID_FORMAT_CODES,
} from '../../shared/np/validation';
import { NP_CODE } from '../../shared/np/codes';
import { decide, goesToReview, type DecisionInput } from './decision';
import { emptyOps, type SandboxStore } from './store';
import type { Decision, NpOp, SandboxMerchant, SandboxRules, SandboxTxn } from './types';
import { zipLookup } from '../core/zip/lookup';

export interface OpContext {
  store: SandboxStore;
  rules: SandboxRules;
  merchant: SandboxMerchant;
  now: number;
}

export interface BatchOutcome {
  results: object[];
  errors: NpItemError[];
}

type ItemOutcome = { result: object } | { codes: string[] };

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const idOf = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const fieldCodes = (codes: string[]): string[] => codes.filter((c) => !ID_FORMAT_CODES.includes(c));

function validationOptions(ctx: OpContext) {
  return {
    strictAmount: ctx.rules.strictAmount,
    requireEmail: ctx.merchant.requireEmail ?? ctx.rules.requireEmail,
    zipAddress: ctx.rules.checkZipAddress ? zipLookup : undefined,
  };
}

function applyDecision(t: SandboxTxn, d: Decision, at: number): void {
  t.authori_result = d.result;
  t.authori_required_date = jstIso(at);
  delete t.review;
  if (d.ng) t.authori_ng = d.ng;
  else delete t.authori_ng;
  if (d.hold) t.authori_hold = [...d.hold];
  else delete t.authori_hold;
}

/** Makes a pending review (40) final, as decided at registration. */
export function finaliseReview(t: SandboxTxn, at: number): void {
  if (t.authori_result === '40' && t.review) applyDecision(t, t.review.decision, at);
}

function refresh(t: SandboxTxn, ctx: OpContext): void {
  ctx.store.refresh(t, ctx.rules, ctx.now, finaliseReview);
}

function authoriResult(t: SandboxTxn): object {
  return {
    shop_transaction_id: t.shop_transaction_id,
    np_transaction_id: t.np_transaction_id,
    authori_result: t.authori_result,
    ...(t.authori_required_date && t.authori_result !== '40' ? { authori_required_date: t.authori_required_date } : {}),
    ...(t.authori_result === '20' && t.authori_ng ? { authori_ng: t.authori_ng } : {}),
    ...(t.authori_result === '10' && t.authori_hold ? { authori_hold: [...t.authori_hold] } : {}),
  };
}

function decisionInput(t: SandboxTxn): DecisionInput {
  return {
    shop_transaction_id: t.shop_transaction_id,
    billed_amount: t.billed_amount,
    customer: t.customer,
    dest_customer: t.dest_customer,
  };
}

function count(t: SandboxTxn, op: NpOp): void {
  t.ops[op] += 1;
}

/** Existence (E0100113) after a clean id format; the transaction refreshed to now. */
function findTxn(id: unknown, ctx: OpContext): SandboxTxn | { codes: string[] } {
  const fmt = npIdCodes(id);
  if (fmt.length > 0) return { codes: fmt };
  const t = ctx.store.get(id as string, ctx.merchant.merchantCode);
  if (!t) return { codes: [NP_CODE.NOT_FOUND] };
  refresh(t, ctx);
  return t;
}

const copyPerson = <P extends NpPerson>(p: P): P => ({ ...p });
const copyGoods = (g: NpGoods[]): NpGoods[] => g.map((l) => ({ goods_name: l.goods_name, goods_price: l.goods_price, quantity: l.quantity }));

function register(item: unknown, ctx: OpContext): ItemOutcome {
  const codes = validateRegisterItem(item, validationOptions(ctx));
  if (codes.length > 0) return { codes };
  const it = item as Obj;
  const shopId = it.shop_transaction_id as string;
  if (ctx.rules.strictShopTransactionId && ctx.store.hasActiveShopId(ctx.merchant.merchantCode, shopId)) {
    return { codes: ['SBX0013'] };
  }
  const t: SandboxTxn = {
    np_transaction_id: ctx.store.nextId(ctx.now),
    merchant_code: ctx.merchant.merchantCode,
    shop_transaction_id: shopId,
    shop_order_date: it.shop_order_date as string,
    settlement_type: it.settlement_type as '02' | '03',
    billed_amount: it.billed_amount as number,
    ...(typeof it.site_name === 'string' ? { site_name: it.site_name } : {}),
    ...(typeof it.site_url === 'string' ? { site_url: it.site_url } : {}),
    customer: copyPerson(it.customer as NpCustomer),
    ...(isEmptyDest(it.dest_customer) ? {} : { dest_customer: copyPerson(it.dest_customer as NpPerson) }),
    goods: copyGoods(it.goods as NpGoods[]),
    authori_result: '00',
    created_at: ctx.now,
    reregister_depth: 0,
    ops: emptyOps(),
  };
  const decision = decide(decisionInput(t), ctx.rules, ctx.store.outstanding(t.customer.tel, (x) => refresh(x, ctx)));
  if (goesToReview(decisionInput(t), ctx.rules)) {
    t.authori_result = '40';
    t.review = { decision, findsLeft: ctx.rules.reviewFinds, dueAt: ctx.now + ctx.rules.reviewSeconds * 1000 };
  } else {
    applyDecision(t, decision, ctx.now);
  }
  count(t, 'register');
  ctx.store.add(t);
  return { result: authoriResult(t) };
}

function update(item: unknown, ctx: OpContext): ItemOutcome {
  const it = asObj(item);
  const found = findTxn(it.np_transaction_id, ctx);
  if (!('np_transaction_id' in found)) return found;
  const t = found;
  if (t.cancelled_at !== undefined) return { codes: [NP_CODE.CANCELLED] };
  if (t.shipment) return { codes: [NP_CODE.SHIPPED] };
  const codes = fieldCodes(validateUpdateItem(item, validationOptions(ctx)));
  const goods = 'goods' in it ? (it.goods as NpGoods[]) : t.goods;
  const billed = 'billed_amount' in it ? (it.billed_amount as number) : t.billed_amount;
  if (codes.length === 0 && amountMismatch(goods, billed, ctx.rules.strictAmount)) codes.push('E0102004');
  if (codes.length > 0) return { codes };
  if (typeof it.shop_transaction_id === 'string') t.shop_transaction_id = it.shop_transaction_id;
  if (typeof it.shop_order_date === 'string') t.shop_order_date = it.shop_order_date;
  if (it.settlement_type === '02' || it.settlement_type === '03') t.settlement_type = it.settlement_type;
  if (typeof it.site_name === 'string') t.site_name = it.site_name;
  if (typeof it.site_url === 'string') t.site_url = it.site_url;
  if ('customer' in it) ctx.store.setCustomer(t, copyPerson(it.customer as NpCustomer));
  if ('dest_customer' in it) {
    if (isEmptyDest(it.dest_customer)) delete t.dest_customer;
    else t.dest_customer = copyPerson(it.dest_customer as NpPerson);
  }
  t.goods = copyGoods(goods);
  t.billed_amount = billed;
  const decision = decide(decisionInput(t), ctx.rules, ctx.store.outstanding(t.customer.tel, (x) => refresh(x, ctx), t.np_transaction_id));
  applyDecision(t, decision, ctx.now);
  count(t, 'update');
  return { result: authoriResult(t) };
}

function cancel(item: unknown, ctx: OpContext): ItemOutcome {
  const found = findTxn(asObj(item).np_transaction_id, ctx);
  if (!('np_transaction_id' in found)) return found;
  const t = found;
  if (t.cancelled_at !== undefined) return { codes: [NP_CODE.CANCELLED] };
  if (t.paid_at !== undefined) return { codes: [NP_CODE.PAID] };
  t.cancelled_at = ctx.now;
  t.cancelled_by = 'merchant';
  delete t.review;
  count(t, 'cancel');
  return { result: { np_transaction_id: t.np_transaction_id } };
}

function shipments(item: unknown, ctx: OpContext): ItemOutcome {
  const it = asObj(item);
  const found = findTxn(it.np_transaction_id, ctx);
  if (!('np_transaction_id' in found)) return found;
  const t = found;
  if (t.cancelled_at !== undefined) return { codes: [NP_CODE.CANCELLED] };
  if (t.shipment) return { codes: [NP_CODE.SHIPPED] };
  if (t.authori_result !== '00') return { codes: ['E0100120'] };
  const today = toJstDate(ctx.now);
  const codes = fieldCodes(
    validateShipmentItem(item, { settlementType: t.settlement_type, today, printDataDate: toJstDate(t.created_at) }),
  );
  if (codes.length > 0) return { codes };
  t.shipment = {
    pd_company_code: it.pd_company_code as string,
    slip_no: it.slip_no as string,
    ...(typeof it.bill_issued_date === 'string' && it.bill_issued_date !== '' ? { bill_issued_date: it.bill_issued_date } : {}),
    reported_at: ctx.now,
  };
  count(t, 'shipments');
  return { result: { np_transaction_id: t.np_transaction_id } };
}

function authorizationsFind(item: unknown, ctx: OpContext): ItemOutcome {
  const found = findTxn(asObj(item).np_transaction_id, ctx);
  if (!('np_transaction_id' in found)) return found;
  const t = found;
  if (t.authori_result === '40' && t.review) {
    if (t.review.findsLeft > 0) t.review.findsLeft -= 1;
    else finaliseReview(t, ctx.now);
  }
  count(t, 'authorizationsFind');
  const { shop_transaction_id: _shopId, ...rest } = authoriResult(t) as Record<string, unknown>;
  return { result: rest };
}

function paymentsFind(item: unknown, ctx: OpContext): ItemOutcome {
  const found = findTxn(asObj(item).np_transaction_id, ctx);
  if (!('np_transaction_id' in found)) return found;
  const t = found;
  if (t.cancelled_at !== undefined) return { codes: [NP_CODE.CANCELLED] };
  count(t, 'paymentsFind');
  return {
    result:
      t.paid_at !== undefined
        ? { np_transaction_id: t.np_transaction_id, payment_status: '20', customer_payment_date: t.customer_payment_date }
        : { np_transaction_id: t.np_transaction_id, payment_status: '10' },
  };
}

function reregister(item: unknown, ctx: OpContext): ItemOutcome {
  const it = asObj(item);
  const found = findTxn(it.base_np_transaction_id, ctx);
  if (!('np_transaction_id' in found)) return found;
  const base = found;
  if (base.reregistered_as) return { codes: ['E0131006'] };
  if (base.reregister_depth + 1 > ctx.rules.reregisterMaxCount) return { codes: ['E0131011'] };
  if (!base.shipment || base.cancelled_at === undefined) return { codes: ['SBX0011'] };
  if (ctx.rules.reregisterNextDay && toJstDate(ctx.now) <= toJstDate(base.shipment.reported_at)) return { codes: ['SBX0012'] };
  const codes = fieldCodes(validateReregisterItem(item, { strictAmount: ctx.rules.strictAmount }));
  if (typeof it.billed_amount === 'number' && it.billed_amount > base.billed_amount) codes.push('E0131010');
  if (codes.length > 0) return { codes };
  const t: SandboxTxn = {
    np_transaction_id: ctx.store.nextId(ctx.now),
    merchant_code: base.merchant_code,
    shop_transaction_id: it.shop_transaction_id as string,
    shop_order_date: it.shop_order_date as string,
    settlement_type: base.settlement_type,
    billed_amount: it.billed_amount as number,
    ...(base.site_name !== undefined ? { site_name: base.site_name } : {}),
    ...(base.site_url !== undefined ? { site_url: base.site_url } : {}),
    customer: copyPerson(base.customer),
    ...(base.dest_customer ? { dest_customer: copyPerson(base.dest_customer) } : {}),
    goods: copyGoods(it.goods as NpGoods[]),
    authori_result: '00',
    authori_required_date: jstIso(ctx.now),
    created_at: ctx.now,
    shipment: { ...base.shipment, reported_at: ctx.now },
    base_np_transaction_id: base.np_transaction_id,
    reregister_depth: base.reregister_depth + 1,
    ops: emptyOps(),
  };
  ctx.store.add(t);
  base.reregistered_as = t.np_transaction_id;
  count(base, 'reregister');
  return {
    result: {
      base_np_transaction_id: base.np_transaction_id,
      shop_transaction_id: t.shop_transaction_id,
      np_transaction_id: t.np_transaction_id,
      authori_result: t.authori_result,
      authori_required_date: t.authori_required_date,
    },
  };
}

interface OperationSpec {
  handle: (item: unknown, ctx: OpContext) => ItemOutcome;
  /** The field that names the item in errors[].id. */
  idField: string;
  /** EPRO0106 applies: the id may appear only once per request. */
  uniqueIds: boolean;
}

export const OPERATIONS: Record<NpOp, OperationSpec> = {
  register: { handle: register, idField: 'shop_transaction_id', uniqueIds: false },
  update: { handle: update, idField: 'np_transaction_id', uniqueIds: true },
  cancel: { handle: cancel, idField: 'np_transaction_id', uniqueIds: true },
  shipments: { handle: shipments, idField: 'np_transaction_id', uniqueIds: true },
  authorizationsFind: { handle: authorizationsFind, idField: 'np_transaction_id', uniqueIds: true },
  paymentsFind: { handle: paymentsFind, idField: 'np_transaction_id', uniqueIds: true },
  reregister: { handle: reregister, idField: 'base_np_transaction_id', uniqueIds: true },
};

/** Runs one operation over a batch (already checked to hold 1–1000 items). */
export function runBatch(op: NpOp, items: unknown[], ctx: OpContext): BatchOutcome {
  const spec = OPERATIONS[op];
  const ids = items.map((it) => idOf(asObj(it)[spec.idField]));
  const seen = new Map<string, number>();
  if (spec.uniqueIds) for (const id of ids) if (id !== undefined) seen.set(id, (seen.get(id) ?? 0) + 1);
  const out: BatchOutcome = { results: [], errors: [] };
  items.forEach((item, i) => {
    const id = ids[i];
    const outcome: ItemOutcome =
      id !== undefined && (seen.get(id) ?? 0) > 1 ? { codes: ['EPRO0106'] } : spec.handle(item, ctx);
    if ('result' in outcome) out.results.push(outcome.result);
    else out.errors.push(id !== undefined ? { codes: outcome.codes, id } : { codes: outcome.codes });
  });
  return out;
}
