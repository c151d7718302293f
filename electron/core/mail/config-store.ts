/**
 * Mail settings and edited templates, kept as JSON rows of the settings table (like the app settings). The SMTP
 * password is not here: it lives in the SecretStore. Templates staff never edited follow the shipped defaults.
 */
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api-result';
import { unknownPlaceholders } from '../../../shared/mail/placeholders';
import { defaultTemplate, MAIL_TEMPLATE_IDS, type MailTemplate, type MailTemplateId } from '../../../shared/mail/templates';
import { DEFAULT_MAIL_SETTINGS, MailSettingsSchema, type MailSettings } from '../../../shared/mail/types';

const SETTINGS_KEY = 'mail.settings';
const TEMPLATES_KEY = 'mail.templates';
const CURSOR_KEY = 'mail.automation.cursor';

type Edited = Partial<Record<MailTemplateId, { subject: string; body: string }>>;

export function createMailConfigStore(db: Database) {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const json = <T>(key: string, fallback: T): T => {
    const raw = read.get(key);
    try {
      return raw ? (JSON.parse(raw) as T) : fallback;
    } catch {
      return fallback;
    }
  };

  const settings = (): MailSettings => {
    const parsed = MailSettingsSchema.safeParse({ ...DEFAULT_MAIL_SETTINGS, ...json<object>(SETTINGS_KEY, {}) });
    return parsed.success ? parsed.data : { ...DEFAULT_MAIL_SETTINGS };
  };

  const template = (id: MailTemplateId): MailTemplate => {
    const edited = json<Edited>(TEMPLATES_KEY, {})[id];
    return edited ? { ...defaultTemplate(id), ...edited, isDefault: false } : defaultTemplate(id);
  };

  return {
    settings,
    setSettings(patch: Partial<MailSettings>): MailSettings {
      const next = MailSettingsSchema.parse({ ...settings(), ...patch });
      write.run(SETTINGS_KEY, JSON.stringify(next));
      return next;
    },
    template,
    templates: (): MailTemplate[] => MAIL_TEMPLATE_IDS.map(template),
    /** Refuses placeholders the app does not know (a typo would reach the buyer as {{…}}). */
    saveTemplate(id: MailTemplateId, text: { subject: string; body: string }): MailTemplate {
      const unknown = unknownPlaceholders(`${text.subject}\n${text.body}`);
      if (unknown.length) {
        throw new ApiError({
          code: 'validation',
          message: `テンプレートを保存しませんでした。不明な差し込み項目があります: ${unknown.map((k) => `{{${k}}}`).join('、')}`,
          fields: [{ path: text.subject.includes(`{{${unknown[0]}`) ? 'subject' : 'body', message: `{{${unknown[0]}}} は使えない差し込み項目です` }],
        });
      }
      const all = json<Edited>(TEMPLATES_KEY, {});
      all[id] = { subject: text.subject, body: text.body };
      write.run(TEMPLATES_KEY, JSON.stringify(all));
      return template(id);
    },
    resetTemplate(id: MailTemplateId): MailTemplate {
      const all = json<Edited>(TEMPLATES_KEY, {});
      delete all[id];
      write.run(TEMPLATES_KEY, JSON.stringify(all));
      return template(id);
    },
    /** The last np_events id the automation looked at (null = never: it starts from the newest). */
    automationCursor: (): number | null => json<number | null>(CURSOR_KEY, null),
    setAutomationCursor: (id: number): void => void write.run(CURSOR_KEY, JSON.stringify(id)),
  };
}
export type MailConfigStore = ReturnType<typeof createMailConfigStore>;
