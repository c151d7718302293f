/** Saved column mappings (presets), kept as one JSON value under the key csv.presets of the settings table. */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { csvMappingPresetSchema, type CsvMappingPreset } from '../../../shared/csv';

export const PRESETS_KEY = 'csv.presets';

export interface PresetStore {
  list(): CsvMappingPreset[];
  get(name: string): CsvMappingPreset | undefined;
  /** Add or replace by name; returns the list. */
  save(preset: CsvMappingPreset): CsvMappingPreset[];
  /** Returns the list. */
  remove(name: string): CsvMappingPreset[];
}

const storedSchema = z.array(csvMappingPresetSchema);

export function createPresetStore(db: Database): PresetStore {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const list = (): CsvMappingPreset[] => {
    const raw = read.get(PRESETS_KEY);
    if (!raw) return [];
    // A value another version wrote that does not fit is ignored rather than breaking the import screen.
    const parsed = storedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  };
  const store = (presets: CsvMappingPreset[]): CsvMappingPreset[] => {
    const sorted = [...presets].sort((a, b) => a.name.localeCompare(b.name, 'ja'));
    write.run(PRESETS_KEY, JSON.stringify(sorted));
    return sorted;
  };

  return {
    list,
    get: (name) => list().find((p) => p.name === name.trim()),
    save(preset) {
      const valid = csvMappingPresetSchema.parse(preset);
      return store([...list().filter((p) => p.name !== valid.name), valid]);
    },
    remove: (name) => store(list().filter((p) => p.name !== name.trim())),
  };
}
