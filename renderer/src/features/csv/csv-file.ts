/**
 * Pure helpers of the CSV dialogs: a picked file as the contract's payload (bytes as base64), the mapping
 * screen's rows and column choices, and a mapping as header texts for presets.
 */
import {
  IMPORT_FIELDS,
  IMPORT_FIELD_GROUP_LABELS,
  IMPORT_FIELD_INFO,
  type CsvFilePayload,
  type CsvResolvedMapping,
  type ImportField,
  type ImportFieldGroup,
} from '../../../../shared/csv';

/** Bytes → base64 in chunks (String.fromCharCode with a spread of a whole file would overflow the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export async function filePayload(file: Blob & { name: string }): Promise<CsvFilePayload> {
  return { fileName: file.name, dataBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** The file an el-upload handed over as the contract's payload, or null (nothing picked, or unreadable: told to `fail`). */
export async function pickedPayload(upload: { raw?: Blob & { name: string } }, fail: (e: unknown) => void): Promise<CsvFilePayload | null> {
  if (!upload.raw) return null;
  return filePayload(upload.raw).catch((e: unknown) => {
    fail(e);
    return null;
  });
}

export interface ColumnOption {
  value: number;
  label: string;
}

/** '3列目: 電話番号（例: 03-1234-5678）' for each column of the file. */
export function columnOptions(headers: readonly string[], sampleRows: readonly (readonly string[])[]): ColumnOption[] {
  return headers.map((h, i) => {
    const example = sampleRows.map((r) => r[i] ?? '').find((v) => v.trim() !== '');
    const shown = example && example.length > 20 ? `${example.slice(0, 20)}…` : example;
    return { value: i, label: `${i + 1}列目: ${h || '（見出しなし）'}${shown ? `（例: ${shown}）` : ''}` };
  });
}

export interface MappingGroup {
  group: ImportFieldGroup;
  label: string;
  fields: ImportField[];
}

/** The mapping screen's sections, in the order of IMPORT_FIELDS. */
export const MAPPING_GROUPS: MappingGroup[] = (['order', 'customer', 'shipTo', 'line', 'np'] as const).map((group) => ({
  group,
  label: IMPORT_FIELD_GROUP_LABELS[group],
  fields: IMPORT_FIELDS.filter((f) => IMPORT_FIELD_INFO[f].group === group),
}));

/** The mapping with every field present ([] = not mapped), as the selects edit it. */
export function editableMapping(mapping: CsvResolvedMapping): Record<ImportField, number[]> {
  return Object.fromEntries(IMPORT_FIELDS.map((f) => [f, [...(mapping[f] ?? [])]])) as Record<ImportField, number[]>;
}

/** Only the mapped fields (what the contract takes). */
export function compactMapping(mapping: Record<ImportField, number[]>): CsvResolvedMapping {
  const out: CsvResolvedMapping = {};
  for (const f of IMPORT_FIELDS) if (mapping[f].length) out[f] = [...mapping[f]];
  return out;
}

/** Column indexes → header texts (how a preset is stored, so it fits when a cart reorders its columns). */
export function mappingAsHeaders(headers: readonly string[], mapping: CsvResolvedMapping): Partial<Record<ImportField, string[]>> {
  const out: Partial<Record<ImportField, string[]>> = {};
  for (const f of IMPORT_FIELDS) {
    const names = (mapping[f] ?? []).map((i) => headers[i] ?? '').filter((h) => h !== '');
    if (names.length) out[f] = names;
  }
  return out;
}

/** At most `max` rows for a table, and how many were left out. */
export function firstRows<T>(rows: readonly T[], max = 500): { shown: T[]; hidden: number } {
  return { shown: rows.slice(0, max), hidden: Math.max(0, rows.length - max) };
}
