/** The app's settings (設定画面), kept as one JSON row of the settings table. */
import type { Database } from 'better-sqlite3';
import { AppSettingsSchema, type AppSettings } from '../../../shared/contract';
import { DEFAULT_RETENTION_MONTHS } from '../np/compaction';
import { DEFAULT_DELIVERY_NOTE_GREETING, EMPTY_SHOP_PROFILE } from '../../../shared/shop';

const KEY = 'app.settings';

export const DEFAULT_SETTINGS: AppSettings = {
  environment: 'sandbox',
  defaultCarrierCode: '50000',
  autoRefreshMinutes: 15,
  csvEncoding: 'cp932',
  creditLimit: 55_000,
  siteName: '',
  npHistoryRetentionMonths: DEFAULT_RETENTION_MONTHS,
  shop: { ...EMPTY_SHOP_PROFILE },
  deliveryNoteGreeting: DEFAULT_DELIVERY_NOTE_GREETING,
};

export interface SettingsStore {
  get(): AppSettings;
  set(patch: Partial<AppSettings>): AppSettings;
}

export function createSettingsStore(db: Database): SettingsStore {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const get = (): AppSettings => {
    const raw = read.get(KEY);
    if (!raw) return { ...DEFAULT_SETTINGS };
    // Settings written by an older version may lack newer keys: defaults fill them; invalid values fall back.
    const parsed = AppSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as object) });
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
  };
  return {
    get,
    set(patch) {
      const next = AppSettingsSchema.parse({ ...get(), ...patch });
      write.run(KEY, JSON.stringify(next));
      return next;
    },
  };
}
