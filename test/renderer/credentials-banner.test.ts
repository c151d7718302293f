/**
 * The startup fallback's banner: unreadable credentials open the app with a banner that names the problem and
 * leads to 設定; once new credentials are saved there, the core says all is well and the banner goes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/contract';
import CredentialsProblemBanner from '../../renderer/src/features/startup/CredentialsProblemBanner.vue';
import { useAppStore } from '../../renderer/src/stores/app';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';

const info = (credentialsProblem: string | null): AppInfo => ({ version: '1.0.0', mode: 'live', environment: 'production', transport: 'ipc', credentialsProblem });
const PROBLEM = '保存されているNP本番環境の認証情報を復号できません（/x/credentials.bin）。設定画面で認証情報を登録し直してください。';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

describe('CredentialsProblemBanner', () => {
  it('shows nothing while the credentials are readable', async () => {
    useAppStore().info = info(null);
    const w = mountApp(CredentialsProblemBanner);
    await settle();
    expect(w.find('[data-test="credentials-banner"]').exists()).toBe(false);
  });

  it('names the problem, leads to 設定, and goes once the core reports readable credentials', async () => {
    let problem: string | null = PROBLEM;
    useMemoryTransport({ appInfo: () => info(problem) });
    const app = useAppStore();
    app.info = info(problem);
    const w = mountApp(CredentialsProblemBanner);
    await settle();
    const banner = w.find('[data-test="credentials-banner"]');
    expect(banner.exists()).toBe(true);
    expect(banner.attributes('role')).toBe('alert');
    expect(banner.text()).toContain('認証情報を読み込めません');
    expect(w.find('[data-test="credentials-reason"]').text()).toBe(PROBLEM);

    await w.find('[data-test="credentials-open-settings"]').trigger('click');
    expect(app.view).toBe('settings');
    await settle();
    expect(w.find('[data-test="credentials-open-settings"]').exists()).toBe(false); // already there

    problem = null; // staff saved new credentials; SettingsView refreshes the app info
    await app.refreshInfo();
    await settle();
    expect(w.find('[data-test="credentials-banner"]').exists()).toBe(false);
  });
});
