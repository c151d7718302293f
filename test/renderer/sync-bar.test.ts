/**
 * The sync bar: 「NP後払いステータス更新」 runs startSync; progress events show the phase and n/N; the last run says
 * what changed; NP unreachable shows the offline notice with the number of actions waiting.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import SyncBar from '../../renderer/src/features/sync/SyncBar.vue';
import { useCoreEvents } from '../../renderer/src/composables/use-core-events';
import { defineComponent, h } from 'vue';
import type { SyncState, SyncSummary } from '../../shared/sync';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';

const summary = (over: Partial<SyncSummary> = {}): SyncSummary => ({
  runId: 2,
  trigger: 'manual',
  startedAt: Date.UTC(2026, 10, 28, 0, 0),
  finishedAt: Date.UTC(2026, 10, 28, 0, 5),
  statusChanges: {},
  changedToNone: 0,
  sent: 0,
  failed: 0,
  ambiguous: 0,
  deferred: 0,
  requests: 1,
  online: true,
  error: null,
  ...over,
});

/** The bar plus the app's event wiring, as in App.vue. */
const WithEvents = defineComponent({
  setup() {
    useCoreEvents();
    return () => h(SyncBar);
  },
});

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

describe('SyncBar', () => {
  it('runs a sync on the button, shows progress from events, then what changed', async () => {
    let state: SyncState = { running: false, progress: null, lastRun: null, lastSuccessAt: null, online: true, pendingActions: 0 };
    let finish: (s: SyncSummary) => void = () => {};
    const t = useMemoryTransport({
      syncState: () => state,
      startSync: () => new Promise<SyncSummary>((r) => (finish = r)),
      searchOrders: () => ({ total: 0, offset: 0, rows: [] }),
    });
    const w = mountApp(WithEvents);
    expect(w.find('[data-test="sync-last"]').text()).toBe('まだ更新していません');
    await w.find('[data-test="sync-start"]').trigger('click');
    t.emit('syncProgress', { phase: 'authorizations', done: 40, total: 120 });
    await settle();
    expect(w.find('[data-test="sync-progress"]').text()).toContain('与信結果を取得中（40/120）');
    const done = summary({ statusChanges: { ok: 3 } });
    state = { ...state, lastRun: done, lastSuccessAt: done.finishedAt };
    finish(done);
    await settle(10);
    expect(t.calls.filter((c) => c.method === 'startSync')).toHaveLength(1);
    expect(w.find('[data-test="sync-progress"]').exists()).toBe(false);
    expect(w.find('[data-test="sync-last"]').text()).toBe('最終更新: 2026/11/28 09:05');
    expect(w.find('[data-test="sync-changes"]').text()).toBe('3件が審査OKになりました');
  });

  it('says plainly when NP cannot be reached, with the actions waiting', async () => {
    const offline = summary({ online: false, deferred: 2, error: { code: 'LOCAL_NETWORK', message: 'NPに接続できません' } });
    const t = useMemoryTransport({
      syncState: () => ({ running: false, progress: null, lastRun: offline, lastSuccessAt: Date.UTC(2026, 10, 27, 23, 0), online: false, pendingActions: 2 }),
      searchOrders: () => ({ total: 0, offset: 0, rows: [] }),
    });
    const w = mountApp(WithEvents);
    const { useSyncStore } = await import('../../renderer/src/stores/sync');
    await useSyncStore().refreshState();
    await settle();
    expect(w.find('[data-test="sync-offline"]').text()).toBe('NPに接続できません — 端末内のデータを表示しています');
    expect(w.find('[data-test="sync-pending"]').text()).toBe('NPへの送信待ち: 2件');
    expect(w.find('[data-test="sync-last"]').text()).toBe('最終更新: 2026/11/28 08:00');
    // back online through the connectivity event
    t.emit('connectivity', { online: true, message: null });
    await settle();
    expect(w.find('[data-test="sync-offline"]').exists()).toBe(false);
  });
});
