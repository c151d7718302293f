/**
 * 設定: the SPコード is write-only — a password field that is never filled from the core and is emptied after
 * saving, whether NP accepted the credentials or not — and the other settings go to setSettings.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { AppSettings, CredentialsStatus } from '../../shared/contract';
import SettingsView from '../../renderer/src/features/settings/SettingsView.vue';
import { useAppStore } from '../../renderer/src/stores/app';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';

const settings: AppSettings = { environment: 'sandbox', defaultCarrierCode: '59010', autoRefreshMinutes: 15, csvEncoding: 'cp932', creditLimit: 55_000, siteName: 'みどり園', npHistoryRetentionMonths: 13, shop: { name: '', zip: '', address: '', tel: '', email: '' }, deliveryNoteGreeting: '' };
const status = (configured: boolean): CredentialsStatus => ({
  test: { configured, merchantCodeMasked: configured ? 'akt****001' : null, terminalId: configured ? '9000000001' : null },
  production: { configured: false, merchantCodeMasked: null, terminalId: null },
  storageUnavailable: null,
});

async function fill(name: string, value: string): Promise<void> {
  const el = document.body.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await nextTick();
}
const value = (name: string) => document.body.querySelector<HTMLInputElement>(`input[name="${name}"]`)!.value;

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
  useAppStore().settings = { ...settings };
});

describe('SettingsView', () => {
  it('never shows the SP code: a password field, empty, and emptied after saving', async () => {
    let accept = false;
    const t = useMemoryTransport({
      credentialsStatus: () => status(false),
      setCredentials: () => {
        if (!accept) throw Object.assign(new Error('NPが接続情報を受け付けませんでした（認証エラー）'), { code: 'credentials' });
        return status(true);
      },
    });
    const w = mountApp(SettingsView);
    await settle();
    const sp = document.body.querySelector<HTMLInputElement>('input[name="test.spCode"]')!;
    expect(sp.type).toBe('password');
    expect(sp.value).toBe('');

    await fill('test.merchantCode', 'akt0000001');
    await fill('test.spCode', 'secret-sp-code');
    await fill('test.terminalId', '9000000001');
    await w.find('[data-test="cred-test"]').trigger('submit');
    await settle(10);
    expect(t.calls.find((c) => c.method === 'setCredentials')?.input).toEqual({ environment: 'test', merchantCode: 'akt0000001', spCode: 'secret-sp-code', terminalId: '9000000001' });
    expect(value('test.spCode')).toBe(''); // refused: still not kept on screen

    accept = true;
    await fill('test.spCode', 'secret-sp-code');
    await w.find('[data-test="cred-test"]').trigger('submit');
    await settle(10);
    expect(value('test.spCode')).toBe('');
    expect(w.find('[data-test="cred-test"]').text()).toContain('設定済み（akt****001）');
    expect(document.body.innerHTML).not.toContain('secret-sp-code');
  });

  it('saves the behaviour settings and tests the connection of the chosen environment', async () => {
    const t = useMemoryTransport({
      credentialsStatus: () => status(false),
      setSettings: (patch: Partial<AppSettings>) => ({ ...settings, ...patch }),
      testConnection: () => ({ ok: true, message: 'デモ（内蔵NPサンドボックス）に接続しました' }),
    });
    const w = mountApp(SettingsView);
    await settle();
    await fill('siteName', '緑茶のみどり園');
    expect(value('npHistoryRetentionMonths')).toBe('13');
    await w.find('form.general').trigger('submit');
    await settle(10);
    expect(t.calls.find((c) => c.method === 'setSettings')?.input).toMatchObject({ siteName: '緑茶のみどり園', creditLimit: 55_000, defaultCarrierCode: '59010', npHistoryRetentionMonths: 13 });
    expect(useAppStore().settings?.siteName).toBe('緑茶のみどり園');
    await w.find('[data-test="test-connection"]').trigger('click');
    await settle(10);
    expect(t.calls.find((c) => c.method === 'testConnection')?.input).toEqual({ environment: 'sandbox' });
    expect(w.find('[data-test="test-result"]').text()).toBe('デモ（内蔵NPサンドボックス）に接続しました');
  });
});
