/**
 * The app-wide state: what the core says about itself (demo or live), the settings, and which screen is open.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/client';
import type { AppInfo, AppSettings } from '../../../shared/contract';
import { messageOf } from '../../../shared/error-message';

export const VIEWS = ['orders', 'create', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const settings = ref<AppSettings | null>(null);
  const view = ref<View>('orders');
  const loadError = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      const [i, s] = await Promise.all([api.appInfo(undefined), api.getSettings(undefined)]);
      info.value = i;
      settings.value = s;
      loadError.value = null;
    } catch (e) {
      loadError.value = messageOf(e);
    }
  }

  let first: Promise<void> | null = null;
  /** The first load, shared by everyone who needs the settings at startup (one getSettings, not one each). */
  function ready(): Promise<void> {
    first ??= load();
    return first;
  }

  /** Re-reads what the core says about itself (after credentials were saved or cleared); keeps the old info on failure. */
  async function refreshInfo(): Promise<void> {
    try {
      info.value = await api.appInfo(undefined);
    } catch {
      // the next load shows the error
    }
  }

  async function saveSettings(patch: Partial<AppSettings>): Promise<AppSettings> {
    const next = await api.setSettings(patch);
    settings.value = next;
    if (patch.environment) info.value = await api.appInfo(undefined);
    return next;
  }

  return { info, settings, view, loadError, load, ready, refreshInfo, saveSettings };
});
