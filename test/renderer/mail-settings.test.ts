/**
 * 設定 → メール: the SMTP password is write-only — a password field the core never fills (it says only whether one
 * is stored), emptied after saving whether the save worked or not — and the other settings go to mailSetSettings
 * (the interval typed in seconds, sent in milliseconds).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { DEFAULT_MAIL_SETTINGS, type MailSettings, type MailSettingsView } from '../../shared/mail/types';
import MailSettingsSection from '../../renderer/src/features/mail/MailSettingsSection.vue';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';

function view(settings: MailSettings, passwordSet: boolean): MailSettingsView {
  return { settings, passwordSet, delivery: { kind: 'smtp', label: `${settings.host}:${settings.port}` }, storageUnavailable: null, queued: 0, waiting: null };
}
async function fill(name: string, value: string): Promise<void> {
  const el = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(`input[name="${name}"], textarea[name="${name}"]`)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await nextTick();
}
const input = (name: string) => document.body.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

describe('MailSettingsSection', () => {
  it('never shows the SMTP password and empties the field after saving', async () => {
    let current = view({ ...DEFAULT_MAIL_SETTINGS, host: 'smtp.example.jp', user: 'shop' }, true);
    let refuse = true;
    const t = useMemoryTransport({
      mailSettings: () => current,
      mailSetSettings: (patch: Partial<MailSettings>) => (current = view({ ...current.settings, ...patch }, current.passwordSet)),
      mailSetPassword: () => {
        if (refuse) throw Object.assign(new Error('暗号化できません'), { code: 'credentials' });
        return (current = view(current.settings, true));
      },
    });
    const w = mountApp(MailSettingsSection);
    await settle();
    const pw = input('smtpPassword');
    expect(pw.type).toBe('password');
    expect(pw.value).toBe('');
    expect(pw.placeholder).toContain('登録済み');
    expect(JSON.stringify(t.calls)).not.toContain('password":"');

    await fill('smtpPassword', 'smtp-secret-1');
    await fill('fromAddress', 'shop@example.jp');
    await w.find('form').trigger('submit');
    await settle(10);
    expect(input('smtpPassword').value).toBe(''); // refused: still not kept on screen
    expect(t.calls.find((c) => c.method === 'mailSetSettings')?.input).toMatchObject({ host: 'smtp.example.jp', fromAddress: 'shop@example.jp', sendIntervalMs: 1000 });

    refuse = false;
    await fill('smtpPassword', 'smtp-secret-1');
    await w.find('form').trigger('submit');
    await settle(10);
    expect(t.calls.filter((c) => c.method === 'mailSetPassword').at(-1)?.input).toEqual({ password: 'smtp-secret-1' });
    expect(input('smtpPassword').value).toBe('');
    expect(document.body.textContent).not.toContain('smtp-secret-1');
  });
});
