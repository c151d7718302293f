/**
 * vue-i18n (Composition API mode): Japanese first, English as the second catalogue. The chosen language is
 * remembered in localStorage (a UI preference, not application data).
 */
import { createI18n } from 'vue-i18n';
import { ja, type MessageSchema } from './ja';
import { en } from './en';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { ja: '日本語', en: 'English' };

const STORAGE_KEY = 'atobarai.locale';

function storedLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export function createAppI18n(locale: Locale = storedLocale()) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'ja',
    messages: { ja, en },
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this session only
  }
}
