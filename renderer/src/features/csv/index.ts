/**
 * The CSV dialogs for the order list toolbar (props/emit only; they call the contract client themselves):
 * - CsvExportMenu: props { criteria }, emits exported — 受注CSV / 配送先商品CSV with the encoding choice;
 * - CsvImportDialog: v-model (open), emits imported(report) and register(orderIds) — staff's confirmation of
 *   取引登録 for NP後払い orders without an NP取引ID (the parent queues them);
 * - CsvShipmentDialog: v-model (open), emits applied(result) — bulk 出荷報告 from a carrier's CSV.
 */
export { default as CsvExportMenu } from './CsvExportMenu.vue';
export { default as CsvImportDialog } from './CsvImportDialog.vue';
export { default as CsvShipmentDialog } from './CsvShipmentDialog.vue';
