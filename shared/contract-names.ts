/**
 * The names of the contract's methods and events, without their schemas, for the preload (which must
 * stay small) and the IPC binding. shared/contract.ts must define exactly these (checked by its types).
 */
export const CONTRACT_METHODS = [
  'appInfo',
  'searchOrders',
  'getOrder',
  'createOrder',
  'saveOrder',
  'planSave',
  'queueNpAction',
  'queueNpBulk',
  'attachNpTransactionId',
  'npHistory',
  'buyerOutstanding',
  'startSync',
  'syncState',
  'getSettings',
  'setSettings',
  'credentialsStatus',
  'setCredentials',
  'clearCredentials',
  'testConnection',
  'csvExport',
  'csvImportStage',
  'csvImportPreview',
  'csvImportCommit',
  'csvImportCancel',
  'csvPresets',
  'csvSavePreset',
  'csvShipmentsPreview',
  'csvShipmentsApply',
  // 帳票 (issue 11)
  'deliveryNotes',
  'outputDeliveryNotes',
  'markDeliveryNotesPrinted',
  'carrierCsvExport',
  'demoReset',
  'backupList',
  'backupRestore',
  'backupWrite',
  'npIdAttachCsv',
  'npReregisterAmbiguous',
  // The day's work (issue 17)
  'workQueues',
  'markPaymentsSeen',
  'savedSearches',
  'saveSearch',
  'deleteSavedSearch',
  'planBulkShipment',
  'shipOrdersBulk',
  'planBulkCancel',
  'cancelOrdersBulk',
  'setOrderStatusBulk',
  // メール
  'mailSettings',
  'mailSetSettings',
  'mailSetPassword',
  'mailTestSend',
  'mailTemplates',
  'mailSaveTemplate',
  'mailResetTemplate',
  'mailPreview',
  'mailQueue',
  'mailList',
  'mailSummaries',
  'mailResolve',
  'mailInbox',
  // 〒 → 住所 (issue 14: Japan Post's data stays in the core)
  'lookupZip',
] as const;
export type ContractMethod = (typeof CONTRACT_METHODS)[number];

export const CONTRACT_EVENTS = ['syncProgress', 'syncFinished', 'ordersChanged', 'connectivity', 'mailChanged', 'csvImportProgress'] as const;
export type ContractEvent = (typeof CONTRACT_EVENTS)[number];

/** IPC channel names: one per method, one for all events. */
export const ipcChannel = (method: ContractMethod): string => `atobarai:${method}`;
export const IPC_EVENT_CHANNEL = 'atobarai:event';

/** The name under which the preload exposes the API on window. */
export const BRIDGE_GLOBAL = 'atobarai';
