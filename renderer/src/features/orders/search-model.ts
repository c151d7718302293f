/**
 * The search form's model (what the inputs hold) and its translation into the contract's criteria.
 * Blank inputs are left out; the criteria schema (shared/search.ts) checks the rest so the form can show
 * its Japanese messages next to the field before anything is sent.
 */
import type { Gender, InvoiceType, OrderStatus, PaymentMethod } from '../../../../shared/order';
import { OrderSearchCriteriaSchema, SEARCH_FIELD_LABELS, type NpStatusFilter, type PrintStatus } from '../../../../shared/search';
import { japaneseErrorMap } from '../../../../shared/validation';
import type { SearchFilters } from '../../stores/order-list';

export interface SearchFormModel {
  orderNoFrom: string;
  orderNoTo: string;
  statuses: OrderStatus[];
  name: string;
  kana: string;
  email: string;
  tel: string;
  birthDateFrom: string;
  birthDateTo: string;
  genders: Gender[];
  hasNote: boolean;
  paymentMethods: PaymentMethod[];
  orderedAtFrom: string;
  orderedAtTo: string;
  updatedAtFrom: string;
  updatedAtTo: string;
  shippedAtFrom: string;
  shippedAtTo: string;
  totalFrom: string;
  totalTo: string;
  goods: string;
  npStatuses: NpStatusFilter[];
  invoiceTypes: InvoiceType[];
  /** 帳票: '' = すべて */
  printStatus: PrintStatus | '';
}

export function emptySearchModel(): SearchFormModel {
  return {
    orderNoFrom: '',
    orderNoTo: '',
    statuses: [],
    name: '',
    kana: '',
    email: '',
    tel: '',
    birthDateFrom: '',
    birthDateTo: '',
    genders: [],
    hasNote: false,
    paymentMethods: [],
    orderedAtFrom: '',
    orderedAtTo: '',
    updatedAtFrom: '',
    updatedAtTo: '',
    shippedAtFrom: '',
    shippedAtTo: '',
    totalFrom: '',
    totalTo: '',
    goods: '',
    npStatuses: [],
    invoiceTypes: [],
    printStatus: '',
  };
}

const text = (s: string | null | undefined): string | undefined => {
  const t = (s ?? '').trim();
  return t === '' ? undefined : t;
};

function range(from: string, to: string): { from?: string; to?: string } | undefined {
  const f = text(from);
  const t = text(to);
  if (f === undefined && t === undefined) return undefined;
  return { ...(f !== undefined && { from: f }), ...(t !== undefined && { to: t }) };
}

const list = <T>(v: T[]): T[] | undefined => (v.length > 0 ? [...v] : undefined);

/** The criteria the form means (without sort and paging); blank inputs are omitted. */
export function buildFilters(m: SearchFormModel): SearchFilters {
  const out: Record<string, unknown> = {
    orderNo: range(m.orderNoFrom, m.orderNoTo),
    statuses: list(m.statuses),
    name: text(m.name),
    kana: text(m.kana),
    email: text(m.email),
    tel: text(m.tel),
    birthDate: range(m.birthDateFrom, m.birthDateTo),
    genders: list(m.genders),
    hasNote: m.hasNote || undefined,
    paymentMethods: list(m.paymentMethods),
    orderedAt: range(m.orderedAtFrom, m.orderedAtTo),
    updatedAt: range(m.updatedAtFrom, m.updatedAtTo),
    shippedAt: range(m.shippedAtFrom, m.shippedAtTo),
    total: range(m.totalFrom, m.totalTo),
    goods: text(m.goods),
    npStatuses: list(m.npStatuses),
    invoiceTypes: list(m.invoiceTypes),
    printStatus: m.printStatus || undefined,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as SearchFilters;
}

/** Field errors of the criteria, keyed by the form's top-level filter name ('total', 'orderedAt', …). */
export function validateFilters(filters: SearchFilters): Record<string, string> {
  const result = OrderSearchCriteriaSchema.safeParse(filters, { error: japaneseErrorMap(SEARCH_FIELD_LABELS) });
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    errors[key] ??= issue.message;
  }
  return errors;
}
