/** CSV: 受注CSV / 配送先商品CSV export, order import with column mapping and presets, bulk 出荷報告 from carrier CSVs. */
export { exportOrdersCsv, type ExportOrdersOptions } from './export';
export type { NpExportInfo } from './columns';
export { detectEncoding, decodeCsv, readCsvRecords, type CsvRecord } from './read';
export { suggestMapping, resolveMapping, mappingToHeaders, headerKey } from './headers';
export { parseOrderCsv, type ParsedOrderCsv, type ParseOrderCsvOptions } from './parse-orders';
export type { ParsedOrder } from './order-rows';
export { importOrders, planImport, type ImportOptions, type ImportRepository } from './import-orders';
export { createPresetStore, PRESETS_KEY, type PresetStore } from './presets';
export { parseShipmentCsv, previewShipments, applyShipments, type ParsedShipmentCsv, type ApplyShipmentsDeps } from './shipments';
export { createCsvService, npExportInfo, type CsvService, type CsvSession } from './service';
export { toCp932Text, CP932_STANDARD_MAP } from './cp932';
