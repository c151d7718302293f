/**
 * The contract: every method the renderer may call, with its zod input schema and result type, and the
 * events main pushes. The single source of truth for the preload, the IPC binding, the browser host, the
 * renderer's client and the core's dispatch table (docs/architecture.md). Adding a method is one entry
 * here (and its name in contract-names.ts) plus its handler in electron/core/app.
 */
import { z } from 'zod';
import { event, method, type ClientOf, type EventMessageOf, type HandlersOf, type MethodSpec, type EventSpec } from './contract-kit';
import type { ContractEvent, ContractMethod } from './contract-names';
import type { Order } from './order';
import { OrderInputSchema } from './order-schema';
import { DeliveryNoteGreetingSchema, ShopProfileSchema } from './shop';
import { DELIVERY_NOTES_MAX, DELIVERY_NOTES_PAGE, type DeliveryNotesData, type DeliveryNotesOutput } from './delivery-note';
import { carrierCsvInputSchema, type CarrierCsvResult } from './carrier-csv';
import { OrderSearchCriteriaSchema, type OrderSearchResult } from './search';
import type { NpEnvironment } from './np/api-types';
import { NP_ACTIONS } from './np/status';
import { SAVE_ACTIONS, type SavePlan } from './save-plan';
import type { NpHistoryEntry, NpOrderInfo, SyncProgress, SyncState, SyncSummary } from './sync';
import {
  csvEncodingSchema,
  csvExportKindSchema,
  csvImportCancelInputSchema,
  csvImportCommitInputSchema,
  csvImportPreviewInputSchema,
  csvImportStageInputSchema,
  csvSavePresetInputSchema,
  shipmentCsvInputSchema,
  type CsvExportResult,
  type CsvImportPreview,
  type CsvImportProgress,
  type CsvImportReport,
  type CsvPreferences,
  type ShipmentApplyResult,
  type ShipmentPreview,
} from './csv';
import { npIdAttachInputSchema, reregisterBulkInputSchema, type NpIdAttachResult } from './np-settle';
import { backupRestoreInputSchema, type BackupListing, type BackupRestoreResult, type BackupWriteResult } from './backup';
import { SavedSearchSchema, type SavedSearch, type WorkQueuesState } from './work-queues';
import {
  BulkOrderIdsSchema,
  BulkShipmentInputSchema,
  BulkStatusInputSchema,
  type BulkCancelPlan,
  type BulkShipmentDraftRow,
  type BulkShipmentResult,
  type BulkStatusResult,
} from './bulk';
import {
  mailInputs,
  type DemoInboxMessage,
  type MailPreview,
  type MailQueueResult,
  type MailRecord,
  type MailSettingsView,
  type MailSummary,
  type MailTemplatesView,
} from './mail/types';
import type { ZipAddress } from './zip-address';

/** lookupZip's answer: the zip code as 7 digits (null when it is not) and its entries ([] when unknown). */
export interface ZipLookupResult {
  zip: string | null;
  entries: ZipAddress[];
}

const noInput = z.union([z.undefined(), z.null(), z.object({}).strict()]);
const orderId = z.number({ error: '受注IDは数値で指定してください' }).int().positive();
const orderIdList = (max: number) =>
  z.array(orderId, { error: '受注を選択してください' }).min(1, { error: '受注を1件以上選択してください' }).max(max, { error: `一度に出力できるのは${max.toLocaleString('ja-JP')}件までです` });

export const CREDENTIAL_ENVIRONMENTS = ['test', 'production'] as const;
export const NP_ENVIRONMENTS = ['sandbox', 'test', 'production'] as const satisfies readonly NpEnvironment[];
export const NP_ENVIRONMENT_LABELS: Record<NpEnvironment, string> = {
  sandbox: 'デモ（内蔵NPサンドボックス）',
  test: 'NPテスト環境',
  production: 'NP本番環境',
};

/** An order with everything the edit dialog shows. */
export interface OrderDetail {
  order: Order;
  /** The NP side; null for orders that are not NP後払い and never had an NP transaction. */
  np: NpOrderInfo | null;
  /** 購入履歴: orders by the same buyer. */
  purchaseCount: number;
}

export interface AppInfo {
  version: string;
  mode: 'demo' | 'live';
  environment: NpEnvironment;
  transport: 'ipc' | 'http';
  /** Stored credentials that cannot be read or decrypted (the app still opens; a banner leads to 設定), or null. */
  credentialsProblem: string | null;
}

export const AppSettingsSchema = z.object({
  environment: z.enum(NP_ENVIRONMENTS, { error: '接続先を選択してください' }),
  defaultCarrierCode: z.string().regex(/^\d{5}$/u, { error: '配送業者コードは5桁の数字です' }).nullable(),
  autoRefreshMinutes: z.number().int().min(0, { error: '自動更新の間隔は0分（しない）以上です' }).max(1440, { error: '自動更新の間隔は1440分以内です' }),
  csvEncoding: z.enum(['cp932', 'utf8bom']),
  creditLimit: z.number().int().min(1, { error: '利用限度額は1円以上です' }).max(10_000_000),
  siteName: z.string().max(50, { error: 'サイト名は50文字以内です' }),
  /** NP履歴の保存期間: events older than this many months keep outcome and codes, not NP's raw answer (np/compaction.ts). */
  npHistoryRetentionMonths: z.number({ error: 'NP履歴の保存期間は月数で入力してください' }).int({ error: 'NP履歴の保存期間は整数の月数です' }).min(1, { error: 'NP履歴の保存期間は1か月以上です' }).max(120, { error: 'NP履歴の保存期間は120か月以内です' }),
  // 帳票 (issue 11): the shop block of the 納品書 / ご依頼主 of the 送り状 data, and the 納品書's greeting.
  shop: ShopProfileSchema,
  deliveryNoteGreeting: DeliveryNoteGreetingSchema,
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export interface CredentialSlotStatus {
  configured: boolean;
  merchantCodeMasked: string | null;
  terminalId: string | null;
}
export interface CredentialsStatus {
  test: CredentialSlotStatus;
  production: CredentialSlotStatus;
  /** null when credentials can be stored securely here; otherwise why not (Japanese). */
  storageUnavailable: string | null;
}

export const CredentialsInputSchema = z.object({
  environment: z.enum(CREDENTIAL_ENVIRONMENTS),
  merchantCode: z.string().trim().min(1, { error: '加盟店コードを入力してください' }).max(40, { error: '加盟店コードが長すぎます' }),
  spCode: z.string().trim().min(1, { error: 'SPコードを入力してください' }).max(200, { error: 'SPコードが長すぎます' }),
  terminalId: z.string().trim().min(1, { error: '端末IDを入力してください' }).max(40, { error: '端末IDが長すぎます' }),
});

export interface BulkActionResult {
  orderId: number;
  orderNo: string;
  ok: boolean;
  message: string; // Japanese: 「出荷報告を送信待ちにしました。」 or why not
}

/**
 * An export as the renderer receives it. In Electron the file went where staff chose in the save dialog
 * (filePath; null = cancelled); in the browser host it is offered for download (`download`, passed to the
 * client's downloadUrl()).
 */
export interface CsvExportDownload extends CsvExportResult {
  download: string | null;
}

export interface BuyerOutstanding {
  outstanding: number; // the buyer's open NP total (registered, not cancelled, not paid)
  limit: number;
  wouldExceed: boolean;
}

export const contract = {
  appInfo: method(noInput).returns<AppInfo>(),
  searchOrders: method(OrderSearchCriteriaSchema).returns<OrderSearchResult>(),
  getOrder: method(z.object({ id: orderId })).returns<OrderDetail>(),
  /** 受注登録: an NP後払い order is queued for 取引登録 when registerWithNp is true. */
  createOrder: method(z.object({ order: OrderInputSchema, registerWithNp: z.boolean() })).returns<OrderDetail>(),
  /** この内容で登録する: saves locally and, in the same transaction, queues 取引修正 or キャンセル when asked. */
  saveOrder: method(
    z.object({ id: orderId, order: OrderInputSchema, npAction: z.enum(SAVE_ACTIONS).nullable() }),
  ).returns<OrderDetail>(),
  /**
   * What saving the edited order means at NP (the action, the question for staff, the 取引修正 preview), computed
   * without writing; with `action`, the plan for that NP panel button. saveOrder then takes the decision.
   */
  planSave: method(z.object({ id: orderId, order: OrderInputSchema, action: z.enum(SAVE_ACTIONS).optional() })).returns<SavePlan>(),
  queueNpAction: method(
    z.object({
      orderId,
      action: z.enum(NP_ACTIONS),
      carrierCode: z.string().regex(/^\d{5}$/u, { error: '配送業者を選択してください' }).optional(),
      slipNo: z.string().trim().max(20, { error: '配送伝票番号は20文字以内です' }).optional(),
    }),
  ).returns<OrderDetail>(),
  /** 一括出荷報告 (each order's own 配送業者 and 配送伝票番号), 一括キャンセル or 一括取引登録 (e.g. the orders a CSV import brought). */
  queueNpBulk: method(z.object({ orderIds: z.array(orderId).min(1).max(10_000), action: z.enum(['shipment', 'cancel', 'register']) })).returns<{ results: BulkActionResult[] }>(),
  attachNpTransactionId: method(
    z.object({ orderId, npTransactionId: z.string().trim().regex(/^[0-9A-Za-z]{11}$/u, { error: 'NP取引IDは半角英数字11桁です' }) }),
  ).returns<OrderDetail>(),
  npHistory: method(z.object({ orderId })).returns<NpHistoryEntry[]>(),
  buyerOutstanding: method(z.object({ tel: z.string().max(30), amount: z.number().int().min(0), excludeOrderId: orderId.optional() })).returns<BuyerOutstanding>(),
  startSync: method(noInput).returns<SyncSummary>(),
  syncState: method(noInput).returns<SyncState>(),
  getSettings: method(noInput).returns<AppSettings>(),
  setSettings: method(AppSettingsSchema.partial()).returns<AppSettings>(),
  credentialsStatus: method(noInput).returns<CredentialsStatus>(),
  /** Verifies the credentials against NP first; stores them encrypted only when NP accepts them. */
  setCredentials: method(CredentialsInputSchema).returns<CredentialsStatus>(),
  clearCredentials: method(z.object({ environment: z.enum(CREDENTIAL_ENVIRONMENTS) })).returns<CredentialsStatus>(),
  testConnection: method(z.object({ environment: z.enum(NP_ENVIRONMENTS) })).returns<{ ok: boolean; message: string }>(),
  /** Exports everything the criteria match, in the list's order (paging ignored). */
  csvExport: method(z.object({ criteria: OrderSearchCriteriaSchema, kind: csvExportKindSchema, encoding: csvEncodingSchema })).returns<CsvExportDownload>(),
  /** 受注CSVの取り込み, staged: the file is sent once, then previewed/committed by stage id; 中止 = csvImportCancel. */
  csvImportStage: method(csvImportStageInputSchema).returns<CsvImportPreview>(),
  csvImportPreview: method(csvImportPreviewInputSchema).returns<CsvImportPreview>(),
  csvImportCommit: method(csvImportCommitInputSchema).returns<CsvImportReport>(),
  csvImportCancel: method(csvImportCancelInputSchema).returns<{ cancelled: boolean }>(),
  csvPresets: method(noInput).returns<CsvPreferences>(),
  csvSavePreset: method(csvSavePresetInputSchema).returns<CsvPreferences>(),
  csvShipmentsPreview: method(shipmentCsvInputSchema).returns<ShipmentPreview>(),
  csvShipmentsApply: method(shipmentCsvInputSchema).returns<ShipmentApplyResult>(),
  // 帳票 (issue 11): the 納品書's print data (≤ 100 a call: the print view pages through them), 「帳票出力」,
  // 出力済み marks (the browser host's print tab), 送り状データ for the carriers.
  deliveryNotes: method(z.object({ orderIds: orderIdList(DELIVERY_NOTES_PAGE) })).returns<DeliveryNotesData>(),
  outputDeliveryNotes: method(z.object({ orderIds: orderIdList(DELIVERY_NOTES_MAX), output: z.enum(['print', 'pdf']) })).returns<DeliveryNotesOutput>(),
  markDeliveryNotesPrinted: method(z.object({ orderIds: orderIdList(DELIVERY_NOTES_MAX) })).returns<{ printedAt: number; count: number }>(),
  carrierCsvExport: method(carrierCsvInputSchema).returns<CarrierCsvResult>(),
  /** Demo mode only: wipes the local data and the embedded sandbox and seeds new demo orders. */
  demoReset: method(noInput).returns<{ orders: number }>(),
  // 設定 → バックアップ (docs/data.md): list, restore (backs up the current data first, then reopens on the copy),
  // and one written now to a place staff choose (null = cancelled).
  backupList: method(noInput).returns<BackupListing>(),
  backupRestore: method(backupRestoreInputSchema).returns<BackupRestoreResult>(),
  backupWrite: method(noInput).returns<BackupWriteResult | null>(),
  // 「登録されたか不明」 settled in bulk (docs/sync.md): NP取引IDs from NP's transaction CSV (preview or apply, one
  // transaction), and 再登録 of orders staff confirmed are not at NP.
  npIdAttachCsv: method(npIdAttachInputSchema).returns<NpIdAttachResult>(),
  npReregisterAmbiguous: method(reregisterBulkInputSchema).returns<{ results: BulkActionResult[] }>(),
  // The day's work (issue 17): 要対応 queues, saved searches, bulk 出荷報告 / キャンセル / 対応状況 (shared/work-queues.ts, shared/bulk.ts).
  workQueues: method(noInput).returns<WorkQueuesState>(),
  /** Staff opened 「NP入金済み」: the payments seen so far stop counting. */
  markPaymentsSeen: method(noInput).returns<WorkQueuesState>(),
  savedSearches: method(noInput).returns<SavedSearch[]>(),
  /** 名前を付けて保存 (the same name replaces). */
  saveSearch: method(SavedSearchSchema).returns<SavedSearch[]>(),
  deleteSavedSearch: method(z.object({ name: z.string().max(30) })).returns<SavedSearch[]>(),
  /** The 一括出荷報告 dialog's rows: the orders' own values, else 設定's 配送業者 and today. */
  planBulkShipment: method(BulkOrderIdsSchema).returns<{ rows: BulkShipmentDraftRow[] }>(),
  /** Checks every row; only when all are valid: 発送済み + 発送日 + 出荷報告 queued, in one transaction. */
  shipOrdersBulk: method(BulkShipmentInputSchema).returns<BulkShipmentResult>(),
  planBulkCancel: method(BulkOrderIdsSchema).returns<BulkCancelPlan>(),
  /** NPの取引をキャンセルする: per order, the NP キャンセル queued and 対応状況 → キャンセル. */
  cancelOrdersBulk: method(BulkOrderIdsSchema).returns<{ results: BulkActionResult[]; stockReminder: boolean }>(),
  setOrderStatusBulk: method(BulkStatusInputSchema).returns<BulkStatusResult>(),
  // メール (docs/mail.md): settings (the SMTP password is write-only), templates, preview, queue, history, デモ受信箱.
  mailSettings: method(noInput).returns<MailSettingsView>(),
  mailSetSettings: method(mailInputs.setSettings).returns<MailSettingsView>(),
  mailSetPassword: method(mailInputs.setPassword).returns<MailSettingsView>(),
  /** Sends a test mail through the outbox and waits (up to ~20 s) for the server's answer. */
  mailTestSend: method(mailInputs.testSend).returns<{ ok: boolean; message: string }>(),
  mailTemplates: method(noInput).returns<MailTemplatesView>(),
  /** Refuses unknown placeholders. */
  mailSaveTemplate: method(mailInputs.saveTemplate).returns<MailTemplatesView>(),
  mailResetTemplate: method(mailInputs.resetTemplate).returns<MailTemplatesView>(),
  /** The mail a template (or an unsaved draft of it) makes for a real order. */
  mailPreview: method(mailInputs.preview).returns<MailPreview>(),
  /** 一括通知 / 個別通知: 'confirm' for orders that already got this template, unless resend. */
  mailQueue: method(mailInputs.queue).returns<{ results: MailQueueResult[] }>(),
  mailList: method(mailInputs.list).returns<MailRecord[]>(),
  mailSummaries: method(mailInputs.summaries).returns<MailSummary[]>(),
  /** Staff decide on a failed or 送信結果不明 mail: send it again, or record that it arrived. */
  mailResolve: method(mailInputs.resolve).returns<MailRecord>(),
  mailInbox: method(noInput).returns<DemoInboxMessage[]>(),
  /** 〒 → 住所: Japan Post's entries of a zip code (issue 14), for auto-fill and the zip ↔ address check. */
  lookupZip: method(z.object({ zip: z.string().max(20, { error: '郵便番号が長すぎます' }) })).returns<ZipLookupResult>(),
} satisfies Record<ContractMethod, MethodSpec>;

export const events = {
  syncProgress: event<SyncProgress>(),
  syncFinished: event<SyncSummary>(),
  ordersChanged: event<{ ids: number[] | null }>(), // null = many or unknown: reload the list
  connectivity: event<{ online: boolean; message: string | null }>(),
  mailChanged: event<{ orderIds: number[] }>(), // a mail of these orders was queued, sent or failed
  csvImportProgress: event<CsvImportProgress>(),
} satisfies Record<ContractEvent, EventSpec>;

export type Contract = typeof contract;
export type Events = typeof events;
export type Api = ClientOf<Contract>;
export type Handlers = HandlersOf<Contract>;
export type EventMessage = EventMessageOf<Events>;

// Both name lists and both objects must agree exactly.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractNamesMatch: Exact<keyof Contract, ContractMethod> = true;
export const eventNamesMatch: Exact<keyof Events, ContractEvent> = true;
