/** The sandbox's data model: merchants, decision rules, stored transactions. */
import type { NpCustomer, NpGoods, NpPerson } from '../../shared/np/api-types';

/** One merchant the sandbox accepts (HTTP Basic merchantCode:spCode + X-NP-Terminal-Id). */
export interface SandboxMerchant {
  merchantCode: string;
  spCode: string;
  terminalId: string;
  /** This merchant's contract requires the buyer's email (E0100068). Default: the rules' requireEmail. */
  requireEmail?: boolean;
}

/** The NP operations, as counted per transaction in the admin listing. */
export const NP_OPS = ['register', 'update', 'cancel', 'shipments', 'authorizationsFind', 'paymentsFind', 'reregister'] as const;
export type NpOp = (typeof NP_OPS)[number];

export interface HoldMarker {
  /** Text searched (after NFKC) in names, company names and addresses of the buyer and the ship-to. */
  text: string;
  /** RE codes answered with authori_result 10. */
  codes: string[];
}

export interface NgMarker {
  text: string;
  /** NG code answered with authori_result 20 (NG002 or NG999; NG001 comes from the credit limit). */
  code: string;
}

/** The credit decision and the other behaviours NP does not document (docs/sandbox.md). */
export interface SandboxRules {
  /** A buyer's outstanding total (registered, not cancelled, not paid, keyed by normalised TEL) above this → 20/NG001. */
  creditLimit: number;
  /** Σ goods must equal billed_amount (instead of |Σ − billed| ≤ 3000). */
  strictAmount: boolean;
  /** Refuse a zip code that cannot belong to the address's prefecture (E0100059 / E0100083). */
  checkZipAddress: boolean;
  /** Every merchant requires the buyer's email (E0100068) unless the merchant says otherwise. */
  requireEmail: boolean;
  /** An address ending in its 番地 (e.g. "…1-2-3", "…3番4号") with no building/room → 10 with RE009 (buyer) / RE015 (ship-to). */
  holdOnMissingBuilding: boolean;
  /** Platform-dependent characters (①, ㈱, 髙…) → 10 with RE003/RE007 (names) or RE013/RE019 (addresses). */
  holdOnPlatformDependentChars: boolean;
  holdMarkers: HoldMarker[];
  ngMarkers: NgMarker[];
  /** Texts that send a registration to review (40), like reviewShare does by hash. */
  reviewMarkers: string[];
  /** Share (0–1) of registrations answered 40, chosen by a hash of shop_transaction_id (deterministic). */
  reviewShare: number;
  /** Share (0–1) of registrations answered 20/NG999, chosen by another hash of shop_transaction_id. */
  ngShare: number;
  /** Share (0–1) of registrations held (10), chosen by a third hash, each with one of HOLD_SHARE_CODES. */
  holdShare: number;
  /** A 40 answers 40 to this many /authorizations/find calls; the next call gets the final result. */
  reviewFinds: number;
  /** …or the review ends this many seconds (sandbox clock) after registration, whichever comes first. */
  reviewSeconds: number;
  /** A shipped transaction becomes paid this long (sandbox clock) after the shipment report; null = only via admin. */
  paymentDelayMs: number | null;
  /** NP cancels an unshipped transaction this long after registration (then shipments → E0100114); null = never. */
  autoCancelAfterMs: number | null;
  /** Refuse a register whose shop_transaction_id belongs to an active (not cancelled) transaction (SBX0013). */
  strictShopTransactionId: boolean;
  /** How many re-registrations one chain may have (E0131011). */
  reregisterMaxCount: number;
  /** Re-register only from the day after the shipment report (SBX0012). */
  reregisterNextDay: boolean;
}

export interface Decision {
  result: '00' | '10' | '20';
  ng?: string;
  hold?: string[];
}

export interface StoredShipment {
  pd_company_code: string;
  slip_no: string;
  bill_issued_date?: string;
  reported_at: number;
}

/** One NP transaction as the sandbox stores it. Times are epoch ms of the sandbox clock. */
export interface SandboxTxn {
  np_transaction_id: string;
  merchant_code: string;
  shop_transaction_id: string;
  shop_order_date: string;
  settlement_type: '02' | '03';
  billed_amount: number;
  site_name?: string;
  site_url?: string;
  customer: NpCustomer;
  dest_customer?: NpPerson;
  goods: NpGoods[];
  authori_result: '00' | '10' | '20' | '40';
  authori_ng?: string;
  authori_hold?: string[];
  authori_required_date?: string;
  /** While authori_result is 40: the decision already made, and when it becomes visible. */
  review?: { decision: Decision; findsLeft: number; dueAt: number };
  created_at: number;
  shipment?: StoredShipment;
  cancelled_at?: number;
  cancelled_by?: 'merchant' | 'np';
  paid_at?: number;
  customer_payment_date?: string;
  base_np_transaction_id?: string;
  reregistered_as?: string;
  reregister_depth: number;
  ops: Record<NpOp, number>;
}

export type SandboxTxnState = 'registered' | 'shipped' | 'paid' | 'cancelled';

/** The admin listing's row (GET /__sandbox/transactions). */
export interface SandboxTxnView {
  np_transaction_id: string;
  shop_transaction_id: string;
  merchant_code: string;
  settlement_type: '02' | '03';
  billed_amount: number;
  state: SandboxTxnState;
  authori_result: '00' | '10' | '20' | '40';
  authori_ng?: string;
  authori_hold?: string[];
  payment_status: '10' | '20' | null;
  customer_payment_date?: string;
  base_np_transaction_id?: string;
  reregistered_as?: string;
  created_at: string;
  ops: Record<NpOp, number>;
}
