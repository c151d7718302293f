/**
 * NP後払い API wire types (np-api.md §3–§6): what the NP client sends and what NP (or the sandbox) answers.
 * Field names are NP's own (snake_case). Both the sandbox and the client use these.
 */

/** "02" NP後払い (invoice mailed), "03" NP後払いwiz (invoice in the parcel). */
export type SettlementType = '02' | '03';

export interface NpPerson {
  customer_name: string;
  customer_name_kana?: string;
  company_name?: string;
  department_name?: string;
  zip_code: string;
  address: string;
  tel: string;
}

export interface NpCustomer extends NpPerson {
  email?: string;
}

export interface NpGoods {
  goods_name: string;
  goods_price: number;
  quantity: number;
}

/** POST /transactions item. */
export interface NpRegisterItem {
  shop_transaction_id: string;
  shop_order_date: string; // yyyy-MM-dd in Asia/Tokyo
  settlement_type: SettlementType;
  billed_amount: number;
  site_name?: string;
  site_url?: string;
  customer: NpCustomer;
  dest_customer?: NpPerson;
  goods: NpGoods[];
}

/** PATCH /transactions/update item: np_transaction_id plus the fields that change (omitted fields keep their values). */
export interface NpUpdateItem extends Partial<Omit<NpRegisterItem, 'customer' | 'dest_customer'>> {
  np_transaction_id: string;
  customer?: NpCustomer;
  dest_customer?: NpPerson;
}

/** PATCH /transactions/cancel, POST /authorizations/find, POST /transactions/payments/find item. */
export interface NpIdItem {
  np_transaction_id: string;
}

/** POST /shipments item. */
export interface NpShipmentItem {
  np_transaction_id: string;
  pd_company_code: string;
  slip_no: string;
  bill_issued_date?: string; // wiz ("03") only, yyyy-MM-dd
}

/** POST /transactions/reregister item. */
export interface NpReregisterItem {
  base_np_transaction_id: string;
  shop_transaction_id: string;
  shop_order_date: string;
  billed_amount: number;
  goods: NpGoods[];
}

/** register / update / authorizations/find result. */
export interface NpAuthoriResult {
  np_transaction_id: string;
  shop_transaction_id?: string;
  authori_result: '00' | '10' | '20' | '40' | '50';
  authori_required_date?: string; // ISO 8601 with +09:00
  authori_ng?: string;
  authori_hold?: string[];
}

/** cancel / shipments result. */
export interface NpIdResult {
  np_transaction_id: string;
}

/** payments/find result. */
export interface NpPaymentResult {
  np_transaction_id: string;
  payment_status: '10' | '20' | '30';
  customer_payment_date?: string; // yyyy-MM-dd
}

/** reregister result. */
export interface NpReregisterResult {
  base_np_transaction_id: string;
  np_transaction_id: string;
  shop_transaction_id?: string;
  authori_result?: '00' | '10' | '20' | '40' | '50';
  authori_required_date?: string;
}

/** One failed item: every code of the item together; id is shop_transaction_id (register) or np_transaction_id. */
export interface NpItemError {
  codes: string[];
  id?: string;
}

/** The paths under /v1. */
export const NP_ENDPOINTS = {
  register: { method: 'POST', path: '/transactions' },
  update: { method: 'PATCH', path: '/transactions/update' },
  cancel: { method: 'PATCH', path: '/transactions/cancel' },
  shipments: { method: 'POST', path: '/shipments' },
  authorizationsFind: { method: 'POST', path: '/authorizations/find' },
  paymentsFind: { method: 'POST', path: '/transactions/payments/find' },
  reregister: { method: 'POST', path: '/transactions/reregister' },
} as const;
export type NpEndpoint = keyof typeof NP_ENDPOINTS;

/** NP allows 1–1000 transactions per request (EPRO0101 / EPRO0102). */
export const NP_MAX_BATCH = 1000;

/** Base URLs per environment (np-api.md §1). The embedded sandbox's URL is known only at run time. */
export const NP_BASE_URLS = {
  test: 'https://ctcp.np-payment-gateway.com/v1',
  production: 'https://cp.np-payment-gateway.com/v1',
} as const;
export type NpEnvironment = 'sandbox' | keyof typeof NP_BASE_URLS;

export interface NpCredentials {
  merchantCode: string; // 加盟店コード
  spCode: string; // SPコード (secret)
  terminalId: string; // 端末ID
}
